import {
  addResource,
  type ConfigModel,
  defineRule,
  ensurePath,
  type Fix,
  type FunctionModel,
  listNames,
  mergeInsertions,
  type ModelRuleContext,
  type ResourceModel,
  type Trigger,
  uniqueId,
  type Val,
} from '../../server/src/engine/rule-kit.js';

/** Triggers that invoke the function asynchronously: Lambda retries twice, then drops the event. */
const ASYNC: Partial<Record<Trigger['kind'], string>> = { sns: 'SNS', s3: 'S3', eventbridge: 'EventBridge', iot: 'IoT', cloudwatchLogs: 'CloudWatch Logs' };
const MAX_RECEIVE = 5;

/** The queue an SQS trigger reads: serverless `sqs: arn | { arn }`, SAM `Queue`, an event source mapping's `EventSourceArn`. */
function queueRef(t: Trigger): Val | undefined {
  const v = t.val;
  return v.get('Properties')?.get('Queue') ?? v.get('Properties')?.get('EventSourceArn') ?? v.get('arn') ?? (v.kind === 'scalar' || v.intrinsic() ? v : undefined);
}

function isDeadLetterQueue(c: ConfigModel, q: ResourceModel): boolean {
  return c.resources.some((r) => r.type === 'AWS::SQS::Queue' && r !== q && r.props?.get('RedrivePolicy')?.get('deadLetterTargetArn')?.refTarget()?.id === q.id);
}

function redriveFix(c: ConfigModel, q: ResourceModel): Fix | undefined {
  const dlq = uniqueId(`${q.id}DeadLetters`, c.resources.map((r) => r.id));
  const policy = ensurePath(q.val, ['Properties', 'RedrivePolicy'], { map: [['deadLetterTargetArn', { getAtt: [dlq, 'Arn'] }], ['maxReceiveCount', { raw: String(MAX_RECEIVE) }]] });
  const resource = addResource(c.root, c.format, dlq, { map: [['Type', { str: 'AWS::SQS::Queue' }], ['Properties', { map: [['MessageRetentionPeriod', { raw: '1209600' }]] }]] }, q.id);
  if (!policy || !resource) return undefined;
  return {
    id: 'add-redrive-policy',
    title: `Move messages that fail ${MAX_RECEIVE} times to a new dead-letter queue ${dlq}`,
    edits: mergeInsertions([resource, policy]),
    changesBehaviour: true,
    isPreferred: true,
  };
}

function checkQueues(ctx: ModelRuleContext, fn: FunctionModel, c: ConfigModel | undefined, seen: Set<ResourceModel>): void {
  if (!c) return;
  for (const t of fn.triggers) {
    if (t.kind !== 'sqs') continue;
    const id = queueRef(t)?.refTarget()?.id;
    const q = id ? c.resources.find((r) => r.id === id && r.type === 'AWS::SQS::Queue') : undefined;
    // A queue created elsewhere is configured there; a queue that is itself another queue's
    // dead-letter queue is where failures already end up.
    if (!q || seen.has(q) || isDeadLetterQueue(c, q)) continue;
    seen.add(q);
    const redrive = q.props?.get('RedrivePolicy');
    if (redrive && redrive.kind !== 'null' && redrive.alternatives().length > 0) continue;
    const fix = redriveFix(c, q);
    ctx.report({
      span: t.span,
      messageId: 'queue-no-redrive', message: `Queue ${q.id}, which triggers ${fn.id}, has no redrive policy: a message the function keeps failing on comes back until the queue's retention period ends, then is lost. Give the queue a dead-letter queue (RedrivePolicy); the function's own DLQ does not apply to SQS.`,
      related: [{ span: q.keySpan, message: `queue ${q.id}` }],
      fixes: fix ? [fix] : [],
    });
  }
}

export default defineRule({
  id: 'require-async-failure-destination',
  scope: 'model',
  meta: {
    category: 'misconfiguration',
    severity: 'info',
    title: 'Asynchronous events dropped on failure: no dead-letter queue or on-failure destination',
    description:
      'When a function invoked asynchronously (by SNS, S3, EventBridge, or with an async invoke configuration) fails, Lambda retries twice and then drops the event, unless a dead-letter queue or an on-failure destination keeps it. For SQS triggers the queue itself needs a redrive policy: without one, a message the function cannot process is retried until it expires.',
    cwe: ['CWE-754', 'CWE-778'],
    owasp: ['A09:2021 Security Logging and Monitoring Failures'],
    fix: 'unsafe',
    messages: {
      'queue-no-redrive': "An SQS queue that triggers a function has no redrive policy (dead-letter queue).",
      'no-failure-destination': "A function invoked asynchronously has no dead-letter queue and no on-failure destination.",
    },
  },
  check(ctx) {
    const queues = new Set<ResourceModel>();
    const configOf = new Map(ctx.model.configs.flatMap((c) => c.functions.map((f) => [f, c] as const)));
    for (const fn of ctx.model.functions) {
      checkQueues(ctx, fn, configOf.get(fn), queues);
      const s = fn.settings;
      const sources = [...new Set(fn.triggers.map((t) => ASYNC[t.kind]).filter((x): x is string => !!x))];
      if (sources.length === 0) continue;
      if (s.deadLetter.state !== 'unset' || s.onFailure.state !== 'unset') continue;
      const anchor = s.deadLetter.anchor;
      ctx.report({
        span: anchor,
        messageId: 'no-failure-destination', message: `Function ${fn.id} is invoked asynchronously (${listNames(sources)}) with no dead-letter queue and no on-failure destination: an event that still fails after Lambda's two retries is dropped without a trace. Add a dead-letter queue or an on-failure destination.`,
      });
    }
  },
});
