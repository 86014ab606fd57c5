// Shared pieces of the CDK reader (model/cdk.ts): a construct as built, and reading its props.
import type * as YAML from 'yaml';
import type ts from 'typescript';
import { Val } from '../config/val.js';
import type { ParsedDocument } from '../config/parse.js';
import { rangeOf } from '../config/cdk/values.js';
import type { Construct, CV } from '../config/cdk/interp.js';
import type { ClassSpec } from '../config/cdk/catalogue.js';
import type { FunctionModel, ResourceModel, RoleModel, TriggerKind } from './types.js';
export interface Built {
  c: Construct;
  spec?: ClassSpec;
  id: string;
  res?: ResourceModel;
  fn?: FunctionModel;
  role?: RoleModel;
}

export const valOf = (node: YAML.Node, doc: ParsedDocument, keySpan?: ResourceModel['keySpan']) => new Val(node, doc, undefined, keySpan, 1);

// ---- values of construct props ----

export function propValue(c: Construct, name: string): CV | undefined {
  return c.props?.k === 'obj' ? c.props.props.get(name)?.value : undefined;
}

export function propExpr(c: Construct, name: string): ts.Node | undefined {
  return c.props?.k === 'obj' ? c.props.props.get(name)?.expr : undefined;
}

export function arr(v: CV | undefined): CV[] {
  return v?.k === 'arr' ? v.items : v ? [v] : [];
}

export function keyRange(c: Construct): [number, number] {
  return rangeOf(c.idNode ?? c.node, c.src);
}

/** A construct as `{Type, Properties}`, its props keyed by CloudFormation names. */
export function litOf(v: CV | undefined): string | undefined {
  return v?.k === 'lit' && typeof v.v === 'string' ? v.v : undefined;
}

/** The app folder (where `cdk` runs, and relative asset paths start) of a construct's file. */
export const EVENT_SOURCES: Record<string, TriggerKind> = {
  SqsEventSource: 'sqs', S3EventSource: 's3', S3EventSourceV2: 's3', DynamoEventSource: 'dynamodb', KinesisEventSource: 'kinesis',
  SnsEventSource: 'sns', ApiEventSource: 'api', ManagedKafkaEventSource: 'kafka', SelfManagedKafkaEventSource: 'kafka',
};

/** What an event source makes the CDK grant the function on its source. */
export const SOURCE_GRANT: Record<string, string> = { SqsEventSource: 'grantConsumeMessages', DynamoEventSource: 'grantStreamRead', KinesisEventSource: 'grantRead' };

export function eventSources(c: Construct): Extract<CV, { k: 'new' }>[] {
  const out: Extract<CV, { k: 'new' }>[] = [];
  for (const e of [...arr(propValue(c, 'events')), ...c.calls.filter((x) => x.method === 'addEventSource').map((x) => x.args[0])]) {
    if (e?.k === 'new' && EVENT_SOURCES[e.cls]) out.push(e);
  }
  return out;
}

/** A function a value refers to (a construct, `new targets.LambdaFunction(fn)`, `new LambdaIntegration(fn)`). */
export function fnOf(v: CV | undefined, byConstruct: Map<Construct, Built>): Built | undefined {
  if (v?.k === 'construct') return byConstruct.get(v.c)?.fn ? byConstruct.get(v.c) : undefined;
  if (v?.k === 'new') {
    for (const a of v.args) {
      const b = fnOf(a, byConstruct);
      if (b) return b;
    }
  }
  if (v?.k === 'obj') return fnOf(v.props.get('handler')?.value ?? v.props.get('function')?.value, byConstruct);
  return undefined;
}
