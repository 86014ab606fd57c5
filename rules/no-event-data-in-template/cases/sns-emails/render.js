const Handlebars = require('handlebars');
const ejs = require('ejs');

const GREETING = Handlebars.compile('<p>Hello {{name}}</p>');

exports.handler = async (event) => {
  const out = [];
  for (const { Sns } of event.Records) {
    const request = JSON.parse(Sns.Message);
    // ruleid: no-event-data-in-template
    const custom = Handlebars.compile(request.template);
    // Data passed to a fixed template is escaped by the engine.
    // ok: no-event-data-in-template
    out.push(GREETING({ name: request.name }), custom({}));
    // ruleid: no-event-data-in-template
    out.push(ejs.render(`<h1>${Sns.Subject}</h1><%= body %>`, { body: request.body }));
    // ok: no-event-data-in-template
    out.push(ejs.render('<h1><%= subject %></h1>', { subject: Sns.Subject }));
    // The topic is set by SNS.
    // ok: no-event-data-in-template
    out.push(ejs.render(`<footer>${Sns.TopicArn}</footer>`));
  }
  return out;
};
