// infra: builds the two stacks of one stage; infra/app.ts uses it with the real registry, tests with theirs.
import { type Environment, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { AppStack, type FunctionRegistry } from './app-stack.js';
import { DataStack } from './data-stack.js';

export interface StageStacks {
  data: DataStack;
  app: AppStack;
}

export function createStageStacks(
  scope: Construct,
  options: {
    stage: StageConfig;
    registry: FunctionRegistry;
    env?: Environment;
    projectRoot?: string;
  },
): StageStacks {
  const { stage, env } = options;
  const data = new DataStack(scope, `${stage.stackPrefix}-Data`, {
    stage,
    env,
    description: `Liên hệ nơi cư trú (${stage.name}): table and events topic — stateful, retained`,
  });
  const app = new AppStack(scope, `${stage.stackPrefix}-App`, {
    stage,
    env,
    description: `Liên hệ nơi cư trú (${stage.name}): functions, HTTP API, schedules, queues, alarms`,
    registry: options.registry,
    table: data.table,
    topic: data.topic,
    topicKey: data.topicKey,
    projectRoot: options.projectRoot || undefined,
  });
  app.addStackDependency(data);
  for (const stack of [data, app]) {
    Tags.of(stack).add('project', 'lien-he-noi-cu-tru');
    Tags.of(stack).add('stage', stage.name);
  }
  return { data, app };
}
