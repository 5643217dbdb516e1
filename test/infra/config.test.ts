// infra tests: stages from the settings files (infra/stages/*.ts) — validated, one line per mistake, no -c.
import { App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { stageFromContext } from '../../infra/config.js';
import {
  loadStageSettings,
  parseStageSettings,
  STAGE_SETTINGS_FILES,
  StageSettingsError,
} from '../../infra/settings.js';
import { TEST_SETTINGS } from './support.js';

describe('Function: loadStageSettings', () => {
  it.each(['dev', 'prod'] as const)('accepts the committed %s settings file', (name) => {
    // Act
    const settings = loadStageSettings(name);

    // Assess
    expect(settings.region).toBe('ap-southeast-1');
    expect(settings.botUsername).toMatch(/bot$/);
    expect(settings.logRetentionDays).toBe(name === 'prod' ? 90 : 14);
  });
});

describe('Function: parseStageSettings', () => {
  it('defaults the identity provider to the stack’s Cognito user pool', () => {
    // Prepare
    const { identity: _, ...withoutIdentity } = TEST_SETTINGS;

    // Act
    const settings = parseStageSettings('infra/stages/dev.ts', withoutIdentity);

    // Assess
    expect(settings.identity).toEqual({ kind: 'cognito' });
  });

  it.each([
    [
      'a missing field',
      { alarmEmail: undefined },
      'infra/stages/prod.ts: alarmEmail: must be an e-mail address',
    ],
    [
      'a malformed nested field',
      { sms: { senderId: 'Liên Hệ', monthlySpendLimitUsd: 10 } },
      'infra/stages/prod.ts: sms.senderId: must be 1–11 letters or digits',
    ],
    [
      'an http issuer',
      { identity: { kind: 'oidc', issuer: 'http://id', audience: 'a', jwksUrl: 'https://id/certs' } },
      'infra/stages/prod.ts: identity.issuer: must be an https:// URL',
    ],
    [
      'a retention CloudWatch does not offer',
      { logRetentionDays: 45 },
      /^infra\/stages\/prod\.ts: logRetentionDays: must be one of CloudWatch's retention periods: 1, 3,/,
    ],
    [
      'an unknown field',
      { reportBoardIds: 'quan-a' },
      /^infra\/stages\/prod\.ts: \(the whole object\): .*reportBoardIds/,
    ],
  ] as const)('refuses %s with one line naming the file and the field', (_, change, message) => {
    // Act
    const attempt = () => parseStageSettings('infra/stages/prod.ts', { ...TEST_SETTINGS, ...change });

    // Assess
    expect(attempt).toThrow(StageSettingsError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe('Function: stageFromContext', () => {
  it('reads -c stage=prod with its settings file, retention, protection and parameter names', () => {
    // Prepare
    const app = new App({ context: { stage: 'prod' } });

    // Act
    const stage = stageFromContext(app);

    // Assess
    expect(stage).toMatchObject({
      name: 'prod',
      prefix: 'lienhe-prod',
      stackPrefix: 'LienHe-prod',
      region: 'ap-southeast-1',
      logRetentionDays: 90,
      logRetention: RetentionDays.THREE_MONTHS,
      terminationProtection: true,
      parameters: {
        botToken: '/lienhe-prod/telegram/bot-token',
        webhookSecret: '/lienhe-prod/telegram/webhook-secret',
      },
    });
    const file = STAGE_SETTINGS_FILES.prod.settings as { alarmEmail: string; botUsername: string };
    expect(stage.alarmEmail).toBe(file.alarmEmail);
    expect(stage.botUsername).toBe(file.botUsername);
  });

  it('defaults to dev: two weeks of logs, no termination protection', () => {
    // Act
    const stage = stageFromContext(new App());

    // Assess
    expect(stage).toMatchObject({
      name: 'dev',
      logRetention: RetentionDays.TWO_WEEKS,
      terminationProtection: false,
    });
  });

  it('refuses an unknown stage', () => {
    // Act / Assess
    expect(() => stageFromContext(new App({ context: { stage: 'qa' } }))).toThrow(/Unknown stage "qa"/);
  });

  it.each(['alarmEmail', 'botUsername', 'reportBoardIds', 'tracing'])(
    'refuses the retired -c %s rather than dropping it',
    (key) => {
      // Prepare
      const app = new App({ context: { stage: 'prod', [key]: 'x' } });

      // Act / Assess
      expect(() => stageFromContext(app)).toThrow(
        `-c ${key} is no longer read: set it in infra/stages/prod.ts (docs/deploy.md)`,
      );
    },
  );

  it('stops on a malformed settings file with the loader’s one line', () => {
    // Act / Assess
    expect(() =>
      stageFromContext(new App({ context: { stage: 'dev' } }), () =>
        parseStageSettings('infra/stages/dev.ts', { ...TEST_SETTINGS, botUsername: 'x' }),
      ),
    ).toThrow(/^infra\/stages\/dev\.ts: botUsername: must be a Telegram bot username/);
  });
});
