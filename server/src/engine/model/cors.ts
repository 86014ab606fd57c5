// CORS configurations of a config: which origins may make cross-origin requests and whether
// credentials (cookies, authorization headers) go with them. From HTTP APIs (serverless.yml
// `provider.httpApi.cors`, SAM `CorsConfiguration`, `AWS::ApiGatewayV2::Api`), REST APIs (serverless
// `cors:` on `http` events, SAM `Cors`, gateway responses in SAM and CloudFormation) and function
// URLs (from the function settings).
import type { Val } from '../config/val.js';
import type { ConfigModel } from './types.js';
import type { CorsSettings, Setting } from './settings.js';
import { boolCodec, fromValue, resolve, stringListCodec, undecided, type Codec } from './settings-yaml.js';

export interface CorsPolicy extends CorsSettings {
  /** What it configures, for messages: `HTTP API HttpApi`, `the function URL of Fn`, `GET /items`. */
  label: string;
  file: string;
}

/** An origin that is the caller's own, sent back: `method.request.header.origin`. */
export const REFLECTED = '(reflected origin)';

const none = (c: Val) => ({ state: 'unset' as const, anchor: c.anchorSpan, targets: [] });
const unknownCors = (c: Val, label: string): CorsPolicy => ({ label, file: c.file, span: c.anchorSpan, allowOrigins: { state: 'unknown' }, allowCredentials: { state: 'unknown' } });

/** A key of a CORS map, read with a codec. */
function key<T>(c: Val, k: string, codec: Codec<T>, where: string): Setting<T> {
  return resolve([{ base: c, path: [k], from: 'function', where: `${where}.${k}`, codec }], () => none(c));
}

export function readCors(c: Omit<ConfigModel, 'cors'>): CorsPolicy[] {
  const out: CorsPolicy[] = [];
  for (const fn of c.functions) {
    const u = fn.settings.url?.cors;
    if (u) out.push({ ...u, label: `the function URL of ${fn.id}`, file: u.span.file });
  }
  if (c.format === 'serverless') slsCors(c, out);
  for (const r of c.resources) {
    const p = r.props;
    if (!p) continue;
    if (r.type === 'AWS::ApiGatewayV2::Api' || r.type === 'AWS::Serverless::HttpApi') {
      const conf = p.get('CorsConfiguration');
      if (conf) out.push(httpCors(conf, `HTTP API ${r.id}`));
    } else if (r.type === 'AWS::Serverless::Api') {
      const conf = p.get('Cors');
      if (conf) out.push(samRestCors(conf, `REST API ${r.id}`));
      gatewayResponses(p.get('GatewayResponses'), `REST API ${r.id}`, true, out);
    } else if (r.type === 'AWS::ApiGateway::GatewayResponse') {
      gatewayResponse(p.get('ResponseParameters'), r.keySpan, `gateway response ${r.id}`, false, out);
    }
  }
  const g = c.globals;
  if (g?.get('HttpApi')?.get('CorsConfiguration')) out.push(httpCors(g.get('HttpApi')!.get('CorsConfiguration')!, 'Globals.HttpApi'));
  if (g?.get('Api')?.get('Cors')) out.push(samRestCors(g.get('Api')!.get('Cors')!, 'Globals.Api'));
  return out;
}

/** HTTP API `CorsConfiguration`: `{ AllowOrigins, AllowCredentials }` (SAM also accepts `true`: any origin, no credentials). */
function httpCors(conf: Val, label: string): CorsPolicy {
  if (undecided(conf)) return unknownCors(conf, label);
  if (conf.bool() === true) return { label, file: conf.file, span: conf.anchorSpan, allowOrigins: fromValue(conf, { from: 'function', where: 'CorsConfiguration', codec: { ...stringListCodec, read: () => ['*'] } }), allowCredentials: none(conf) };
  if (conf.kind !== 'map') return unknownCors(conf, label);
  return { label, file: conf.file, span: conf.anchorSpan, allowOrigins: key(conf, 'AllowOrigins', stringListCodec, 'CorsConfiguration'), allowCredentials: key(conf, 'AllowCredentials', boolCodec, 'CorsConfiguration') };
}

/** A header value as API Gateway writes it in mappings: `"'*'"` is the literal `*`; `method.request.header.origin` is reflected. */
const headerValueCodec: Codec<string[]> = {
  read: (v) => {
    const s = v.kind === 'scalar' ? v.str() : undefined;
    if (s === undefined) return undefined;
    const m = /^'(.*)'$/.exec(s.trim());
    if (m) return m[1].split(',').map((x) => x.trim());
    return /^method\.request\.header\.origin$/i.test(s.trim()) ? [REFLECTED] : undefined;
  },
  write: (xs) => ({ str: `'${xs.join(',')}'` }),
  show: (xs) => `'${xs.join(',')}'`,
};
const headerBoolCodec: Codec<boolean> = {
  read: (v) => {
    if (v.kind !== 'scalar') return undefined;
    const b = v.bool();
    if (b !== undefined) return b;
    const m = /^'(true|false)'$/i.exec(v.str()?.trim() ?? '');
    return m ? m[1].toLowerCase() === 'true' : undefined;
  },
  write: (b) => ({ str: `'${b}'` }),
  show: (b) => `'${b}'`,
};

