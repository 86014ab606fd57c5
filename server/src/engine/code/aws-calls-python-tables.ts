// What boto3 offers besides client operations: sub-resources and their methods, the S3 transfer
// helpers, and the libraries and request signers that call AWS in ways the analysis does not follow.

/** Python packages that call AWS in ways not modelled here. */
export const WRAPPERS = /^(pynamodb|awswrangler|aioboto3|aiobotocore|s3fs|smart_open|botocore\.(session|auth|awsrequest|client)|boto|dynamo3|flywheel|requests_aws4auth|aws_requests_auth|aurora_dsql_[a-z0-9_]+|aws_durable_execution_sdk_python|durable_execution|aws_lambda_powertools\.utilities\.(feature_flags|streaming)|pyqldb|aws_encryption_sdk)(\.|$)/;

/** Request signers: whatever they sign is a call the analysis cannot see. */
export const SIGNERS = /^(AWSV4SignerAuth|AWSV4SignerAsyncAuth|AWS4Auth|SigV4Auth|SigV4QueryAuth|BotoAWSRequestsAuth|AWSRequestsAuth)$/;

/** Client methods that are not API calls, and those the transfer manager adds. */
export const PY_NON_CALLS = new Set(['close', 'can_paginate', 'meta', 'exceptions']);
export const SUB_TYPES: Record<string, { service: string; type: 'Table' | 'Bucket' | 'Object' | 'Queue' | 'Topic' }> = {
  'dynamodb.Table': { service: 'dynamodb', type: 'Table' },
  's3.Bucket': { service: 's3', type: 'Bucket' },
  's3.Object': { service: 's3', type: 'Object' },
  'sqs.Queue': { service: 'sqs', type: 'Queue' },
  'sns.Topic': { service: 'sns', type: 'Topic' },
};
/** Sub-resource methods -> operations, where the name is not the operation's. */
export const SUB_METHODS: Record<string, Record<string, string | undefined>> = {
  Table: { batch_writer: 'BatchWriteItem', load: 'DescribeTable', reload: 'DescribeTable' },
  Bucket: { upload_file: 'PutObject', upload_fileobj: 'PutObject', download_file: 'GetObject', download_fileobj: 'GetObject', put_object: 'PutObject', delete_objects: 'DeleteObjects', copy: 'CopyObject', load: 'ListBucket' },
  Object: { get: 'GetObject', put: 'PutObject', delete: 'DeleteObject', load: 'HeadObject', reload: 'HeadObject', upload_file: 'PutObject', upload_fileobj: 'PutObject', download_file: 'GetObject', download_fileobj: 'GetObject', copy_from: 'CopyObject' },
  Queue: { send_message: 'SendMessage', send_messages: 'SendMessageBatch', receive_messages: 'ReceiveMessage', delete_messages: 'DeleteMessageBatch', load: 'GetQueueAttributes', reload: 'GetQueueAttributes' },
  Topic: { publish: 'Publish' },
};
export const CLIENT_HELPERS: Record<string, { service: string; op: string; bucketArg: number }> = {
  upload_file: { service: 's3', op: 'PutObject', bucketArg: 1 },
  upload_fileobj: { service: 's3', op: 'PutObject', bucketArg: 1 },
  download_file: { service: 's3', op: 'GetObject', bucketArg: 0 },
  download_fileobj: { service: 's3', op: 'GetObject', bucketArg: 0 },
  generate_presigned_post: { service: 's3', op: 'PutObject', bucketArg: 0 },
  copy: { service: 's3', op: 'CopyObject', bucketArg: -1 },
};
