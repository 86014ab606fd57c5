'use strict';
const { readItem, cached } = require('./lib/store');

exports.handler = async (event) => {
  let input;
  try {
    input = JSON.parse(event.body);
    // A 500 with no log: the cause is lost.
    // ruleid: no-swallowed-errors
  } catch (e) {
    return { statusCode: 500, body: JSON.stringify({ message: 'Internal error' }) };
  }

  try {
    const item = (await cached(input.id)) ?? (await readItem(input.id));
    return { statusCode: 200, body: JSON.stringify(item) };
    // ok: no-swallowed-errors
  } catch (err) {
    console.error(err);
    return { statusCode: 500, body: 'Internal error' };
  }
};
