// test support: builds one stage's stacks the way infra/app.ts does, with cdk.json's feature flags.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, type Environment } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { AwsSolutionsChecks } from 'cdk-nag';
import { type StageName, stageConfig } from '../../infra/config.js';
import { PROJECT_ROOT } from '../../infra/constructs/app-function.js';
import { addNagChecks } from '../../infra/nag.js';
import type { StageSettings } from '../../infra/settings.js';
import type { AppStack, FunctionRegistry } from '../../infra/stacks/app-stack.js';
import type { DataStack } from '../../infra/stacks/data-stack.js';
import { createStageStacks } from '../../infra/stacks/index.js';
import { FIXTURE_REGISTRY } from '../fixtures/functions/registry.js';

/** A stage's settings as the tests use them (the real files are infra/stages/*.ts). */
export const TEST_SETTINGS: StageSettings = {
  region: 'ap-southeast-1',
  alarmEmail: 'ops@example.org',
  botUsername: 'lienhe_test_bot',
  identity: {
    kind: 'oidc',
    issuer: 'https://id.example.org/realms/lienhe',
    audience: 'lienhe-api',
    jwksUrl: 'https://id.example.org/realms/lienhe/protocol/openid-connect/certs',
  },
  sms: { senderId: 'LienHe', monthlySpendLimitUsd: 50 },
  tracing: false,
  logRetentionDays: 14,
};

/** The account and region `npm run synth` gets from credentials and settings (the tests' stand-in). */
export const CONCRETE_ENV = { account: '123456789012', region: 'ap-southeast-1' } as const;

/** The feature flags of cdk.json, so the tests synthesise what `npm run synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

export interface SynthesizedStage {
  app: App;
  data: DataStack;
  appStack: AppStack;
  dataTemplate: Template;
  appTemplate: Template;
  nag: AwsSolutionsChecks;
}

/** The account and region the platform tests synthesise for (a concrete env, as a real deploy has). */
export const TEST_ENV = { account: '123456789012', region: 'ap-southeast-1' } as const;

export function synthStage(
  options: {
    stage?: StageName;
    registry?: FunctionRegistry;
    /** Overrides of TEST_SETTINGS (the prod stage's log retention is 90 days unless given). */
    settings?: Partial<StageSettings>;
    /** A concrete account and region, as `npm run synth` has; environment-agnostic without it. */
    env?: Environment;
    /** Real esbuild bundling (slow); skipped unless asked. */
    bundle?: boolean;
    /** CDK's built-in CloudFormation schema validation: 3–10 s per synthesis here, so only where tested. */
    cfnValidation?: boolean;
    outdir?: string;
  } = {},
): SynthesizedStage {
  const app = new App({
    builtinCloudFormationValidation: options.cfnValidation ?? false,
    context: {
      ...cdkJsonContext(),
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  const name = options.stage ?? 'dev';
  const stage = stageConfig(name, {
    ...TEST_SETTINGS,
    ...(name === 'prod' ? { logRetentionDays: 90 } : {}),
    ...options.settings,
  });
  const { data, app: appStack } = createStageStacks(app, {
    stage,
    registry: options.registry ?? FIXTURE_REGISTRY,
    ...(options.env ? { env: options.env } : {}),
  });
  const nag = addNagChecks(app);
  return {
    app,
    data,
    appStack,
    dataTemplate: Template.fromStack(data),
    appTemplate: Template.fromStack(appStack),
    nag,
  };
}
