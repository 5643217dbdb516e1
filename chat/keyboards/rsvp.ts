// keyboards: the invitation's buttons — "Tham dự" / "Vắng mặt", the reason categories, "Bỏ qua".
import { ABSENCE_CATEGORIES, type AbsenceCategory } from '../../shared/domain/invitation.js';
import type { Catalogue } from '../i18n/index.js';
import { button, type ViewKeyboard } from '../view.js';
import { decodeCallback, encodeCallback, prefixPattern } from './callback-data.js';

export const RSVP_PREFIX = 'rsvp1';
export const RSVP_PATTERN = prefixPattern(RSVP_PREFIX);

export type RsvpAction =
  /** With the member's id when the button has room for it: the press then costs one read (issue 19). */
  | { kind: 'attend'; meetingId: string; memberId?: string }
  | { kind: 'absent'; meetingId: string }
  | { kind: 'category'; meetingId: string; category: AbsenceCategory }
  | { kind: 'skip'; meetingId: string }
  | { kind: 'back'; meetingId: string };

const CATEGORY_CODE: Record<AbsenceCategory, string> = { work: 'w', illness: 'i', family: 'f', other: 'o' };
const KIND_CODE = { attend: 'a', absent: 'n', category: 'c', skip: 's', back: 'b' } as const;
/** "Tham dự" for a named member: `rsvp1|A|<meetingId>|<memberId>`. */
const ATTEND_MEMBER_CODE = 'A';
/** Telegram's limit for a button's data; longer data would be stored and cost a read at the press. */
const MAX_BUTTON_BYTES = 64;

export const rsvpData = {
  encode(action: RsvpAction): string {
    if (action.kind === 'attend' && action.memberId) {
      const named = encodeCallback(RSVP_PREFIX, [ATTEND_MEMBER_CODE, action.meetingId, action.memberId]);
      if (Buffer.byteLength(named, 'utf8') <= MAX_BUTTON_BYTES) return named;
    }
    const parts = [KIND_CODE[action.kind], action.meetingId];
    if (action.kind === 'category') parts.push(CATEGORY_CODE[action.category]);
    return encodeCallback(RSVP_PREFIX, parts);
  },
  decode(data: string): RsvpAction | undefined {
    const three = decodeCallback(data, RSVP_PREFIX, 3);
    if (three) {
      const [kind, meetingId = '', code = ''] = three;
      if (kind === ATTEND_MEMBER_CODE)
        return meetingId && code ? { kind: 'attend', meetingId, memberId: code } : undefined;
      const category = ABSENCE_CATEGORIES.find((c) => CATEGORY_CODE[c] === code);
      return kind === 'c' && category ? { kind: 'category', meetingId, category } : undefined;
    }
    const two = decodeCallback(data, RSVP_PREFIX, 2);
    if (!two) return undefined;
    const [kind, meetingId = ''] = two;
    if (!meetingId) return undefined;
    if (kind === 'a') return { kind: 'attend', meetingId };
    if (kind === 'n') return { kind: 'absent', meetingId };
    if (kind === 's') return { kind: 'skip', meetingId };
    if (kind === 'b') return { kind: 'back', meetingId };
    return undefined;
  },
};

/** The two answers; with `memberId`, "Tham dự" names the member invited (one read at the press). */
export function answerKeyboard(t: Catalogue, meetingId: string, memberId?: string): ViewKeyboard {
  return [
    [
      button(
        t.invitation.attend,
        rsvpData.encode({ kind: 'attend', meetingId, memberId: memberId || undefined }),
      ),
      button(t.invitation.absent, rsvpData.encode({ kind: 'absent', meetingId })),
    ],
  ];
}

export function categoryKeyboard(t: Catalogue, meetingId: string): ViewKeyboard {
  const cat = (category: AbsenceCategory) =>
    button(t.category(category), rsvpData.encode({ kind: 'category', meetingId, category }));
  return [
    [cat('work'), cat('illness')],
    [cat('family'), cat('other')],
    [button(t.invitation.back, rsvpData.encode({ kind: 'back', meetingId }))],
  ];
}

export function skipKeyboard(t: Catalogue, meetingId: string, memberId?: string): ViewKeyboard {
  return [
    [button(t.invitation.skip, rsvpData.encode({ kind: 'skip', meetingId }))],
    ...answerKeyboard(t, meetingId, memberId),
  ];
}
