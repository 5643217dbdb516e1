// infra: the App stack's outputs — what the operator reads after a deploy (docs/deploy.md): the API's URL, the
// sign-in issuer (and the pool's ids when it is ours), the alarm topic, the SSM parameter names to fill in, and
// on a stage with a Zalo OA the webhook URL to paste into the Zalo app console.
import { CfnOutput, type Stack } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { StageConfig } from '../config.js';
import type { StaffUserPool, TokenIssuer } from './identity.js';

export function addAppOutputs(
  scope: Stack,
  stage: StageConfig,
  made: { apiStage: HttpStage; identity: { issuer: TokenIssuer; pool?: StaffUserPool }; alarmTopic: Topic },
): void {
  const { apiStage, identity, alarmTopic } = made;
  new CfnOutput(scope, 'ApiUrl', { value: apiStage.url, description: 'Base URL of the HTTP API' });
  if (identity.pool) {
    new CfnOutput(scope, 'UserPoolId', { value: identity.pool.userPool.userPoolId });
    new CfnOutput(scope, 'UserPoolClientId', { value: identity.pool.audience });
  }
  new CfnOutput(scope, 'JwtIssuer', { value: identity.issuer.issuer });
  new CfnOutput(scope, 'AlarmTopicArn', { value: alarmTopic.topicArn });
  new CfnOutput(scope, 'BotTokenParameter', { value: stage.parameters.botToken });
  new CfnOutput(scope, 'WebhookSecretParameter', { value: stage.parameters.webhookSecret });
  if (stage.zalo) {
    // What the operator pastes into the Zalo app's webhook setting (docs/deploy.md, "Zalo").
    new CfnOutput(scope, 'ZaloWebhookUrl', {
      value: `${apiStage.url.replace(/\/$/, '')}/zalo/webhook`,
      description: 'The Zalo OA webhook URL to set in the Zalo app console',
    });
    new CfnOutput(scope, 'ZaloAppSecretParameter', { value: stage.zalo.parameters.appSecret });
    new CfnOutput(scope, 'ZaloOaSecretKeyParameter', { value: stage.zalo.parameters.oaSecretKey });
  }
}
