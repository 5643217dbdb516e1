// adapter: an SmsSender that only records (the local stack and tests): no SMS leaves the machine.
import type { SmsSender } from '../../ports/messaging.js';

export class RecordingSmsSender implements SmsSender {
  readonly sent: { phone: string; text: string }[] = [];

  async send(phone: string, text: string): Promise<void> {
    this.sent.push({ phone, text });
  }
}
