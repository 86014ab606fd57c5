// CDK values (config/cdk/interp.ts) as `yaml` nodes over the TypeScript source (config/synthetic.ts):
// literals, object and array literals keep their ranges; a construct becomes what CloudFormation
// would hold (`!GetAtt [Id, Arn]`, `!Ref Id`), an enum member the value it stands for
// (`lambda.Runtime.NODEJS_20_X` is `nodejs20.x`, `lambda.Tracing.ACTIVE` is `Active`), a duration
// its seconds, `ManagedPolicy.fromAwsManagedPolicyName(n)` the policy's ARN. Anything else is opaque.
import type * as YAML from 'yaml';
import ts from 'typescript';
import type { ParsedDocument } from '../parse.js';
import { getAtt, makeDoc, map, opaque, ref, scalar, seq, setEditInfo, type SynthEntry } from '../synthetic.js';
import type { Construct, CV, SourceRef } from './interp.js';

const DOCS = new WeakMap<ts.SourceFile, ParsedDocument>();
const SOURCES = new WeakMap<ParsedDocument, ts.SourceFile>();

/** The `ts` document of a stack file (one per parse, shared by every node built over it). */
export function tsDoc(src: SourceRef): ParsedDocument {
  let d = DOCS.get(src.sf);
  if (!d) {
    DOCS.set(src.sf, (d = makeDoc(src.file, src.sf.text, 'ts')));
    SOURCES.set(d, src.sf);
  }
  return d;
}

/** The syntax tree a `ts` document was built over (for edits that look at imports). */
export function sourceOfDoc(doc: ParsedDocument): ts.SourceFile | undefined {
  return SOURCES.get(doc);
}

export function rangeOf(node: ts.Node, src: SourceRef): [number, number] {
  return [node.getStart(src.sf), node.getEnd()];
}

/** An enum of the CDK whose members stand for CloudFormation values. */
export interface EnumSpec {
  module: string;
  cls: string;
  /** member -> CloudFormation value. */
  values: Record<string, string>;
}

export const ENUMS: Record<string, EnumSpec> = {
  tracing: { module: 'aws-lambda', cls: 'Tracing', values: { ACTIVE: 'Active', PASS_THROUGH: 'PassThrough', DISABLED: 'Disabled' } },
  logFormat: { module: 'aws-lambda', cls: 'LoggingFormat', values: { JSON: 'JSON', TEXT: 'Text' } },
  urlAuth: { module: 'aws-lambda', cls: 'FunctionUrlAuthType', values: { NONE: 'NONE', AWS_IAM: 'AWS_IAM' } },
  effect: { module: 'aws-iam', cls: 'Effect', values: { ALLOW: 'Allow', DENY: 'Deny' } },
  bucketAcl: {
    module: 'aws-s3', cls: 'BucketAccessControl',
    values: { PRIVATE: 'Private', PUBLIC_READ: 'PublicRead', PUBLIC_READ_WRITE: 'PublicReadWrite', AUTHENTICATED_READ: 'AuthenticatedRead', LOG_DELIVERY_WRITE: 'LogDeliveryWrite', BUCKET_OWNER_READ: 'BucketOwnerRead', BUCKET_OWNER_FULL_CONTROL: 'BucketOwnerFullControl', AWS_EXEC_READ: 'AwsExecRead' },
  },
  logLevel: { module: 'aws-apigateway', cls: 'MethodLoggingLevel', values: { OFF: 'OFF', ERROR: 'ERROR', INFO: 'INFO' } },
  methodAuth: { module: 'aws-apigateway', cls: 'AuthorizationType', values: { NONE: 'NONE', IAM: 'AWS_IAM', CUSTOM: 'CUSTOM', COGNITO: 'COGNITO_USER_POOLS' } },
};

