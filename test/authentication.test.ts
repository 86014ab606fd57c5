// The code-side fact "this handler authenticates requests itself", in JS/TS and Python.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCode } from '../server/src/engine/code/parse.js';
import { authenticationChecks } from '../server/src/engine/code/authentication.js';
import { allowsEveryRequest } from '../server/src/engine/code/authorizer-decision.js';

const js = (text: string, file = '/ws/h.ts') => authenticationChecks(parseCode(file, text, 'js')).map((e) => `${e.kind}:${e.text}`);
const py = (text: string) => authenticationChecks(parseCode('/ws/h.py', text, 'python')).map((e) => `${e.kind}:${e.text}`);

describe('handler authentication (JS/TS)', () => {
  it('JWT verification: jsonwebtoken, jose, aws-jwt-verify, named imports', () => {
    assert.deepEqual(js(`import jwt from 'jsonwebtoken'; export const handler = async (e) => { jwt.verify(e.headers.authorization, KEY); };`), ['jwt:jwt.verify']);
    assert.deepEqual(js(`import { verify } from 'jsonwebtoken'; export const handler = async (e) => { verify(t, KEY); };`), ['jwt:jsonwebtoken.verify']);
    assert.deepEqual(js(`import { jwtVerify, createRemoteJWKSet } from 'jose'; const { payload } = await jwtVerify(t, JWKS);`), ['jwt:jose.jwtVerify']);
    assert.deepEqual(js(`const v = CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: 'id' }); await v.verify(token);`), ['jwt:CognitoJwtVerifier.create']);
    assert.deepEqual(js(`await admin.auth().verifyIdToken(idToken);`), ['jwt:admin.auth.verifyIdToken']);
  });

  it('claims of an authorizer, read from requestContext.authorizer', () => {
    assert.deepEqual(js(`exports.handler = async (event) => { const sub = event.requestContext.authorizer.claims.sub; };`), ['claims:requestContext.authorizer']);
    assert.deepEqual(js(`exports.handler = async (event) => { const sub = event.requestContext?.authorizer?.jwt.claims.sub; };`), ['claims:requestContext.authorizer']);
    assert.deepEqual(js(`exports.handler = async ({ requestContext: { authorizer } }) => authorizer.lambda.user;`), ['claims:requestContext.authorizer']);
  });

  it('signature checks: HMAC compare, Stripe, Slack, GitHub, Svix, Discord', () => {
    assert.deepEqual(js(`if (!crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(mac))) return { statusCode: 401 };`), ['signature:crypto.timingSafeEqual']);
    assert.deepEqual(js(`const ev = stripe.webhooks.constructEvent(body, sig, secret);`), ['signature:stripe.webhooks.constructEvent']);
    assert.deepEqual(js(`const app = new App({ token, signingSecret: process.env.SLACK_SIGNING_SECRET, receiver });`), ['signature:App({ signingSecret })']);
    assert.deepEqual(js(`import { verify } from '@octokit/webhooks-methods'; if (!(await verify(secret, body, sig))) return deny();`), ['signature:@octokit/webhooks-methods.verify']);
    assert.deepEqual(js(`const wh = new Webhook(secret); const msg = wh.verify(payload, headers);`), ['jwt:wh.verify']);
    assert.deepEqual(js(`const ok = nacl.sign.detached.verify(msg, sig, key);`), ['signature:nacl.sign.detached.verify']);
  });

  it('an API key or token compared with the expected value; sessions; helpers named for the check', () => {
    assert.deepEqual(js(`if (event.headers['x-api-key'] !== process.env.API_KEY) return { statusCode: 403 };`), ['api-key:x-api-key compared']);
    assert.deepEqual(js(`const s = await getSession(event.headers.cookie);`), ['session:getSession']);
    assert.deepEqual(js(`import { verifyToken } from './auth'; export const handler = async (e) => { const user = await verifyToken(e); };`), ['helper:verifyToken']);
    assert.deepEqual(js(`export const handler = withAuth(async (e) => ({ statusCode: 200 }));`), ['helper:withAuth']);
  });

  it('no evidence: decoding without verifying, checking that a header is present, unrelated validation', () => {
    assert.deepEqual(js(`const claims = jwt.decode(event.headers.authorization);`), []);
    assert.deepEqual(js(`if (!event.headers.authorization) return { statusCode: 401 }; if (event.headers.authorization === undefined) return;`), []);
    assert.deepEqual(js(`validateInput(body); const v = schema.validate(body); checkLimits(x);`), []);
    assert.deepEqual(js(`export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event.requestContext.http) });`), []);
  });
});

