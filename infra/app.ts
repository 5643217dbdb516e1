// infra: the CDK app — `npm run synth` / `npm run deploy`; the stage comes from `-c stage=dev|prod`.
import { App } from 'aws-cdk-lib';
import { BACKGROUND_FUNCTIONS, HTTP_ROUTES } from '../shared/config/functions.js';
import { stageFromContext } from './config.js';
import { addNagChecks } from './nag.js';
import { createStageStacks } from './stacks/index.js';

const app = new App();
const stage = stageFromContext(app);
const botUsername = app.node.tryGetContext('botUsername');

createStageStacks(app, {
  stage,
  // The real registry: every HTTP route and background function the branches registered.
  registry: { httpRoutes: HTTP_ROUTES, backgroundFunctions: BACKGROUND_FUNCTIONS },
  // Account and region of the credentials the CLI runs with (none offline: the stacks are then
  // environment-agnostic, which synthesises but is deployed with the CLI's defaults).
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  ...(typeof botUsername === 'string' && botUsername !== '' ? { botUsername } : {}),
});

addNagChecks(app);
app.synth();
