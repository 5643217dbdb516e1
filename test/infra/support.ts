// test support: builds one stage's stacks the way infra/app.ts does, with cdk.json's feature flags.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, type Environment } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { AwsSolutionsChecks } from 'cdk-nag';
import { type IdentityConfig, type StageName, stageConfig } from '../../infra/config.js';
import { PROJECT_ROOT } from '../../infra/constructs/app-function.js';
import { addNagChecks } from '../../infra/nag.js';
import type { AppStack, FunctionRegistry } from '../../infra/stacks/app-stack.js';
import type { DataStack } from '../../infra/stacks/data-stack.js';
import { createStageStacks } from '../../infra/stacks/index.js';
import { FIXTURE_REGISTRY } from '../fixtures/functions/registry.js';

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
    tracing?: boolean;
    alarmEmail?: string;
    botUsername?: string;
    settings?: Record<string, string>;
    identity?: IdentityConfig;
    restoredTable?: { tableName: string; tableStreamArn: string };
    /** A concrete account and region (default: environment-agnostic stacks). */
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
  const stage = stageConfig(options.stage ?? 'dev', {
    ...(options.tracing ? { tracing: true } : {}),
    ...(options.alarmEmail ? { alarmEmail: options.alarmEmail } : {}),
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.identity ? { identity: options.identity } : {}),
    ...(options.restoredTable ? { restoredTable: options.restoredTable } : {}),
  });
  const { data, app: appStack } = createStageStacks(app, {
    stage,
    registry: options.registry ?? FIXTURE_REGISTRY,
    ...(options.botUsername ? { botUsername: options.botUsername } : {}),
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
