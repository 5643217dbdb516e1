// integration: the Cognito pre-token trigger on DynamoDB Local — claims from the stored staff assignment, or
// the sign-in refused (no assignment, no staff id), with nothing personal in the log.
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/identity/pre-token-generation.js';
import { createRepositories } from '../../shared/adapters/dynamodb/index.js';
import { createLogger } from '../../shared/adapters/logger.js';
import { UnauthorizedError } from '../../shared/domain/errors.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';

/** A V2 event as Cognito sends it for a password sign-in (userAttributes as strings). */
function signInEvent(userAttributes: Record<string, string>): PreTokenGenerationV2TriggerEvent {
  return {
    version: '2',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'ap-southeast-1',
    userPoolId: 'ap-southeast-1_Test',
    userName: 'lan.nguyen',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client-1' },
    request: { userAttributes, groupConfiguration: {}, scopes: ['aws.cognito.signin.user.admin'] },
    response: { claimsAndScopeOverrideDetails: {} },
  } as PreTokenGenerationV2TriggerEvent;
}

describe('Function: pre-token-generation', () => {
  let table: TestTable;
  const logs: string[] = [];
  let handler: ReturnType<typeof createHandler>;

  beforeAll(async () => {
    table = await createTestTable();
    const repos = createRepositories(table);
    await repos.staff.put({
      id: 'staff-lan',
      orgId: 'phuong-an-khanh-kp3',
      role: 'secretary',
      fullName: 'Nguyễn Thị Lan',
      phone: '0901234567',
    });
    handler = createHandler(() => ({ staff: repos.staff, logger: createLogger((line) => logs.push(line)) }));
  });

  afterAll(async () => {
    await table.drop();
  });

  it('puts the staff assignment into the ID and access tokens', async () => {
    // Prepare
    const event = signInEvent({
      sub: '5f1c2d3e-0000-4000-8000-000000000001',
      email: 'lan@example.org',
      'custom:staff_id': 'staff-lan',
    });

    // Act
    const result = await handler(event);

    // Assess
    const claims = { staffId: 'staff-lan', orgId: 'phuong-an-khanh-kp3', role: 'secretary' };
    expect(result.response.claimsAndScopeOverrideDetails).toEqual({
      idTokenGeneration: { claimsToAddOrOverride: claims },
      accessTokenGeneration: { claimsToAddOrOverride: claims },
    });
  });

  it('refuses the sign-in of an account whose staff assignment does not exist, logging ids only', async () => {
    // Prepare
    const event = signInEvent({
      email: 'former@example.org',
      name: 'Trần Văn Cũ',
      'custom:staff_id': 'staff-gone',
    });
    logs.length = 0;

    // Act
    const attempt = handler(event);

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(attempt).rejects.toThrow(/không còn được phân công/);
    expect(logs.join('\n')).toContain('staff-gone');
    expect(logs.join('\n')).not.toMatch(/former@example\.org|Trần Văn Cũ/);
  });

  it('refuses the sign-in of an account the administration never linked to a staff member', async () => {
    // Prepare
    const event = signInEvent({ email: 'someone@example.org', 'custom:staff_id': '  ' });

    // Act
    const attempt = handler(event);

    // Assess
    await expect(attempt).rejects.toThrow(/chưa được gắn với cán bộ nào/);
    await expect(handler(signInEvent({ email: 'someone@example.org' }))).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
  });
});
