// infra tests: stages from the CDK context.
import { App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { stageFromContext } from '../../infra/config.js';

describe('Function: stageFromContext', () => {
  it('reads -c stage=prod with its retention, protection and parameter names', () => {
    // Prepare
    const app = new App({
      context: {
        stage: 'prod',
        tracing: 'true',
        alarmEmail: 'ops@example.org',
        // No longer a setting: the October report finds its boards in the table.
        reportBoardIds: ' quan-a,quan-b ',
      },
    });

    // Act
    const stage = stageFromContext(app);

    // Assess
    expect(stage).toMatchObject({
      name: 'prod',
      prefix: 'lienhe-prod',
      stackPrefix: 'LienHe-prod',
      logRetention: RetentionDays.THREE_MONTHS,
      terminationProtection: true,
      tracing: true,
      alarmEmail: 'ops@example.org',
      parameters: {
        botToken: '/lienhe-prod/telegram/bot-token',
        webhookSecret: '/lienhe-prod/telegram/webhook-secret',
      },
    });
    expect(stage.settings).toEqual({});
  });

  it('defaults to dev: two weeks of logs, no termination protection, no tracing', () => {
    // Act
    const stage = stageFromContext(new App());

    // Assess
    expect(stage).toMatchObject({
      name: 'dev',
      logRetention: RetentionDays.TWO_WEEKS,
      terminationProtection: false,
      tracing: false,
    });
    expect(stage).not.toHaveProperty('alarmEmail');
    expect(stage.settings).toEqual({});
  });

  it('refuses an unknown stage', () => {
    // Act / Assess
    expect(() => stageFromContext(new App({ context: { stage: 'qa' } }))).toThrow(/Unknown stage "qa"/);
  });
});
