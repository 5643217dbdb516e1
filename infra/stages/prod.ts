// settings: the prod stage — everything `npm run deploy -- --stage prod` needs (schema: infra/settings.ts). Edit
// these values for your account before the first deploy (docs/deploy.md); nothing is passed on the command line.
import type { StageSettingsInput } from '../settings.js';

export default {
  region: 'ap-southeast-1',
  alarmEmail: 'it@example.org',
  botUsername: 'lienhe_noicutru_bot',
  // The committee's OpenID Connect provider. `{ kind: 'cognito' }` (the default) uses the stack's own user pool.
  identity: {
    kind: 'oidc',
    issuer: 'https://id.example.org/realms/lienhe',
    audience: 'lienhe-api',
    jwksUrl: 'https://id.example.org/realms/lienhe/protocol/openid-connect/certs',
  },
  sms: { senderId: 'LienHe', monthlySpendLimitUsd: 200 },
  tracing: false,
  logRetentionDays: 90,
} satisfies StageSettingsInput;
