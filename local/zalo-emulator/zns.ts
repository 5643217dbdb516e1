// The Zalo emulator's ZNS (Zalo Notification Service): template messages to a phone — the templates Zalo approved
// for the OA, the phones with no Zalo account, and the messages accepted, checked in the order Zalo's codes suggest.
import { randomBytes } from 'node:crypto';
import type { Params } from '../telegram-emulator/body.js';
import { success, type ZaloApiAnswer, ZNS_ERRORS } from './errors.js';
import { record } from './http-routes.js';
import type { ZaloZnsMessage } from './types.js';

export interface ZaloZnsOptions {
  /** Template id → the names of its parameters. */
  templates: Readonly<Record<string, readonly string[]>>;
  /** Phones (84xxxxxxxxx) with no Zalo account, back after a reset. */
  unreachablePhones: readonly string[];
  now: () => number;
  /** The emulator's change number, shared with the conversations. */
  nextSeq: () => number;
  /** Wakes whoever waits for a change. */
  changed: () => void;
}

export class ZaloZns {
  private readonly templates = new Map<string, readonly string[]>();
  private readonly unreachable = new Set<string>();
  private readonly unreachableAtStart: readonly string[];
  private readonly log: ZaloZnsMessage[] = [];

  constructor(private readonly options: ZaloZnsOptions) {
    for (const [id, params] of Object.entries(options.templates)) this.templates.set(id, params);
    this.unreachableAtStart = [...options.unreachablePhones];
    for (const phone of this.unreachableAtStart) this.unreachable.add(phone);
  }

  /** Forgets the messages and the phones marked unreachable since the start; approved templates stay. */
  reset(): void {
    this.log.length = 0;
    this.unreachable.clear();
    for (const phone of this.unreachableAtStart) this.unreachable.add(phone);
  }

  approve(templateId: string, params: readonly string[]): void {
    this.templates.set(templateId, [...params]);
  }

  /** The phone (84xxxxxxxxx or 0xxxxxxxxx) has no Zalo account from now on (or again has one: `false`). */
  setUnreachable(phone: string, unreachable: boolean): void {
    const normalised = phone.replace(/^0/, '84');
    if (unreachable) this.unreachable.add(normalised);
    else this.unreachable.delete(normalised);
  }

  /** The messages accepted, in order. */
  messages(): ZaloZnsMessage[] {
    return [...this.log];
  }

  /** A ZNS template to a phone: Zalo's checks in the order its error codes suggest (docs/zalo.md). */
  send(params: Params): ZaloApiAnswer {
    const phone = params.phone;
    if (typeof phone !== 'string' || !/^84\d{9}$/.test(phone)) return { ...ZNS_ERRORS.phoneInvalid };
    const templateId = params.template_id;
    const names = typeof templateId === 'string' ? this.templates.get(templateId) : undefined;
    if (typeof templateId !== 'string' || !names) return { ...ZNS_ERRORS.templateInvalid };
    const data = record(params.template_data);
    if (!data || Object.keys(data).length === 0) return { ...ZNS_ERRORS.templateDataEmpty };
    const templateData: Record<string, string> = {};
    for (const name of names) {
      const value = data[name];
      if (typeof value !== 'string' || value.length === 0) return { ...ZNS_ERRORS.templateDataInvalid };
      templateData[name] = value;
    }
    if (this.unreachable.has(phone)) return { ...ZNS_ERRORS.accountNotExisted };
    const stored: ZaloZnsMessage = {
      seq: this.options.nextSeq(),
      at: this.options.now(),
      msgId: randomBytes(16).toString('hex'),
      phone,
      templateId,
      templateData,
      ...(typeof params.tracking_id === 'string' ? { trackingId: params.tracking_id } : {}),
    };
    this.log.push(stored);
    this.options.changed();
    return success({
      msg_id: stored.msgId,
      sent_time: String(stored.at),
      quota: { dailyQuota: '500', remainingQuota: String(Math.max(0, 500 - this.log.length)) },
    });
  }
}
