// infra tests: `npm run synth|deploy|diff -- --stage …` — the stage is the only input from the command line.
import { describe, expect, it } from 'vitest';
import { parseInvocation, smsAttributes } from '../../infra/deploy.js';
import { TEST_SETTINGS } from './support.js';

describe('Function: parseInvocation', () => {
  it.each([
    [
      ['deploy', '--stage', 'prod'],
      ['deploy', '--all', '-c', 'stage=prod'],
    ],
    [
      ['synth', '--stage=prod'],
      ['synth', '--quiet', '-c', 'stage=prod'],
    ],
    [['synth'], ['synth', '--quiet', '-c', 'stage=dev']],
    [
      ['diff', '--stage', 'dev'],
      ['diff', '-c', 'stage=dev'],
    ],
    [
      ['deploy', '--stage', 'prod', '--require-approval', 'never'],
      ['deploy', '--all', '-c', 'stage=prod', '--require-approval', 'never'],
    ],
  ])('runs %j as cdk %j', (argv, cdkArgs) => {
    // Act / Assess
    expect(parseInvocation(argv).cdkArgs).toEqual(cdkArgs);
  });

  it.each([
    [['deploy', '--stage', 'prod', '-c', 'alarmEmail=a@b.c'], /-c is not accepted: deploy settings live in/],
    [['deploy', '--context=botUsername=x'], /is not accepted/],
    [['deploy', '--stage', 'qa'], /Unknown stage "qa"/],
    [['bootstrap', '--stage', 'prod'], /Usage: tsx infra\/deploy.ts <synth\|deploy\|diff\|destroy>/],
  ])('refuses %j', (argv, message) => {
    // Act / Assess
    expect(() => parseInvocation(argv)).toThrow(message);
  });
});

describe('Function: smsAttributes', () => {
  it('sets transactional SMS with the sender id and the monthly limit from the settings', () => {
    // Act / Assess
    expect(smsAttributes(TEST_SETTINGS)).toEqual({
      DefaultSMSType: 'Transactional',
      DefaultSenderID: 'LienHe',
      MonthlySpendLimit: '50',
    });
  });
});