/** `NODEJS_20_X` -> `nodejs20.x`, `PYTHON_3_12` -> `python3.12`, `PROVIDED_AL2023` -> `provided.al2023`. */
export function runtimeId(member: string): string | undefined {
  let m = /^NODEJS_(\d+)_X$/.exec(member);
  if (m) return `nodejs${m[1]}.x`;
  m = /^PYTHON_(\d+)_(\d+)$/.exec(member);
  if (m) return `python${m[1]}.${m[2]}`;
  m = /^(JAVA|DOTNET)_(\d+)(?:_CORE_(\d+)_(\d+))?$/.exec(member);
  if (m) return `${m[1].toLowerCase()}${m[2]}`;
  m = /^RUBY_(\d+)_(\d+)$/.exec(member);
  if (m) return `ruby${m[1]}.${m[2]}`;
  if (member === 'PROVIDED_AL2023') return 'provided.al2023';
  if (member === 'PROVIDED_AL2') return 'provided.al2';
  if (member === 'PROVIDED') return 'provided';
  if (member === 'GO_1_X') return 'go1.x';
  return undefined;
}

/** The member a CloudFormation runtime id is written as: `nodejs22.x` -> `NODEJS_22_X`. */
export function runtimeMember(id: string): string | undefined {
  let m = /^nodejs(\d+)\.x$/.exec(id);
  if (m) return `NODEJS_${m[1]}_X`;
  m = /^python(\d+)\.(\d+)$/.exec(id);
  if (m) return `PYTHON_${m[1]}_${m[2]}`;
  m = /^(java|dotnet)(\d+)$/.exec(id);
  if (m) return `${m[1].toUpperCase()}_${m[2]}`;
  m = /^ruby(\d+)\.(\d+)$/.exec(id);
  if (m) return `RUBY_${m[1]}_${m[2]}`;
  return undefined;
}

const RETENTION: Record<string, number> = {
  ONE_DAY: 1, THREE_DAYS: 3, FIVE_DAYS: 5, ONE_WEEK: 7, TWO_WEEKS: 14, ONE_MONTH: 30, TWO_MONTHS: 60, THREE_MONTHS: 90, FOUR_MONTHS: 120,
  FIVE_MONTHS: 150, SIX_MONTHS: 180, ONE_YEAR: 365, THIRTEEN_MONTHS: 400, EIGHTEEN_MONTHS: 545, TWO_YEARS: 731, THREE_YEARS: 1096,
  FIVE_YEARS: 1827, SIX_YEARS: 2192, SEVEN_YEARS: 2557, EIGHT_YEARS: 2922, NINE_YEARS: 3288, TEN_YEARS: 3653,
};

/** `ref`: a construct as `!Ref` (what CloudFormation's Ref gives: a log group's name), not its ARN. */
export type Conv = 'runtime' | 'duration' | 'retention' | 'ref' | keyof typeof ENUMS;

/** How the CloudFormation resource of a construct is named in the model. */
export type IdOf = (c: Construct) => string;

/**
 * A value as a node. `at` is the expression it was written as (a construct named by a variable has no
 * node of its own); `conv` reads an enum member or a duration as CloudFormation's value.
 */
