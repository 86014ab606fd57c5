// What the names a JS/TS module imports from packages are, for the AWS call analysis: the SDK v2
// namespace and its classes, v3 clients, aggregated clients, commands and paginators (by package),
// lib-dynamodb, lib-storage, the presigners, X-Ray's wrappers, the Powertools utilities, and the
// libraries that call AWS in ways the analysis does not follow.
import { documentClientOperation, findOperation, hasService, serviceOfV2Class, serviceOfV3Package } from '../iam/operations.js';
import { POWERTOOLS_JS, type PowertoolsCall } from './aws-calls-powertools.js';
import type { ResourceRef } from './aws-calls-types.js';
import type ts from 'typescript';

export type ClientFlavour = 'v2' | 'v3' | 'agg' | 'v2doc' | 'v3doc' | 'aggdoc';

/** What a name or an expression stands for. */
export type Thing =
  | { k: 'v2ns' }
  | { k: 'v2class'; service: string }
  | { k: 'v2docclass' }
  | { k: 'v3ns'; pkg: string }
  | { k: 'class'; flavour: ClientFlavour; service: string }
  | { k: 'client'; flavour: ClientFlavour; service: string; ownCredentials?: boolean }
  | { k: 'commandClass'; service: string; op: string }
  | { k: 'command' }
  | { k: 'paginator'; service: string; op: string }
  | { k: 'docFactory'; flavour: 'v3doc' | 'aggdoc' }
  | { k: 'upload' }
  | { k: 'presignedPost' }
  | { k: 'passthrough' }
  | { k: 'powertools'; calls: PowertoolsCall[] }
  | { k: 'powertoolsClass'; name: string }
  | { k: 'powertoolsObject'; name: string; config?: ts.Expression }
  | { k: 'env'; name: string }
  | { k: 'literal'; text: string }
  | { k: 'processEnv' }
  | { k: 'local'; spec: string; name: string | 'all' }
  | { k: 'localNs'; file: string }
  | { k: 'wrapper'; pkg: string }
  | { k: 'waiter'; name: string };

/** Packages that call AWS in ways not modelled here: a function using them is not fully resolved. */
export const WRAPPERS = /^(dynamoose|dynamodb-toolbox|electrodb|@aws\/dynamodb-data-mapper|@shiftcoders\/dynamo-easy|dynamo-easy|@middy\/(ssm|secrets-manager|sts|rds-signer|s3-object-response|service-discovery|appconfig|dynamodb)|@aws-sdk\/(rds-signer|dsql-signer)|aws-sdk-wrap|serverless-dynamodb-client|aws-kcl|sqs-consumer|sqs-producer|s3-zip|s3-upload-stream|@aws-lambda-powertools\/parameters|@aws-sdk\/signature-v4|@smithy\/signature-v4|aws4|aws4fetch|aws4-axios|@aws\/durable-execution-sdk-js(-testing)?|aws-appsync|@aws-amplify\/[a-z-]+|aws-amplify|@opensearch-project\/opensearch\/aws|amazon-qldb-driver-nodejs|@aws-crypto\/(client-node|kms-keyring-node|kms-keyring))(\/.*)?$/;

export const own = <T>(o: Record<string, T>, k: string): T | undefined => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/** A name imported from a package, by what it is in that package. */
export function packageMember(pkg: string, name: string): Thing | undefined {
  if (pkg === 'aws-sdk' || pkg === 'aws-sdk/global') {
    if (name === 'default' || name === '*') return { k: 'v2ns' };
    const s = serviceOfV2Class(name);
    return s ? { k: 'v2class', service: s } : undefined;
  }
  const clients = /^aws-sdk\/clients\/([a-z0-9]+)(\.js)?$/.exec(pkg);
  if (clients) {
    // The file names are the SDK service ids.
    const s = hasService(clients[1]) ? clients[1] : undefined;
    if (!s) return undefined;
    return name === 'DocumentClient' && s === 'dynamodb' ? { k: 'v2docclass' } : { k: 'v2class', service: s };
  }
  if (pkg === '@aws-sdk/lib-dynamodb') {
    if (name === 'DynamoDBDocumentClient') return { k: 'docFactory', flavour: 'v3doc' };
    if (name === 'DynamoDBDocument') return { k: 'docFactory', flavour: 'aggdoc' };
    const cmd = /^(\w+)Command$/.exec(name);
    const op = cmd ? documentClientOperation(cmd[1]) : undefined;
    if (op) return { k: 'commandClass', service: 'dynamodb', op };
    const pag = /^paginate(\w+)$/.exec(name);
    const pop = pag ? documentClientOperation(pag[1]) : undefined;
    return pop ? { k: 'paginator', service: 'dynamodb', op: pop } : undefined;
  }
  if (pkg === '@aws-sdk/lib-storage') return name === 'Upload' ? { k: 'upload' } : undefined;
  if (pkg === '@aws-sdk/s3-presigned-post') return name === 'createPresignedPost' ? { k: 'presignedPost' } : undefined;
  if (/^aws-xray-sdk(-core)?$/.test(pkg) && /^capture(AWSv3Client|AWSClient|AWS)$/.test(name)) return { k: 'passthrough' };
  const pt = own(POWERTOOLS_JS, pkg);
  if (pt) {
    const fn = own(pt.functions, name);
    if (fn) return { k: 'powertools', calls: fn };
    if (own(pt.classes, name)) return { k: 'powertoolsClass', name: `${pkg}#${name}` };
    return undefined;
  }
  const service = serviceOfV3Package(pkg);
  if (!service) return WRAPPERS.test(pkg) ? { k: 'wrapper', pkg } : undefined;
  if (name === '*' || name === 'default') return { k: 'v3ns', pkg };
  const cmd = /^(\w+)Command$/.exec(name);
  if (cmd) {
    const op = findOperation(service, cmd[1]);
    return op ? { k: 'commandClass', service, op } : undefined;
  }
  const pag = /^paginate(\w+)$/.exec(name);
  if (pag) {
    const op = findOperation(service, pag[1]);
    return op ? { k: 'paginator', service, op } : undefined;
  }
  // A waiter polls describe operations the analysis does not name: the function is not fully resolved.
  if (/^waitUntil[A-Z]/.test(name) || /^waitFor[A-Z]/.test(name)) return { k: 'waiter', name };
  if (/Client$/.test(name)) return { k: 'class', flavour: 'v3', service };
  if (/^[A-Z]/.test(name) && !/(Exception|Error|Fault)$/.test(name)) return { k: 'class', flavour: 'agg', service };
  return undefined;
}

/** A property of an object value: a member of a namespace or class, or an environment variable. */
export function member(base: Thing, prop: string): Thing | undefined {
  if (base.k === 'processEnv') return { k: 'env', name: prop };
  if (base.k === 'v2ns') {
    const s = serviceOfV2Class(prop);
    return s ? { k: 'v2class', service: s } : undefined;
  }
  if (base.k === 'v2class' && base.service === 'dynamodb' && prop === 'DocumentClient') return { k: 'v2docclass' };
  if (base.k === 'v3ns') return packageMember(base.pkg, prop);
  if (base.k === 'local') return undefined;
  return undefined;
}

export function toResource(t: Thing | undefined): ResourceRef | undefined {
  if (t?.k === 'env') return { kind: 'env', name: t.name };
  if (t?.k === 'literal') return { kind: 'literal', text: t.text };
  return undefined;
}