/** SAM REST `Cors`: `"'*'"`, or `{ AllowOrigin: "'*'", AllowCredentials: true }`. */
function samRestCors(conf: Val, label: string): CorsPolicy {
  if (undecided(conf)) return unknownCors(conf, label);
  if (conf.kind === 'scalar') return { label, file: conf.file, span: conf.anchorSpan, allowOrigins: fromValue(conf, { from: 'function', where: 'Cors', codec: headerValueCodec }), allowCredentials: none(conf) };
  if (conf.kind !== 'map') return unknownCors(conf, label);
  return { label, file: conf.file, span: conf.anchorSpan, allowOrigins: key(conf, 'AllowOrigin', headerValueCodec, 'Cors'), allowCredentials: key(conf, 'AllowCredentials', boolCodec, 'Cors') };
}

/** SAM `GatewayResponses: { DEFAULT_4XX: { ResponseParameters: { Headers: { ... } } } }`. */
function gatewayResponses(responses: Val | undefined, label: string, sam: boolean, out: CorsPolicy[]): void {
  for (const e of responses?.entries() ?? []) gatewayResponse(e.val.get('ResponseParameters'), e.keySpan, `${label}, gateway response ${e.key}`, sam, out);
}

/**
 * The CORS headers of a gateway response: `gatewayresponse.header.Access-Control-Allow-Origin` in
 * CloudFormation, `Headers.Access-Control-Allow-Origin` in SAM; a literal or the caller's origin.
 */
function gatewayResponse(params: Val | undefined, span: CorsPolicy['span'], label: string, sam: boolean, out: CorsPolicy[]): void {
  const headers = sam ? params?.get('Headers') : params;
  if (!headers || headers.kind !== 'map') return;
  const find = (name: string) => headers.entries().find((e) => e.key.toLowerCase() === (sam ? name : `gatewayresponse.header.${name}`).toLowerCase());
  const origin = find('access-control-allow-origin');
  if (!origin) return;
  const creds = find('access-control-allow-credentials');
  const where = sam ? 'Headers' : 'ResponseParameters';
  out.push({
    label, file: span.file, span,
    allowOrigins: fromValue(origin.val, { from: 'function', where: `${where}.${origin.key}`, codec: headerValueCodec }),
    allowCredentials: creds ? fromValue(creds.val, { from: 'function', where: `${where}.${creds.key}`, codec: headerBoolCodec }) : { state: 'unset', anchor: span, targets: [] },
  });
}

/** serverless.yml: `provider.httpApi.cors`, and `cors` on `http` events. */
function slsCors(c: Omit<ConfigModel, 'cors'>, out: CorsPolicy[]): void {
  const conf = c.provider?.get('httpApi')?.get('cors');
  if (conf && conf.bool() !== false && conf.kind !== 'null') {
    if (undecided(conf)) out.push(unknownCors(conf, 'the HTTP API'));
    else if (conf.bool() === true) out.push({ label: 'the HTTP API', file: conf.file, span: conf.anchorSpan, allowOrigins: fromValue(conf, { from: 'shared', where: 'provider.httpApi.cors', codec: { ...stringListCodec, read: () => ['*'] } }), allowCredentials: none(conf) });
    else if (conf.kind === 'map') out.push({ label: 'the HTTP API', file: conf.file, span: conf.anchorSpan, allowOrigins: key(conf, 'allowedOrigins', stringListCodec, 'provider.httpApi.cors'), allowCredentials: key(conf, 'allowCredentials', boolCodec, 'provider.httpApi.cors') });
  }
  for (const fn of c.functions) {
    for (const t of fn.triggers) {
      if (t.kind !== 'api' || t.val.kind !== 'map') continue;
      const cc = t.val.get('cors');
      if (!cc || cc.kind === 'null' || cc.bool() === false) continue;
      const label = `the ${t.label ?? 'http'} event of ${fn.id}`;
      if (undecided(cc)) out.push(unknownCors(cc, label));
      else if (cc.bool() === true) out.push({ label, file: cc.file, span: cc.anchorSpan, allowOrigins: fromValue(cc, { from: 'function', where: 'cors', codec: { ...stringListCodec, read: () => ['*'] } }), allowCredentials: none(cc) });
      else if (cc.kind === 'map') {
        const origins = cc.get('origin') ? key(cc, 'origin', stringListCodec, 'cors') : key(cc, 'origins', stringListCodec, 'cors');
        // `cors: { allowCredentials: true }` without origins: the framework allows `*`.
        const allowOrigins: Setting<string[]> = origins.state === 'unset' ? { state: 'set', value: ['*'], span: cc.anchorSpan, text: 'cors', from: 'function', val: cc, replace: { where: 'cors.origins', scope: 'function', describe: (xs) => `origins: [${xs.join(', ')}]`, edits: () => undefined } } : origins;
        out.push({ label, file: cc.file, span: cc.anchorSpan, allowOrigins, allowCredentials: key(cc, 'allowCredentials', boolCodec, 'cors') });
      }
    }
  }
}

