// domain: the introduction (giấy giới thiệu / sổ liên hệ) from the workplace to the residence committee (R1–R7, R20).
import type { Committee } from './committee.js';
import type { IsoDate } from './dates.js';
import { RuleViolationError } from './errors.js';
import { isPlaceOfResidence, type Member } from './member.js';

export const INTRODUCTION_STATUSES = ['issued', 'received', 'ended'] as const;
export type IntroductionStatus = (typeof INTRODUCTION_STATUSES)[number];

export const END_REASONS = ['transfer', 'moved', 'deceased', 'left_party', 'other'] as const;
export type EndReason = (typeof END_REASONS)[number];

/** R20: armed-forces members' workplace collects the contact book from the residence committee directly. */
export type ContactPath = 'standard' | 'direct';

/** Page 2 of the contact book: the residence committee's receipt (R5). */
export interface Receipt {
  receivedOn: IsoDate;
  receivedBy: string;
  receivedByName: string;
  hamletId: string;
}

export interface IntroductionEnd {
  endedOn: IsoDate;
  reason: EndReason;
  note?: string;
  endedBy: string;
}

export interface Introduction {
  id: string;
  memberId: string;
  workplaceOrgId: string;
  residenceOrgId: string;
  status: IntroductionStatus;
  issuedOn: IsoDate;
  issuedBy: string;
  /** "Số …-GGT" on the mẫu 1-213 letter. */
  letterNumber: string;
  contactPath: ContactPath;
  /** R7: the workplace committee member assigned to follow this member. */
  followerName?: string;
  receipt?: Receipt;
  end?: IntroductionEnd;
  version: number;
}

/** R20: the contact path follows from the member's category. */
export function contactPathFor(member: Pick<Member, 'category'>): ContactPath {
  return member.category === 'armed_forces' ? 'direct' : 'standard';
}

/**
 * R1, R2, R6: checks that this workplace may introduce this member to this residence committee today.
 * Throws RuleViolationError naming the rule that forbids it.
 */
export function assertMayIntroduce(
  member: Pick<Member, 'category' | 'residence'>,
  workplace: Pick<Committee, 'kind'>,
  residence: Pick<Committee, 'kind'>,
  on: IsoDate,
): void {
  if (residence.kind !== 'residence') {
    throw new RuleViolationError('R1', {
      vi: 'đảng viên được giới thiệu về cấp ủy nơi cư trú của phường, xã, thị trấn',
      en: 'a member is introduced to the residence committee of a ward or commune',
    });
  }
  if (!['workplace', 'school', 'armed_forces_unit'].includes(workplace.kind)) {
    throw new RuleViolationError('R1', {
      vi: 'chỉ cấp ủy nơi công tác giới thiệu đảng viên',
      en: 'only the workplace committee introduces a member',
    });
  }
  if (member.category === 'student' && workplace.kind !== 'school') {
    throw new RuleViolationError('R6', {
      vi: 'đảng viên là học sinh, sinh viên do cấp ủy nhà trường giới thiệu',
      en: "a student member is introduced by the school's committee",
    });
  }
  const verdict = isPlaceOfResidence(member.residence, on);
  if (!verdict.ok) {
    const why = {
      temporary_too_short: {
        vi: 'tạm trú dưới một năm chưa được coi là nơi cư trú',
        en: 'a temporary registration of less than one year is not a place of residence',
      },
      temporary_missing_start: {
        vi: 'đăng ký tạm trú cần có ngày bắt đầu',
        en: 'a temporary registration needs its start date',
      },
      temporary_missing_end: {
        vi: 'đăng ký tạm trú cần có ngày hết hạn',
        en: 'a temporary registration needs its end date',
      },
      not_yet_registered: {
        vi: 'đăng ký cư trú chưa có hiệu lực',
        en: 'the registration has not started yet',
      },
      expired: { vi: 'đăng ký tạm trú đã hết hạn', en: 'the temporary registration has expired' },
    }[verdict.reason];
    throw new RuleViolationError('R2', why);
  }
}

/** R5: only an issued introduction can be received (receiving twice is a no-op handled by the caller). */
export function assertMayReceive(introduction: Pick<Introduction, 'status'>): void {
  if (introduction.status === 'ended') {
    throw new RuleViolationError('R5', {
      vi: 'giấy giới thiệu đã chấm dứt, không tiếp nhận được',
      en: 'this introduction has ended and cannot be received',
    });
  }
}

/** R7: a contact can be ended once; its history is kept. */
export function assertMayEnd(introduction: Pick<Introduction, 'status'>): void {
  if (introduction.status === 'ended') {
    throw new RuleViolationError('R7', {
      vi: 'giấy giới thiệu đã chấm dứt trước đó',
      en: 'this introduction has already ended',
    });
  }
}

/** Active members of a residence committee are those whose introduction was received and not ended. */
export function isActive(introduction: Pick<Introduction, 'status'>): boolean {
  return introduction.status === 'received';
}

/**
 * R5, R7: a receipt or an end is dated on or after the day the letter was issued, and not in the
 * future (the staff record what already happened).
 */
export function assertDatedWithinIntroduction(
  rule: 'R5' | 'R7',
  introduction: Pick<Introduction, 'issuedOn'>,
  on: IsoDate,
  today: IsoDate,
): void {
  if (on < introduction.issuedOn) {
    throw new RuleViolationError(rule, {
      vi: 'ngày này trước ngày ký giấy giới thiệu',
      en: 'the date is before the introduction was issued',
    });
  }
  if (on > today)
    throw new RuleViolationError(rule, { vi: 'ngày này chưa đến', en: 'the date is in the future' });
}

/** R5: the hamlet a member is assigned to is a hamlet cell (chi bộ ấp, khu vực) of the receiving committee. */
export function assertHamletOf(
  hamlet: Pick<Committee, 'kind' | 'parentId'> | undefined,
  residenceOrgId: string,
): void {
  if (hamlet?.kind !== 'hamlet_cell' || hamlet.parentId !== residenceOrgId) {
    throw new RuleViolationError('R5', {
      vi: 'chi bộ phân công phải là ấp, khu vực của cấp ủy nơi cư trú tiếp nhận',
      en: 'the hamlet must be a hamlet or area of the receiving residence committee',
    });
  }
}

/** The introduction was in force (issued and not yet ended) at some time during the calendar year. */
export function wasInForceDuring(
  introduction: Pick<Introduction, 'issuedOn' | 'end'>,
  year: number,
): boolean {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  return introduction.issuedOn <= last && (!introduction.end || introduction.end.endedOn >= first);
}
