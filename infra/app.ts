// infra: the CDK app — run through `npm run synth|deploy -- --stage dev|prod` (infra/deploy.ts), which passes
// `-c stage=…`; every other value comes from the stage's settings file (infra/stages/<stage>.ts).
import { App } from 'aws-cdk-lib';
import { BACKGROUND_FUNCTIONS, HTTP_GROUPS, HTTP_ROUTES } from '../shared/config/functions.js';
import { stageFromContext } from './config.js';
import { addNagChecks } from './nag.js';
import { StageSettingsError } from './settings.js';
import { createStageStacks } from './stacks/index.js';

const app = new App();
let stage: ReturnType<typeof stageFromContext>;
try {
  stage = stageFromContext(app);
} catch (error) {
  // One line naming the file and the field, not a stack trace.
  if (error instanceof StageSettingsError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

createStageStacks(app, {
  stage,
  // The real registry: every HTTP route (deployed one function per group) and background function.
  registry: { httpGroups: HTTP_GROUPS, httpRoutes: HTTP_ROUTES, backgroundFunctions: BACKGROUND_FUNCTIONS },
  // The settings' region, and their account if pinned, else the account of the CLI's credentials (none
  // offline: the stacks then carry the account as a token, which synthesises all the same).
  env: { region: stage.region, account: stage.account ?? process.env.CDK_DEFAULT_ACCOUNT },
});

addNagChecks(app);
app.synth();
