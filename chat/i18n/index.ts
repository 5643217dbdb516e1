// i18n: picks the catalogue for a user (Vietnamese unless their app speaks English) and formats meetings for it.
import { dayOfWeek, formatVietnameseDate } from '../../shared/domain/dates.js';
import type { Meeting } from '../../shared/domain/meeting.js';
import { en } from './en.js';
import { type Catalogue, type MeetingText, vi } from './vi.js';

export type Language = 'vi' | 'en';
export type { Catalogue, MeetingText };

const CATALOGUES: Record<Language, Catalogue> = { vi, en };

/** Vietnamese first: English only for a user whose Telegram speaks English. */
export function pickLanguage(languageCode: string | undefined): Language {
  return languageCode?.toLowerCase().startsWith('en') ? 'en' : 'vi';
}

export function catalogue(languageOrCode: string | undefined): Catalogue {
  return CATALOGUES[pickLanguage(languageOrCode)];
}

/** The meeting as texts show it: dd/MM/yyyy in Vietnam's calendar, with its weekday. */
export function meetingText(
  meeting: Pick<Meeting, 'date' | 'time' | 'place' | 'chairName' | 'agenda' | 'round' | 'year'>,
): MeetingText {
  return {
    date: formatVietnameseDate(meeting.date),
    weekday: dayOfWeek(meeting.date),
    time: meeting.time,
    place: meeting.place,
    chairName: meeting.chairName,
    agenda: meeting.agenda,
    round: meeting.round,
    year: meeting.year,
  };
}
