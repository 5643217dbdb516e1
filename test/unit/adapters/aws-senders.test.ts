// Unit tests of the SNS, SQS and Cognito adapters with a recording client in place of AWS (there is no AWS here):
// the commands they build, and SQS's partial batch failures sent again.
import { AdminCreateUserCommand, AdminEnableUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { PublishCommand } from '@aws-sdk/client-sns';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { CognitoIdentityDirectory } from '../../../shared/adapters/cognito/identity-directory.js';
import { SnsSmsSender, toE164 } from '../../../shared/adapters/sns/sms-sender.js';
import { SqsInvitationQueue } from '../../../shared/adapters/sqs/invitation-queue.js';
import type { InvitationTask } from '../../../shared/ports/invitations.js';

/** Records every command and answers with what `answer` returns for it. */
function recordingClient(answer: (command: unknown, n: number) => unknown = () => ({})) {
  const sent: unknown[] = [];
  return {
    sent,
    client: {
      send: async (command: unknown) => {
        sent.push(command);
        return answer(command, sent.length);
      },
    },
  };
}

describe('Class: SnsSmsSender', () => {
  it('publishes a transactional SMS to the E.164 number, with the sender id when set', async () => {
    // Prepare
    const { sent, client } = recordingClient();
    const sender = new SnsSmsSender(client as never, 'LIENHE');

    // Act
    await sender.send('0912 345 678', 'Mời đồng chí dự họp');

    // Assess
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(PublishCommand);
    expect((sent[0] as PublishCommand).input).toEqual({
      PhoneNumber: '+84912345678',
      Message: 'Mời đồng chí dự họp',
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'LIENHE' },
      },
    });
  });

  it('writes Vietnamese numbers in E.164', () => {
    // Act & Assess
    expect(toE164('0912.345.678')).toBe('+84912345678');
    expect(toE164('84912345678')).toBe('+84912345678');
    expect(toE164('+84 912 345 678')).toBe('+84912345678');
  });
});

describe('Class: SqsInvitationQueue', () => {
  const task = (n: number) => ({ jobId: 'job', memberId: `m${n}` }) as unknown as InvitationTask;

  it('sends ten tasks per batch', async () => {
    // Prepare
    const { sent, client } = recordingClient();
    const queue = new SqsInvitationQueue('https://sqs.example/q', client as never);

    // Act
    await queue.enqueue(Array.from({ length: 23 }, (_, i) => task(i)));

    // Assess
    const batches = sent as SendMessageBatchCommand[];
    expect(batches.every((b) => b instanceof SendMessageBatchCommand)).toBe(true);
    expect(batches.map((b) => b.input.Entries?.length)).toEqual([10, 10, 3]);
    expect(JSON.parse(batches[2]?.input.Entries?.[2]?.MessageBody ?? '')).toEqual(task(22));
  });

  it('sends the entries SQS refused again, and fails after the third refusal', async () => {
    // Prepare: the first answer refuses entry 1, then everything is accepted
    const partly = recordingClient((_, n) => (n === 1 ? { Failed: [{ Id: '1' }] } : {}));
    const never = recordingClient(() => ({ Failed: [{ Id: '0' }] }));

    // Act
    await new SqsInvitationQueue('q', partly.client as never).enqueue([task(0), task(1)]);
    const failure = new SqsInvitationQueue('q', never.client as never).enqueue([task(0)]);

    // Assess
    const retried = partly.sent[1] as SendMessageBatchCommand;
    expect(retried.input.Entries?.map((e) => e.Id)).toEqual(['1']);
    await expect(failure).rejects.toThrow(/refused 1 invitation tasks/);
    expect(never.sent).toHaveLength(3);
  });
});

describe('Class: CognitoIdentityDirectory', () => {
  it('creates the account, and enables the one that exists already instead of failing a repeated grant', async () => {
    // Prepare: Cognito answers the second creation that the user exists (by the exception's name).
    const { sent, client } = recordingClient((_command, n) => {
      if (n === 2)
        throw Object.assign(new Error('User account already exists'), { name: 'UsernameExistsException' });
      return {};
    });
    const directory = new CognitoIdentityDirectory('ap-southeast-1_pool', client as never);
    const user = { email: 'thu@example.org', staffId: 'res-1' };

    // Act
    await directory.createUser(user);
    await directory.createUser(user);

    // Assess
    expect(sent.map((c) => c?.constructor)).toEqual([
      AdminCreateUserCommand,
      AdminCreateUserCommand,
      AdminEnableUserCommand,
    ]);
    expect((sent[0] as AdminCreateUserCommand).input).toMatchObject({
      UserPoolId: 'ap-southeast-1_pool',
      Username: 'thu@example.org',
      UserAttributes: expect.arrayContaining([{ Name: 'custom:staff_id', Value: 'res-1' }]),
    });
  });

  it('treats a missing account as already disabled or deleted, and passes any other error on', async () => {
    // Prepare
    const missing = Object.assign(new Error('User does not exist.'), { name: 'UserNotFoundException' });
    const { client } = recordingClient(() => {
      throw missing;
    });
    const directory = new CognitoIdentityDirectory('ap-southeast-1_pool', client as never);
    const failing = new CognitoIdentityDirectory('ap-southeast-1_pool', {
      send: async () => {
        throw new Error('throttled');
      },
    } as never);

    // Act & Assess
    await expect(directory.disableUser('thu@example.org')).resolves.toBeUndefined();
    await expect(directory.deleteUser('thu@example.org')).resolves.toBeUndefined();
    await expect(failing.disableUser('thu@example.org')).rejects.toThrow('throttled');
  });
});
