// infra: the stack's functions made from the registry — what one deployed function is (an HTTP group with its
// routes' union, or a background entry), its environment (the JWT issuer, the bot's username, SMS sender, the
// queue workers' share of Telegram's rate) and its grants; each in the stack's own scope, so logical ids stay.
import { Duration, type Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Grant, HttpGroupDef, HttpRouteDef, Trigger } from '../../shared/config/functions.js';
import { ENV, METRICS_NAMESPACE } from '../../shared/config/table.js';
import type { StageConfig } from '../config.js';
import { type GrantResources, resolveGrants } from '../grants.js';
import { acknowledge } from '../nag.js';
import { AppFunction, FUNCTION_SIZING } from './app-function.js';
import type { StaffUserPool, TokenIssuer } from './identity.js';
import { pascal } from './names.js';
import { QUEUE_CONSUMERS, type StackQueues, TELEGRAM_MESSAGES_PER_SECOND } from './queues.js';

export type Kind = 'http' | Trigger['kind'];

/** What a deployed function is made from: a background entry, or an HTTP group with its routes' union. */
export interface FunctionSpec {
  name: string;
  entry: string;
  grants: readonly Grant[];
  bot?: boolean;
  needsFonts?: boolean;
  timeoutSeconds?: number;
  /** Background functions only: what invokes it (a queue consumer splits Telegram's rate with its peers). */
  trigger?: Trigger;
}

export interface DeployedFunction {
  name: string;
  kind: Kind;
  fn: AppFunction;
}

/** The function of an HTTP group: its routes' grants (union, registry order), bot and fonts if any route needs them. */
export function groupFunctionSpec(group: HttpGroupDef, routes: readonly HttpRouteDef[]): FunctionSpec {
  const mine = routes.filter((r) => r.group === group.name);
  return {
    name: group.name,
    entry: group.entry,
    grants: [...new Set(mine.flatMap((r) => r.grants))],
    bot: mine.some((r) => r.bot) || undefined,
    needsFonts: mine.some((r) => r.needsFonts) || undefined,
    timeoutSeconds: group.timeoutSeconds || undefined,
  };
}

/** What the functions are granted on and told about: the data stack's table and topic, the stack's queues. */
export interface FunctionResources {
  stage: StageConfig;
  table: ITableV2;
  topic: ITopic;
  topicKey: IKey;
  queues: StackQueues;
  identity: { issuer: TokenIssuer; pool?: StaffUserPool };
  /** Repository root the registry's entries are relative to (the real one unless a test says otherwise). */
  projectRoot?: string;
}

/** Every resource a registry grant may name (infra/grants.ts). */
function grantResourcesOf(scope: Stack, r: FunctionResources): GrantResources {
  const { stage } = r;
  return {
    scope,
    table: r.table,
    topic: r.topic,
    topicKey: r.topicKey,
    invitationQueue: r.queues.named('invitations'),
    jobQueue: r.queues.named('jobs'),
    botTokenParameter: stage.parameters.botToken,
    webhookSecretParameter: stage.parameters.webhookSecret,
    userPool: r.identity.pool?.userPool,
    ...(stage.zalo
      ? {
          zalo: {
            appId: stage.zalo.appId,
            oaId: stage.zalo.oaId,
            parameters: stage.zalo.parameters,
            proactiveFreePerMonth: stage.zalo.proactiveFreePerMonth,
            ...(stage.zalo.znsTemplates ? { znsTemplates: { ...stage.zalo.znsTemplates } } : {}),
          },
        }
      : {}),
  };
}

/** What every function's environment starts from (a pool trigger leaves out the JWT part: see `environmentOf`). */
function sharedEnvironments(r: FunctionResources): {
  jwt: Record<string, string>;
  base: Record<string, string>;
} {
  const jwt = r.identity.issuer;
  return {
    // functions/deps.ts builds its token verifier at cold start in every function, so all get these.
    jwt: { [ENV.jwtIssuer]: jwt.issuer, [ENV.jwtAudience]: jwt.audience, [ENV.jwtJwksUrl]: jwt.jwksUrl },
    // The bot's username is public and every function that builds a deep link (link codes, the bot) needs it.
    base: {
      [ENV.botUsername]: r.stage.botUsername,
      // Powertools' `service` dimension: the alarms and the dashboard (observability.ts) select by it.
      [ENV.serviceName]: r.stage.prefix,
      [ENV.powertoolsMetricsNamespace]: METRICS_NAMESPACE,
    },
  };
}

