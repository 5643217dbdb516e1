// settings: the dev stage — everything `npm run deploy -- --stage dev` needs (schema: infra/settings.ts). Edit
// these values for your account before the first deploy (docs/deploy.md); nothing is passed on the command line.
import type { StageSettingsInput } from '../settings.js';

export default {
  region: 'ap-southeast-1',
  alarmEmail: 'it-dev@example.org',
  botUsername: 'lienhe_dev_bot',
  // The committee's OpenID Connect provider. `{ kind: 'cognito' }` (the default) uses the stack's own user pool.
  identity: {
    kind: 'oidc',
    issuer: 'https://id.example.org/realms/lienhe-dev',
    audience: 'lienhe-api',
    jwksUrl: 'https://id.example.org/realms/lienhe-dev/protocol/openid-connect/certs',
  },
  sms: { senderId: 'LienHe', monthlySpendLimitUsd: 10 },
  tracing: false,
  logRetentionDays: 14,
} satisfies StageSettingsInput;
