// domain: the party member (đảng viên đang công tác) and where they live (R2).
import { addYears, type IsoDate } from './dates.js';

export const MEMBER_CATEGORIES = ['regular', 'travelling', 'student', 'armed_forces'] as const;
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

export const RESIDENCE_KINDS = ['permanent', 'temporary'] as const;
export type ResidenceKind = (typeof RESIDENCE_KINDS)[number];

/**
 * Hộ khẩu thường trú, or tạm trú with the period the commune police granted. R2 asks for a period only
 * of a temporary registration: a permanent one needs no dates (its start, when known, is kept).
 */
export interface Residence {
  kind: ResidenceKind;
  address: string;
  /** Start of a temporary registration (required for it); optional for a permanent one. */
  registeredFrom?: IsoDate;
  /** End of a temporary registration; absent for a permanent one. */
  registeredUntil?: IsoDate;
}

export interface Member {
  id: string;
  partyCardNumber: string;
  fullName: string;
  dateOfBirth: IsoDate;
  sex: Sex;
  phone?: string;
  category: MemberCategory;
  residence: Residence;
  /** The committee where the member works (or studies, R6) and holds regular party life. */
  workplaceOrgId: string;
  admittedOn?: IsoDate;
  officialOn?: IsoDate;
  /** The current party cell at the workplace, as printed on the mẫu 1-213 letter. */
  partyCell?: string;
  /** Set when the member's personal data was removed after their contact ended (docs/privacy.md). */
  anonymisedAt?: string;
}

export type PlaceOfResidenceVerdict =
  | { ok: true }
  | {
      ok: false;
      reason:
        | 'temporary_too_short'
        | 'temporary_missing_start'
        | 'temporary_missing_end'
        | 'not_yet_registered'
        | 'expired';
    };

/**
 * R2: the place of residence is where the member holds permanent registration, or a temporary
 * registration granted for one year or more. Exactly one year counts; the registration must also be
 * in force on the day asked about.
 */
export function isPlaceOfResidence(residence: Residence, on: IsoDate): PlaceOfResidenceVerdict {
  if (residence.registeredFrom && residence.registeredFrom > on) {
    return { ok: false, reason: 'not_yet_registered' };
  }
  // R2: only a temporary registration has a period to check.
  if (residence.kind === 'permanent') return { ok: true };
  if (!residence.registeredFrom) return { ok: false, reason: 'temporary_missing_start' };
  if (!residence.registeredUntil) return { ok: false, reason: 'temporary_missing_end' };
  if (residence.registeredUntil < addYears(residence.registeredFrom, 1)) {
    return { ok: false, reason: 'temporary_too_short' };
  }
  if (residence.registeredUntil < on) return { ok: false, reason: 'expired' };
  return { ok: true };
}
