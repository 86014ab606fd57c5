// No config names this handler: the whole event is attacker data.
import pug from 'pug';
import _ from 'lodash';
import template from 'lodash.template';
import Mustache from 'mustache';

export const handler = async (event, context) => {
  // ruleid: no-event-data-in-template
  const page = pug.compile(event.layout);
  // ok: no-event-data-in-template
  const fixed = pug.compile('p Hello #{name}');
  // ruleid: no-event-data-in-template
  const banner = _.template(`<b>${event.banner}</b>`);
  // ruleid: no-event-data-in-template
  const footer = template(event.footer);
  // ok: no-event-data-in-template
  const header = _.template('<b><%- title %></b>');
  // ruleid: no-event-data-in-template
  const note = Mustache.render(event.note, {});
  // ok: no-event-data-in-template
  const safeNote = Mustache.render('{{note}}', { note: event.note });
  return [page({}), fixed({ name: event.name }), banner(), footer(), header({ title: event.title }), note, safeNote].join('');
};
