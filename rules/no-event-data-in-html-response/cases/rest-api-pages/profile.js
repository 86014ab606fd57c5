const he = require('he');

const page = (title, content) => '<html><head><title>' + title + '</title></head><body>' + content + '</body></html>';

exports.handler = (event, context, callback) => {
  const user = event.pathParameters.user;
  const headers = { 'content-type': 'text/html' };
  if (event.headers['accept-language'] === 'fr') {
    // ok: no-event-data-in-html-response
    callback(null, { statusCode: 200, headers, body: page('Profil', he.encode(user)) });
    return;
  }
  // ruleid: no-event-data-in-html-response
  callback(null, { statusCode: 200, headers, body: page('Profile', user) });
};
