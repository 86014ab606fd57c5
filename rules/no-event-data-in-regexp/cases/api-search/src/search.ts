import escapeStringRegexp from 'escape-string-regexp';
import _ from 'lodash';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const PRODUCTS = ['red shoes', 'blue hat'];

export const handler = async (event: APIGatewayProxyEvent) => {
  const term = event.queryStringParameters?.q ?? '';
  // ruleid: no-event-data-in-regexp
  const loose = new RegExp(term, 'i');
  // ruleid: no-event-data-in-regexp
  const anchored = RegExp(`^${event.queryStringParameters?.prefix}`);
  // Escaped: the text is matched literally.
  // ok: no-event-data-in-regexp
  const literal = new RegExp(escapeStringRegexp(term), 'i');
  // ok: no-event-data-in-regexp
  const viaLodash = new RegExp(_.escapeRegExp(term));
  // HTML escaping does not escape regular expression syntax.
  // ruleid: no-event-data-in-regexp
  const wrong = new RegExp(_.escape(term));
  const word = event.queryStringParameters?.word ?? '';
  if (!/^[a-z]{1,20}$/.test(word)) {
    return { statusCode: 400, body: 'bad word' };
  }
  // ok: no-event-data-in-regexp
  const checked = new RegExp(`\\b${word}\\b`);
  // The stage is configuration, not request data.
  // ok: no-event-data-in-regexp
  const stage = new RegExp(event.requestContext.stage);
  const hits = PRODUCTS.filter((p) => [loose, anchored, literal, viaLodash, wrong, checked, stage].some((r) => r.test(p)));
  return { statusCode: 200, body: JSON.stringify(hits) };
};
