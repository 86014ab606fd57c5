const _ = require('lodash');
const merge = require('lodash.merge');
const deepmerge = require('deepmerge');

const DEFAULTS = { theme: 'light', notifications: { email: true } };

exports.handler = async (event) => {
  const patch = JSON.parse(event.body);
  const settings = {};
  // ruleid: no-event-data-in-object-merge
  _.merge(settings, DEFAULTS, patch);
  // ruleid: no-event-data-in-object-merge
  merge({}, patch.notifications);
  // ruleid: no-event-data-in-object-merge
  const combined = deepmerge(DEFAULTS, patch);
  // ruleid: no-event-data-in-object-merge
  _.defaultsDeep({}, patch, DEFAULTS);
  // ruleid: no-event-data-in-object-merge
  _.set(settings, event.queryStringParameters.path, patch.value);
  // A constant path: the data is only the value.
  // ok: no-event-data-in-object-merge
  _.set(settings, 'profile.displayName', patch.displayName);
  // Picking known fields first: no attacker-chosen keys are merged.
  // ok: no-event-data-in-object-merge
  _.merge(settings, DEFAULTS, { theme: String(patch.theme) });
  // A shallow copy does not walk into __proto__.
  // ok: no-event-data-in-object-merge
  const shallow = Object.assign({}, DEFAULTS);
  return { statusCode: 200, body: JSON.stringify({ settings, combined, shallow }) };
};
