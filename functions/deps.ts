// composition root for the Lambda functions: adapters built once per cold start from the parsed environment.

import { CognitoIdentityDirectory } from '../shared/adapters/cognito/identity-directory.js';
import { createDynamoContext } from '../shared/adapters/dynamodb/client.js';
import { createRepositories, type Repositories } from '../shared/adapters/dynamodb/index.js';
import { timeOrderedIds } from '../shared/adapters/ids.js';
import { createLogger, type FunctionLog } from '../shared/adapters/logger.js';
import { RecordingIdentityDirectory } from '../shared/adapters/memory/identity-directory.js';
import { InMemoryJobQueue } from '../shared/adapters/memory/invitation-queue.js';
import { createEmfMetrics, type FlushableMetrics, jobMetricsOn } from '../shared/adapters/metrics.js';
import { SqsJobQueue } from '../shared/adapters/sqs/invitation-queue.js';
import { createTokenVerifier, type TokenVerifier } from '../shared/adapters/tokens.js';
import { type AppConfig, loadConfig } from '../shared/config/env.js';
import type { StaffAssignment } from '../shared/domain/roles.js';
import { type Clock, type IdGenerator, systemClock } from '../shared/ports/common.js';
import type { IdentityDirectory } from '../shared/ports/identity.js';
import type { JobMetrics, JobQueue } from '../shared/ports/jobs.js';
import type { QueueRunner } from './chat-deps.js';

export interface AppDeps {
  config: AppConfig;
  repos: Repositories;
  tokens: TokenVerifier;
  clock: Clock;
  ids: IdGenerator;
  /** One per runtime: Powertools Logger with the allow-list formatter. */
  logger: FunctionLog;
  /** One per runtime: Powertools Metrics (EMF), flushed once per invocation. */
  metrics: FlushableMetrics;
  /** The scheduled jobs' queue: SQS when JOB_QUEUE_URL is set, else in-process (the dispatcher drains it). */
  jobQueue: JobQueue;
  jobMetrics: JobMetrics;
  /** Staff sign-in accounts: Cognito when USER_POOL_ID is set (AWS), else a recording no-op (local, tests). */
  identity: IdentityDirectory;
  /** The middleware's check of a staff token against the stored assignments (see RouteDeps). */
  assignments?: (staffId: string) => Promise<readonly Pick<StaffAssignment, 'orgId' | 'role'>[]>;
  /**
   * Runs the background queue's tasks in this process: given by the composition roots of one machine (local/,
   * tests) as functions/queue-worker.ts's runQueueTask; absent in AWS, where the queue is SQS.
   */
  queueRunner?: QueueRunner;
}

export function createAppDeps(config: AppConfig, overrides: Partial<Omit<AppDeps, 'config'>> = {}): AppDeps {
  const repos =
    overrides.repos ??
    createRepositories(
      createDynamoContext({
        tableName: config.tableName,
        region: config.region,
        endpoint: config.dynamoEndpoint || undefined,
      }),
    );
  const metrics = overrides.metrics ?? createEmfMetrics(serviceOf(config));
  return {
    config,
    repos,
    tokens: overrides.tokens ?? createTokenVerifier(config.jwt),
    clock: overrides.clock ?? systemClock,
    ids: overrides.ids ?? timeOrderedIds,
    logger: overrides.logger ?? createLogger(undefined, serviceOf(config)),
    metrics,
    jobQueue:
      overrides.jobQueue ??
      (config.jobQueueUrl ? new SqsJobQueue(config.jobQueueUrl) : new InMemoryJobQueue()),
    jobMetrics: overrides.jobMetrics ?? jobMetricsOn(metrics),
    queueRunner: overrides.queueRunner,
    // Every call reads the person's assignments (one strongly consistent Query): a revoke is seen at once.
    ...('assignments' in overrides
      ? overrides.assignments
        ? { assignments: overrides.assignments }
        : {}
      : { assignments: (staffId: string) => repos.staff.assignmentsOf(staffId) }),
    identity:
      overrides.identity ??
      (config.userPoolId
        ? new CognitoIdentityDirectory(config.userPoolId)
        : new RecordingIdentityDirectory()),
  };
}

const serviceOf = (config: AppConfig) => (config.serviceName ? { serviceName: config.serviceName } : {});

let cached: AppDeps | undefined;

/** The process-wide dependencies (module scope, as Lambda reuses them across invocations). */
export function defaultDeps(): AppDeps {
  cached ??= createAppDeps(loadConfig());
  return cached;
}