/** The environment a function's own spec adds: the SMS sender id, a queue worker's share of Telegram's rate. */
function specEnvironment(def: FunctionSpec, stage: StageConfig): Record<string, string> {
  // The sender id shown on members' phones, where SMS may be sent.
  const smsEnv: Record<string, string> = def.grants.includes('sms:publish')
    ? { [ENV.smsSenderId]: stage.sms.senderId }
    : {};
  // The throttler counts per process: the queue's workers split Telegram's per-bot rate between them.
  const queueEnv: Record<string, string> =
    def.trigger?.kind === 'queue'
      ? {
          [ENV.telegramGlobalPerSecond]: String(
            Math.max(
              1,
              Math.floor(TELEGRAM_MESSAGES_PER_SECOND / QUEUE_CONSUMERS[def.trigger.queue].maxConcurrency),
            ),
          ),
        }
      : {};
  return { ...smsEnv, ...queueEnv };
}

/** Builds the registry's functions in the stack, each with its grants, environment and (if invoked async) DLQ. */
export class AppFunctions {
  readonly byName = new Map<string, AppFunction>();
  readonly deployed: DeployedFunction[] = [];
  private readonly grantResources: GrantResources;
  private readonly environments: { jwt: Record<string, string>; base: Record<string, string> };

  constructor(
    private readonly scope: Stack,
    private readonly resources: FunctionResources,
  ) {
    this.grantResources = grantResourcesOf(scope, resources);
    this.environments = sharedEnvironments(resources);
  }

  add(def: FunctionSpec, kind: Kind, description: string): DeployedFunction {
    const { stage, projectRoot } = this.resources;
    const effect = resolveGrants(def.grants, this.grantResources);
    const dlq = this.asyncDeadLetterQueue(def, kind);
    const fn = new AppFunction(this.scope, pascal(def.name), {
      functionName: `${stage.prefix}-${def.name}`,
      entry: def.entry,
      description,
      // The PDFs need no more memory: 2,000-member minutes render in under a second (architecture.md).
      ...FUNCTION_SIZING[kind],
      ...(def.timeoutSeconds ? { timeout: Duration.seconds(def.timeoutSeconds) } : {}),
      environment: {
        // Not for a pool trigger: the pool names its function and the issuer names the pool, a cycle.
        ...(kind === 'cognito' ? {} : this.environments.jwt),
        ...this.environments.base,
        ...effect.environment,
        ...specEnvironment(def, stage),
      },
      logRetention: stage.logRetention,
      logRemovalPolicy: stage.logRemovalPolicy,
      tracing: stage.tracing,
      needsFonts: def.needsFonts || undefined,
      deadLetterQueue: dlq,
      projectRoot: projectRoot || undefined,
    });
    for (const statement of effect.statements) fn.role.addToPrincipalPolicy(statement);
    for (const ack of effect.acknowledgements) acknowledge(fn.role, ack.id, ack.reason);
    this.byName.set(def.name, fn);
    const deployed = { name: def.name, kind, fn };
    this.deployed.push(deployed);
    return deployed;
  }

  /** Topic and schedule invocations are asynchronous: what fails after Lambda's retries lands in a DLQ. */
  private asyncDeadLetterQueue(def: FunctionSpec, kind: Kind): Queue | undefined {
    if (kind !== 'topic' && kind !== 'schedule') return undefined;
    const { stage, queues } = this.resources;
    return queues.deadLetterQueue(
      `${pascal(def.name)}Dlq`,
      `${stage.prefix}-${def.name}-dlq`,
      `${def.name} (asynchronous invocations that failed after Lambda's retries)`,
    );
  }
}
