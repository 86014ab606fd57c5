const mysql = require('mysql2');

const db = mysql.createPool({ host: process.env.DB_HOST }).promise();

exports.handler = async (event) => {
  const { email, name: displayName = 'anonymous' } = event.request.userAttributes;
  // ruleid: no-event-data-in-sql-query
  await db.query(`INSERT INTO users (email, name) VALUES ('${email}', '${displayName}')`);
  // The pool id and the trigger source are set by Cognito.
  // ok: no-event-data-in-sql-query
  await db.query(`INSERT INTO pools (id, source) VALUES ('${event.userPoolId}', '${event.triggerSource}')`);
  // ok: no-event-data-in-sql-query
  await db.query('INSERT INTO users (email, name) VALUES (?, ?)', [email, displayName]);
  return event;
};
