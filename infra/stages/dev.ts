// settings: the dev stage — everything `npm run deploy -- --stage dev` needs (schema: infra/settings.ts). Edit
// these values for your account before the first deploy (docs/deploy.md); nothing is passed on the command line.
import type { StageSettingsInput } from '../settings.js';

export default {
  region: 'ap-southeast-1',
  alarmEmail: 'it-dev@example.org',
  botUsername: 'lienhe_dev_bot',
  // Staff sign in through the stack's own Amazon Cognito user pool (infra/constructs/identity.ts). A province
  // that already runs an OpenID Connect provider sets { kind: 'oidc', issuer, audience, jwksUrl } instead.
  identity: { kind: 'cognito' },
  sms: { senderId: 'LienHe', monthlySpendLimitUsd: 10 },
  tracing: false,
  logRetentionDays: 14,
} satisfies StageSettingsInput;