export function toNode(v: CV, at: ts.Node, src: SourceRef, idOf: IdOf, conv?: Conv, depth = 0): YAML.Node {
  const doc = tsDoc(src);
  const [s, e] = rangeOf(at, src);
  if (depth > 32) return opaque(doc, s, e);
  switch (v.k) {
    case 'lit':
      return scalar(doc, v.v, s, e);
    case 'obj': {
      const d = tsDoc(v.src);
      const entries: SynthEntry[] = [...v.props].map(([key, p]) => {
        const [ks, ke] = rangeOf(p.key, p.src);
        return { key, keyStart: ks, keyEnd: ke, value: toNode(p.value, p.expr, p.src, idOf, undefined, depth + 1) };
      });
      const [os, oe] = rangeOf(v.node, v.src);
      const m = map(d, entries, os, oe);
      if (ts.isObjectLiteralExpression(v.node)) setEditInfo(m, { kind: 'ts-object', open: os + 1, close: oe - 1 });
      return m;
    }
    case 'arr': {
      const [as, ae] = rangeOf(v.node, v.src);
      return seq(tsDoc(v.src), v.items.map((it) => toNode(it, itemNode(it) ?? v.node, itemSrc(it) ?? v.src, idOf, conv, depth + 1)), as, ae);
    }
    case 'construct':
      return conv === 'ref' ? ref(doc, idOf(v.c), s, e) : getAtt(doc, idOf(v.c), 'Arn', s, e);
    case 'attr': {
      const id = idOf(v.c);
      if (/Arn$/.test(v.name)) return getAtt(doc, id, v.name === 'functionArn' || /^(table|bucket|queue|topic|role|stream|secret|key|stateMachine|eventBus|logGroup|function)Arn$/.test(v.name) ? 'Arn' : v.name[0].toUpperCase() + v.name.slice(1), s, e);
      if (/(Name|Url|Id)$/.test(v.name)) return ref(doc, id, s, e);
      return opaque(doc, s, e);
    }
    case 'cdk': {
      const member = v.path[v.path.length - 1];
      if (conv === 'runtime' && v.path[0] === 'Runtime') {
        const id = runtimeId(member);
        if (!id) return opaque(doc, s, e);
        const n = scalar(doc, id, s, e);
        setEditInfo(n, { kind: 'ts-value', runtimePrefix: at.getText(src.sf).replace(/\.[A-Z0-9_]+$/, '.') });
        return n;
      }
      if (conv === 'retention' && v.path[0] === 'RetentionDays') {
        const days = RETENTION[member];
        return days !== undefined ? scalar(doc, days, s, e) : member === 'INFINITE' ? scalar(doc, null, s, e) : opaque(doc, s, e);
      }
      const spec = conv && conv in ENUMS ? ENUMS[conv as keyof typeof ENUMS] : undefined;
      if (spec && v.path[0] === spec.cls && spec.values[member] !== undefined) {
        const n = scalar(doc, spec.values[member], s, e);
        // Written back as `<prefix>.MEMBER`, the prefix as the source spells it.
        const prefix = at.getText(src.sf).replace(/\.[A-Z0-9_]+$/, '.');
        setEditInfo(n, { kind: 'ts-value', values: Object.fromEntries(Object.entries(spec.values).map(([m, val]) => [val, prefix + m])) });
        return n;
      }
      return opaque(doc, s, e);
    }
    case 'call': {
      const fn = v.path.join('.');
      const a0 = v.args[0];
      if (conv === 'duration' && /^Duration\.(seconds|minutes|hours|millis)$/.test(fn) && a0?.k === 'lit' && typeof a0.v === 'number') {
        const f = { seconds: 1, minutes: 60, hours: 3600, millis: 0.001 }[v.path[1] as 'seconds'];
        return scalar(doc, a0.v * f, s, e);
      }
      if (fn === 'ManagedPolicy.fromAwsManagedPolicyName' && a0?.k === 'lit') return scalar(doc, `arn:aws:iam::aws:policy/${a0.v}`, s, e);
      if (fn === 'ManagedPolicy.fromManagedPolicyArn' && v.args[2]) return toNode(v.args[2], v.node, v.src, idOf, undefined, depth + 1);
      if (fn === 'ManagedPolicy.fromManagedPolicyName' && v.args[2]?.k === 'lit') return scalar(doc, `arn:aws:iam::\${AWS::AccountId}:policy/${v.args[2].v}`, s, e);
      return opaque(doc, s, e);
    }
    default:
      return opaque(doc, s, e);
  }
}

function itemNode(v: CV): ts.Node | undefined {
  return 'node' in v ? (v as { node: ts.Node }).node : undefined;
}

function itemSrc(v: CV): SourceRef | undefined {
  return 'src' in v ? (v as { src: SourceRef }).src : undefined;
}
