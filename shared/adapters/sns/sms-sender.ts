// adapter: SMS through SNS (direct publish to a phone number) for members with no reachable chat account.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { SmsSender } from '../../ports/messaging.js';

/** E.164 for SNS: Vietnamese numbers written 0xxxxxxxxx become +84xxxxxxxxx. */
export function toE164(phone: string): string {
  const digits = phone.replace(/[\s.()-]/g, '');
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('84')) return `+${digits}`;
  if (digits.startsWith('0')) return `+84${digits.slice(1)}`;
  return `+84${digits}`;
}

export class SnsSmsSender implements SmsSender {
  constructor(
    private readonly client: Pick<SNSClient, 'send'> = new SNSClient({}),
    private readonly senderId?: string,
  ) {}

  async send(phone: string, text: string): Promise<void> {
    await this.client.send(
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
