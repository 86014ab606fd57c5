// What a JS/TS AWS SDK request says about the call (code/aws-calls-js.ts): the parameter names it
// sets, the resource it names, and the content of DynamoDB transactions, batches and PartiQL.
import ts from 'typescript';
import type { ResourceRef, Seeds } from './aws-calls-types.js';
import { resourceParam } from '../iam/operations.js';
import { toResource, type Thing } from './aws-calls-js-packages.js';

export interface RequestFacts {
  params: Set<string>;
  resource?: ResourceRef;
  content?: string[];
}

export function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
}

export function nameText(n: ts.PropertyName | ts.MemberName | ts.BindingName | undefined): string | undefined {
  if (!n) return undefined;
  if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n) || ts.isStringLiteral(n)) return n.text;
  return undefined;
}

/** The request object literal of a call: the parameter names it sets, the resource it names, and transaction/PartiQL content. */
export function readRequest(service: string, op: string, obj: ts.ObjectLiteralExpression | undefined, evalE: (e: ts.Expression) => Thing | undefined): RequestFacts {
  const params = new Set<string>();
  if (!obj) return { params };
  for (const p of obj.properties) {
    const n = ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) ? nameText(p.name) : undefined;
    if (n) params.add(n);
  }
  const rp = resourceParam(service);
  let resource: ResourceRef | undefined;
  if (rp) {
    const v = propValue(obj, rp.param);
    if (v) resource = toResource(evalE(v));
    // PutEvents names the bus in each entry: without one, an entry goes to the default bus.
    if (service === 'eventbridge' && !v) resource = entriesBus(obj, evalE);
  }
  let content: string[] | undefined;
  if (service === 'dynamodb' && (op === 'TransactWriteItems' || op === 'TransactGetItems')) {
    const items = propValue(obj, 'TransactItems');
    const arr = items && ts.isArrayLiteralExpression(unwrap(items)) ? (unwrap(items) as ts.ArrayLiteralExpression) : undefined;
    if (arr && arr.elements.every((x) => ts.isObjectLiteralExpression(x))) {
      content = arr.elements.flatMap((x) => (x as ts.ObjectLiteralExpression).properties.map((p) => nameText(p.name) ?? '?'));
      const tables = arr.elements.map((x) => {
        const inner = (x as ts.ObjectLiteralExpression).properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p));
        const o = inner && ts.isObjectLiteralExpression(unwrap(inner.initializer)) ? (unwrap(inner.initializer) as ts.ObjectLiteralExpression) : undefined;
        const t = o ? propValue(o, 'TableName') : undefined;
        return t ? toResource(evalE(t)) : undefined;
      });
      if (tables.length > 0 && tables.every((t) => t && JSON.stringify(t) === JSON.stringify(tables[0]))) resource = tables[0];
    }
  }
  if (service === 'dynamodb' && (op === 'ExecuteStatement' || op === 'ExecuteTransaction' || op === 'BatchExecuteStatement')) {
    const st = propValue(obj, 'Statement');
    const t = st ? evalE(st) : undefined;
    const verb = t?.k === 'literal' ? /^\s*(\w+)/.exec(t.text)?.[1]?.toUpperCase() : undefined;
    if (verb) content = [verb];
  }
  if (service === 'dynamodb' && (op === 'BatchWriteItem' || op === 'BatchGetItem')) {
    const ri = propValue(obj, 'RequestItems');
    const o = ri && ts.isObjectLiteralExpression(unwrap(ri)) ? (unwrap(ri) as ts.ObjectLiteralExpression) : undefined;
    if (o && o.properties.length === 1 && ts.isPropertyAssignment(o.properties[0])) {
      const key = o.properties[0].name;
      resource = ts.isComputedPropertyName(key) ? toResource(evalE(key.expression)) : nameText(key) ? { kind: 'literal', text: nameText(key)! } : undefined;
    }
  }
  return { params, resource, content };
}

/** `const { a, b: c } = require('./x')`: a and b (as a and c); anything else: the whole module. */
/** The bus of `Entries: [{ EventBusName }]`: `default` when no entry names one, unknown when they differ or cannot be read. */
function entriesBus(obj: ts.ObjectLiteralExpression, evalE: (e: ts.Expression) => Thing | undefined): ResourceRef | undefined {
  const entries = propValue(obj, 'Entries');
  const arr = entries && ts.isArrayLiteralExpression(unwrap(entries)) ? (unwrap(entries) as ts.ArrayLiteralExpression) : undefined;
  if (entries && (!arr || !arr.elements.every((x) => ts.isObjectLiteralExpression(x)))) return undefined;
  const buses = (arr?.elements ?? []).map((x) => propValue(x as ts.ObjectLiteralExpression, 'EventBusName'));
  if (buses.every((b) => !b)) return { kind: 'literal', text: 'default' };
  const refs = buses.map((b): ResourceRef | undefined => (b ? toResource(evalE(b)) : { kind: 'literal', text: 'default' }));
  return refs.every((r) => r && JSON.stringify(r) === JSON.stringify(refs[0])) ? refs[0] : undefined;
}

export function requiredNames(call: ts.CallExpression): { seeds: Seeds; locals?: Map<string, string> } {
  let p: ts.Node = call.parent;
  while (p && (ts.isAwaitExpression(p) || ts.isParenthesizedExpression(p))) p = p.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isObjectBindingPattern(p.name)) {
    const locals = new Map<string, string>();
    for (const el of p.name.elements) {
      const local = nameText(el.name);
      const imported = nameText(el.propertyName) ?? local;
      if (!local || !imported || el.dotDotDotToken) return { seeds: 'all' };
      locals.set(local, imported);
    }
    return { seeds: new Set(locals.values()), locals };
  }
  return { seeds: 'all' };
}

export function propValue(obj: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && nameText(p.name) === key) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === key) return p.name;
  }
  return undefined;
}
