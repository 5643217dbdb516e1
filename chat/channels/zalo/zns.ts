// channel (Zalo): the ZnsSender port over Zalo Notification Service — invitations and reminders as approved templates sent to a phone, for members no chat reaches.
import type { ZnsTemplateIds } from '../../../shared/config/zalo.js';
import { formatVietnameseDate } from '../../../shared/domain/dates.js';
import type { Notice } from '../../../shared/ports/chat.js';
import type { Log } from '../../../shared/ports/log.js';
import type { ZnsSender } from '../../../shared/ports/messaging.js';
import { catalogue } from '../../i18n/index.js';
import { ZaloApiError, ZaloRateLimitedError, ZaloTokenExpiredError } from './errors.js';
import type { ZaloOaApi } from './oa.js';

/**
 * The longest value of each parameter, as the template declares its type in the ZNS console (docs/zalo.md):
 * "Tên khách hàng" 30, a custom label 30, "Thời gian" 20, an address 200 (we keep places shorter: 80).
 */
export const ZNS_PARAM_LIMITS = {
  member_name: 30,
  committee_name: 30,
  meeting_time: 20,
  meeting_place: 80,
  how_to_answer: 30,
} as const;

export type ZnsParam = keyof typeof ZNS_PARAM_LIMITS;

/**
 * ZNS codes that are not worth a retry: a transient failure is a transport error, the rate limit (-32), a token
 * Zalo still refuses after the renewal, or -100 ("Unknown error, try again later"). Anything else Zalo answers
 * about this phone, template or quota (-108 phone invalid, -109 template invalid, -118 no Zalo account, …)
 * refuses this path: the ladder goes on to SMS.
 */
const ZNS_RETRY_CODES: ReadonlySet<number> = new Set([-100]);

/** A Vietnamese number as ZNS wants it (84 and the 9 digits after the leading 0), or undefined. */
export function znsPhone(phone: string): string | undefined {
  const digits = phone.replace(/[\s.()-]/g, '');
  const national = /^(?:\+?84|0)(\d{9})$/.exec(digits);
  return national ? `84${national[1]}` : undefined;
}

/** Cuts a value to `max` characters (code points), ending in "…" when cut. */
export function znsValue(value: string, max: number): string {
  const chars = [...value.trim().replace(/\s+/g, ' ')];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** The template and its parameters for a notice, or undefined: only invitations and reminders have one. */
export function znsTemplateFor(
  notice: Notice,
  templates: ZnsTemplateIds,
): { templateId: string; data: Record<ZnsParam, string> } | undefined {
  if (notice.kind !== 'invitation' && notice.kind !== 'reminder') return undefined;
  const templateId = notice.kind === 'invitation' ? templates.invitation : templates.reminder;
  if (!templateId) return undefined;
  // Templates are approved in Vietnamese: the values are too, whatever the member's chat language.
  const t = catalogue('vi');
  const { meeting } = notice;
  const raw: Record<ZnsParam, string> = {
    member_name: notice.memberName,
    committee_name: notice.committeeName,
    // Asia/Ho_Chi_Minh wall time, as the meeting is planned: "08:00 15/06/2026".
    meeting_time: `${meeting.time} ${formatVietnameseDate(meeting.date)}`,
    meeting_place: meeting.place,
    how_to_answer: t.zalo.znsHowToAnswer,
  };
  const data = Object.fromEntries(
    (Object.keys(raw) as ZnsParam[]).map((k) => [k, znsValue(raw[k], ZNS_PARAM_LIMITS[k])]),
  ) as Record<ZnsParam, string>;
  return { templateId, data };
}

export class ZaloZnsSender implements ZnsSender {
  constructor(
    private readonly oa: Pick<ZaloOaApi, 'sendZns'>,
    private readonly templates: ZnsTemplateIds,
    private readonly log?: Log,
  ) {}

  async send(phone: string, notice: Notice, trackingId: string): Promise<'sent' | 'no_template' | 'refused'> {
    const template = znsTemplateFor(notice, this.templates);
    if (!template) return 'no_template';
    const to = znsPhone(phone);
    // Not a Vietnamese number: Zalo would answer -108; the SMS path may still reach it.
    if (!to) return 'refused';
    try {
      await this.oa.sendZns({
        phone: to,
        templateId: template.templateId,
        templateData: template.data,
        trackingId,
      });
      return 'sent';
    } catch (error) {
      if (!(error instanceof ZaloApiError) || error instanceof ZaloRateLimitedError) throw error;
      if (error instanceof ZaloTokenExpiredError || ZNS_RETRY_CODES.has(error.code) || error.code === 0) {
        throw error;
      }
      // The code and the notice kind only: never the phone.
      this.log?.warn('zalo zns refused', { code: error.code, noticeKind: notice.kind });
      return 'refused';
    }
  }
}
