// adapter: SMS through SNS (direct publish to a phone number) for members with no reachable chat account.
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SmsSender } from '../../ports/messaging.js';

// Loaded on the first SMS, not at cold start: the bot functions that hold this sender rarely send one, and
// the SNS client is ~25 ms of every start (the runtime provides the SDK; importing it is the cost).
let sdk: Promise<typeof import('@aws-sdk/client-sns')> | undefined;
const loadSdk = () => {
  sdk ??= import('@aws-sdk/client-sns');
  return sdk;
};

/** E.164 for SNS: Vietnamese numbers written 0xxxxxxxxx become +84xxxxxxxxx. */
export function toE164(phone: string): string {
  const digits = phone.replace(/[\s.()-]/g, '');
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('84')) return `+${digits}`;
  if (digits.startsWith('0')) return `+84${digits.slice(1)}`;
  return `+84${digits}`;
}

export class SnsSmsSender implements SmsSender {
  private client: Promise<Pick<SNSClient, 'send'>> | undefined;

  constructor(
    client?: Pick<SNSClient, 'send'>,
    private readonly senderId?: string,
  ) {
    if (client) this.client = Promise.resolve(client);
  }

  async send(phone: string, text: string): Promise<void> {
    const { PublishCommand, SNSClient } = await loadSdk();
    this.client ??= Promise.resolve(new SNSClient({}));
    await (await this.client).send(
      new PublishCommand({
        PhoneNumber: toE164(phone),
        Message: text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          ...(this.senderId
            ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: this.senderId } }
            : {}),
        },
      }),
    );
  }
}