describe('handler authentication (Python)', () => {
  it('PyJWT decode verifies unless told not to', () => {
    assert.deepEqual(py(`import jwt\ndef handler(event, context):\n    claims = jwt.decode(token, key, algorithms=['RS256'])\n`), ['jwt:jwt.decode']);
    assert.deepEqual(py(`import jwt\ndef handler(event, context):\n    claims = jwt.decode(token, options={"verify_signature": False})\n`), []);
  });

  it('claims, signatures, API keys and decorators', () => {
    assert.deepEqual(py(`def handler(event, context):\n    sub = event['requestContext']['authorizer']['claims']['sub']\n`), ['claims:requestContext.authorizer']);
    assert.deepEqual(py(`def handler(event, context):\n    a = event.get('requestContext', {}).get('authorizer', {})\n`), ['claims:requestContext.authorizer']);
    assert.deepEqual(py(`import hmac\ndef handler(event, context):\n    if not hmac.compare_digest(sig, expected):\n        return {'statusCode': 401}\n`), ['signature:hmac.compare_digest']);
    assert.deepEqual(py(`def handler(event, context):\n    ev = stripe.Webhook.construct_event(payload, sig, secret)\n`), ['signature:stripe.Webhook.construct_event']);
    assert.deepEqual(py(`def handler(event, context):\n    if event['headers'].get('x-api-key') != os.environ['API_KEY']:\n        return {'statusCode': 403}\n`), ['api-key:x-api-key compared']);
    assert.deepEqual(py(`@login_required\ndef handler(event, context):\n    return 1\n`), ['helper:login_required']);
  });

  it('no evidence in a plain handler', () => {
    assert.deepEqual(py(`import json\ndef handler(event, context):\n    if event['headers'].get('authorization') is None:\n        return {'statusCode': 401}\n    return {'statusCode': 200, 'body': json.dumps(event)}\n`), []);
  });
});

const allowsJs = (text: string) => !!allowsEveryRequest(parseCode('/ws/a.js', text, 'js'), ['handler']);
const allowsPy = (text: string) => !!allowsEveryRequest(parseCode('/ws/a.py', text, 'python'), ['handler']);

describe('authorizers that allow every request', () => {
  it('every way out allows: policies, helpers with a literal Allow, simple responses, callbacks', () => {
    assert.equal(allowsJs(`exports.handler = async (e) => ({ isAuthorized: true });`), true);
    assert.equal(allowsJs(`const allow = { principalId: 'u', policyDocument: { Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }] } };
exports.handler = async (e) => { if (e.x) return allow; return allow; };`), true);
    assert.equal(allowsJs(`exports.handler = (e, ctx, cb) => { cb(null, gen('me', 'Allow', e.methodArn)); };`), true);
    assert.equal(allowsPy(`def handler(event, context):\n    return {"principalId": "x", "policyDocument": {"Statement": [{"Effect": "Allow"}]}}\n`), true);
  });

  it('a way out that denies, throws, or cannot be read: not everything', () => {
    assert.equal(allowsJs(`exports.handler = async (e) => { if (!e.token) throw new Error('Unauthorized'); return { isAuthorized: true }; };`), false);
    assert.equal(allowsJs(`exports.handler = (e, ctx, cb) => { if (bad(e)) return cb('Unauthorized'); cb(null, gen('me', 'Allow', e.methodArn)); };`), false);
    assert.equal(allowsJs(`exports.handler = async (e) => gen('me', effectFor(e), e.methodArn);`), false);
    assert.equal(allowsJs(`exports.handler = async (e) => ({ isAuthorized: e.headers.key === process.env.KEY });`), false);
    assert.equal(allowsJs(`const jwt = require('jsonwebtoken'); exports.handler = async (e) => { jwt.verify(e.authorizationToken, K); return { isAuthorized: true }; };`), false, 'a verification that throws denies');
    assert.equal(allowsPy(`def handler(event, context):\n    if event.get("k") != "x":\n        raise Exception("Unauthorized")\n    return {"isAuthorized": True}\n`), false);
  });
});

describe('hostile input', () => {
  it('a very long call name is not matched (no pattern runs over it)', () => {
    const name = 'auth'.repeat(50_000) + 'x';
    assert.deepEqual(js(`${name}.verify(token);`), []);
  });
});
