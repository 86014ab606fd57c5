// Databases, caches and brokers whose password a template can set, and whether the template makes
// them reachable from the internet. A literal there is the real credential of a real resource, so
// any value counts, and a plain word (`password`) is worse, not a placeholder.
import { type ResourceModel } from '../../server/src/engine/rule-kit.js';

/** Resource type -> the property names that hold its password(s) (at any depth of its Properties). */
const PASSWORD_KEYS: Record<string, readonly string[]> = {
  'AWS::RDS::DBInstance': ['MasterUserPassword'],
  'AWS::RDS::DBCluster': ['MasterUserPassword'],
  'AWS::DocDB::DBCluster': ['MasterUserPassword'],
  'AWS::DocDBElastic::Cluster': ['AdminUserPassword'],
  'AWS::Redshift::Cluster': ['MasterUserPassword'],
  'AWS::RedshiftServerless::Namespace': ['AdminUserPassword'],
  'AWS::ElastiCache::ReplicationGroup': ['AuthToken'],
  'AWS::ElastiCache::User': ['Passwords'],
  'AWS::MemoryDB::User': ['Passwords'],
  'AWS::AmazonMQ::Broker': ['Password'],
  'AWS::OpenSearchService::Domain': ['MasterUserPassword'],
  'AWS::Elasticsearch::Domain': ['MasterUserPassword'],
  'AWS::DMS::Endpoint': ['Password'],
  'AWS::Lightsail::Database': ['MasterUserPassword'],
  'AWS::Timestream::InfluxDBInstance': ['Password'],
};

export function passwordKeys(type: string): readonly string[] | undefined {
  return PASSWORD_KEYS[type];
}

export function isDatabase(r: ResourceModel): boolean {
  return PASSWORD_KEYS[r.type] !== undefined;
}

/** `PubliclyAccessible: true` (RDS, Redshift, Amazon MQ, Timestream for InfluxDB). */
export function publiclyReachable(r: ResourceModel): boolean {
  return r.props?.get('PubliclyAccessible')?.bool() === true;
}
