// settings: the prod stage — everything `npm run deploy -- --stage prod` needs (schema: infra/settings.ts). Edit
// these values for your account before the first deploy (docs/deploy.md); nothing is passed on the command line.
import type { StageSettingsInput } from '../settings.js';

export default {
  region: 'ap-southeast-1',
  alarmEmail: 'it@example.org',
  botUsername: 'lienhe_noicutru_bot',
  // Staff sign in through the stack's own Amazon Cognito user pool (infra/constructs/identity.ts). A province
  // that already runs an OpenID Connect provider sets { kind: 'oidc', issuer, audience, jwksUrl } instead.
  identity: { kind: 'cognito' },
  sms: { senderId: 'LienHe', monthlySpendLimitUsd: 200 },
  tracing: false,
  logRetentionDays: 90,
} satisfies StageSettingsInput;
