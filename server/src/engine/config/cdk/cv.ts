// The symbolic values of the CDK reader (interp.ts): what an expression of a CDK app evaluates to,
// the constructs it creates and the scopes names are bound in. No evaluation happens here.
import type ts from 'typescript';

export interface SourceRef {
  file: string;
  sf: ts.SourceFile;
}

export type CV =
  | { k: 'lit'; v: string | number | boolean; node: ts.Node; src: SourceRef }
  | { k: 'obj'; props: Map<string, Prop>; node: ts.Node; src: SourceRef }
  | { k: 'arr'; items: CV[]; node: ts.Node; src: SourceRef }
  | { k: 'construct'; c: Construct }
  /** A CDK symbol: `lambda.Runtime.NODEJS_20_X` is module aws-lambda, path [Runtime, NODEJS_20_X]. */
  | { k: 'cdk'; module: string; path: string[]; node: ts.Node; src: SourceRef }
  /** The result of a CDK static call (`Code.fromAsset(dir)`, `Duration.seconds(3)`). */
  | { k: 'call'; module: string; path: string[]; args: CV[]; node: ts.Node; src: SourceRef }
  /** `new` of a CDK class that is not a construct (`new SqsEventSource(q)`, `new iam.PolicyStatement({...})`). */
  | { k: 'new'; module: string; cls: string; args: CV[]; node: ts.Node; src: SourceRef }
  /** An attribute of a construct (`fn.functionArn`, `table.tableName`). */
  | { k: 'attr'; c: Construct; name: string; node: ts.Node; src: SourceRef }
  /** A REST API resource: `api.root`, `api.root.addResource('items')`. */
  | { k: 'apires'; c: Construct; path: string }
  | { k: 'fn'; decl: ts.FunctionLikeDeclaration; env: Env; src: SourceRef; self?: Instance }
  | { k: 'class'; decl: ts.ClassLikeDeclaration; env: Env; src: SourceRef }
  | { k: 'inst'; inst: Instance }
  | { k: 'module'; module: string }
  | { k: 'unknown' };

/** A property of an object literal: its key, its value, and the expression the value was written as. */
export interface Prop {
  key: ts.Node;
  value: CV;
  src: SourceRef;
  expr: ts.Node;
}

export interface Call {
  method: string;
  args: CV[];
  node: ts.CallExpression;
  src: SourceRef;
  /** For `addMethod` on a REST API resource: the resource path. */
  apiPath?: string;
}

export interface Construct {
  module: string;
  cls: string;
  /** The construct path below the app (`Stack/Api/Handler`). */
  path: string[];
  /** The construct id as written (the second argument). */
  idNode?: ts.Node;
  node: ts.Node;
  src: SourceRef;
  props?: CV;
  args: CV[];
  calls: Call[];
  /** The stack instance (or custom construct) it was created in. */
  scope?: Instance;
  /** A construct made by a call (`fn.addFunctionUrl()`), not by `new`: the construct called. */
  parent?: Construct;
}

/** An instance of a class of the app (a stack, a custom construct): its fields and its path. */
export interface Instance {
  decl: ts.ClassLikeDeclaration;
  fields: Map<string, CV>;
  path: string[];
  src: SourceRef;
}

export class Env {
  readonly vars = new Map<string, CV>();
  constructor(readonly parent?: Env) {}
  get(name: string): CV | undefined {
    for (let e: Env | undefined = this; e; e = e.parent) {
      const v = e.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }
}

export interface CdkHost {
  /** A parsed TS/JS file of the workspace (undefined when missing or outside the root). */
  load(file: string): SourceRef | undefined;
}


export const UNKNOWN: CV = { k: 'unknown' };

/** `aws-cdk-lib/aws-lambda`, `@aws-cdk/aws-lambda`, `@aws-cdk/aws-lambda-python-alpha` -> aws-lambda[-python]. */
export function cdkModule(spec: string): string | undefined {
  if (spec === 'aws-cdk-lib' || spec === '@aws-cdk/core' || spec === 'constructs') return 'core';
  const m = /^(?:aws-cdk-lib\/|@aws-cdk\/)(aws-[a-z0-9-]+?)(?:-alpha)?$/.exec(spec);
  return m ? m[1] : undefined;
}

/** `cdk.aws_lambda` (a namespace of aws-cdk-lib) -> aws-lambda. */
export function namespaceModule(name: string): string | undefined {
  return /^aws_[a-z0-9_]+$/.test(name) ? name.replace(/_/g, '-') : undefined;
}

/** Named imports are bound lazily (a file may import a name before its file has run). */
export function lazy(f: () => CV): CV {
  const box = { k: 'lazy', f } as unknown as CV;
  return box;
}

export function force(v: CV | undefined): CV | undefined {
  const x = v as unknown as { k: string; f?: () => CV; done?: CV };
  if (x?.k !== 'lazy') return v;
  x.done ??= x.f!();
  return x.done;
}

/** A `return` inside an interpreted function body, thrown to its caller. */
export class Return {
  constructor(readonly value: CV) {}
}
