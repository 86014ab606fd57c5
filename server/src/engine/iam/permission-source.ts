// For a Lambda permission granted to a service principal, the one resource of the template that
// really invokes the function (the API, topic, rule, bucket or user pool wired to it), as the
// `SourceArn` to add. Undefined when there is none or more than one: then only SourceAccount is offered.
import type { ResourceModel } from '../model/types.js';
import type { Out } from '../fix/yaml-edit.js';
import { referencedIds } from '../model/refs.js';

function refersTo(r: ResourceModel, fnId: string, key?: string): boolean {
  const v = key ? r.props?.get(key) : r.props;
  return referencedIds(v).has(fnId);
}

function one<T>(xs: T[]): T | undefined {
  return xs.length === 1 ? xs[0] : undefined;
}

const API_TYPES = ['AWS::ApiGateway::RestApi', 'AWS::ApiGatewayV2::Api', 'AWS::Serverless::Api', 'AWS::Serverless::HttpApi'];

export function permissionSourceArn(service: string, fnId: string | undefined, resources: ResourceModel[]): { arn: Out; source: string } | undefined {
  if (service === 'apigateway') {
    const api = one(resources.filter((r) => API_TYPES.includes(r.type)));
    return api ? { arn: { sub: `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${api.id}}/*` }, source: `API ${api.id}` } : undefined;
  }
  if (!fnId) return undefined;
  if (service === 'sns') {
    const topics = new Set<string>();
    for (const r of resources) {
      if (r.type === 'AWS::SNS::Subscription' && refersTo(r, fnId, 'Endpoint')) {
        const t = r.props?.get('TopicArn')?.refTarget();
        if (t) topics.add(t.id);
      }
      if (r.type === 'AWS::SNS::Topic' && refersTo(r, fnId, 'Subscription')) topics.add(r.id);
    }
    const t = one([...topics]);
    return t ? { arn: { ref: t }, source: `topic ${t}` } : undefined;
  }
  if (service === 'events') {
    const rule = one(resources.filter((r) => r.type === 'AWS::Events::Rule' && refersTo(r, fnId, 'Targets')));
    return rule ? { arn: { getAtt: [rule.id, 'Arn'] }, source: `rule ${rule.id}` } : undefined;
  }
  if (service === 'cognito-idp') {
    const pool = one(resources.filter((r) => r.type === 'AWS::Cognito::UserPool' && refersTo(r, fnId, 'LambdaConfig')));
    return pool ? { arn: { getAtt: [pool.id, 'Arn'] }, source: `user pool ${pool.id}` } : undefined;
  }
  if (service === 's3') {
    // `!GetAtt Bucket.Arn` would be a circular dependency (the bucket's notification waits for this
    // permission), so the ARN is built from the bucket's own name, when the template spells it out.
    const bucket = one(resources.filter((r) => r.type === 'AWS::S3::Bucket' && refersTo(r, fnId, 'NotificationConfiguration')));
    const name = bucket?.props?.get('BucketName');
    const literal = name?.str();
    const sub = name?.intrinsic()?.fn === 'Fn::Sub' ? name.intrinsic()!.arg.str() : undefined;
    const text = literal !== undefined && !literal.includes('${') ? literal : sub !== undefined && /^(?:[^$]|\$\{AWS::[A-Za-z]+\})*$/.test(sub) ? sub : undefined;
    return bucket && text ? { arn: { sub: `arn:\${AWS::Partition}:s3:::${text}` }, source: `bucket ${bucket.id}` } : undefined;
  }
  return undefined;
}
