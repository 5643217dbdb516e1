// infra: the stateless stack — one function per HTTP group and per background entry of the registry
// (shared/config/functions.ts), the HTTP API, schedules, queues, the outbox relay, topic subscriptions and
// alarms. Nothing here is per function: a new registry entry is deployed with its grants and trigger, and
// watched by alarms, without touching this file. Each area is built by its module under infra/constructs/, in
// the stack's own scope (the logical ids are the stack's, not a child construct's); this file says the order.
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { HttpApi, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { QUEUE_NAMES, type QueueName } from '../../shared/config/functions.js';
import type { StageConfig } from '../config.js';
import { addResourceAlarms, createAlarmTopic } from '../constructs/alarms.js';
import type { AppFunction } from '../constructs/app-function.js';
import { AppFunctions, groupFunctionSpec } from '../constructs/app-functions.js';
import { addGroupRoutes, createHttpApi } from '../constructs/http-api.js';
import { stageIdentity } from '../constructs/identity.js';
import { Observability } from '../constructs/observability.js';
import { addAppOutputs } from '../constructs/outputs.js';
import { StackQueues } from '../constructs/queues.js';
import { addTrigger } from '../constructs/triggers.js';
import { type FunctionRegistry, validateRegistry } from './registry.js';

export { type FunctionSpec, groupFunctionSpec } from '../constructs/app-functions.js';
export {
  INVITATION_WORKER_CONCURRENCY,
  JOB_WORKER_CONCURRENCY,
  QUEUE_CONSUMERS,
  TELEGRAM_MESSAGES_PER_SECOND,
} from '../constructs/queues.js';
export { OUTBOX_FILTER, scheduledJobInput } from '../constructs/triggers.js';
export { type FunctionRegistry, validateRegistry } from './registry.js';

export interface AppStackProps extends StackProps {
  stage: StageConfig;
  registry: FunctionRegistry;
  table: ITableV2;
  topic: ITopic;
  topicKey: IKey;
  /** Repository root the registry's entries are relative to (the real one unless a test says otherwise). */
  projectRoot?: string;
}

export class AppStack extends Stack {
  readonly functions: Map<string, AppFunction>;
  /** Every dead-letter queue by a readable name; each has a depth alarm. */
  readonly deadLetterQueues: Map<string, Queue>;
  /** The work queues by name (each with its DLQ), and the two by their own names. */
  readonly queues: Map<QueueName, Queue>;
  readonly invitationQueue: Queue;
  readonly jobQueue: Queue;
  readonly api: HttpApi;
  readonly apiStage: HttpStage;
  readonly alarmTopic: Topic;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { stage, registry } = props;
    validateRegistry(registry);

    // Staff sign-in: our Cognito user pool, or the stage's OIDC provider (infra/constructs/identity.ts).
    const identity = stageIdentity(this, stage);
    this.alarmTopic = createAlarmTopic(this, stage);

    const queues = new StackQueues(this, stage);
    for (const name of QUEUE_NAMES) queues.addWorkQueue(name);
    this.queues = queues.work;
    this.deadLetterQueues = queues.deadLetterQueues;
    this.invitationQueue = queues.named('invitations');
    this.jobQueue = queues.named('jobs');
    const schedulesDlq = registry.backgroundFunctions.some((f) => f.trigger.kind === 'schedule')
      ? queues.deadLetterQueue(
          'SchedulesDlq',
          `${stage.prefix}-schedules-dlq`,
          'EventBridge Scheduler (invocations it could not make)',
        )
      : undefined;

    const functions = new AppFunctions(this, { ...props, queues, identity });
    this.functions = functions.byName;
    ({ api: this.api, apiStage: this.apiStage } = createHttpApi(this, stage, identity.issuer));
    // The Zalo webhook needs an OA: a Telegram-only stage deploys neither its function nor its route.
    for (const group of registry.httpGroups.filter((g) => g.requires !== 'zalo' || stage.zalo)) {
      const d = functions.add(groupFunctionSpec(group, registry.httpRoutes), 'http', group.description);
      addGroupRoutes(this.api, group, registry.httpRoutes, d.fn.fn);
    }
    const targets = { ...props, queues, schedulesDlq, alarmTopic: this.alarmTopic, pool: identity.pool };
    // A pool trigger needs a pool: a stage signing in elsewhere does not deploy it.
    for (const def of registry.backgroundFunctions.filter(
      (f) => f.trigger.kind !== 'cognito' || identity.pool,
    )) {
      const d = functions.add(def, def.trigger.kind, def.description);
      addTrigger(this, def, d.fn, targets);
    }
    addResourceAlarms(this, this.alarmTopic, stage, functions.deployed, this.deadLetterQueues);

    this.observability = new Observability(this, 'Observability', {
      stage,
      alarmTopic: this.alarmTopic,
      api: this.api,
      table: props.table,
      invitationQueue: this.invitationQueue,
      jobQueue: this.jobQueue,
      deadLetterQueues: this.deadLetterQueues,
      functions: this.functions,
    });
    addAppOutputs(this, stage, { apiStage: this.apiStage, identity, alarmTopic: this.alarmTopic });
  }
}
