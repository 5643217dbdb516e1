// domain: the one wording catalogue — the words for each code that the bot, the minutes, the PDFs and the XLSX
// all show (absence reasons, answer and attendance states, proposals, roles, the report's title). Every layer
// reads them here, so a code is worded once and reads the same in a chat, on paper and in a spreadsheet;
// test/unit/wording-catalogue.test.ts fails when a layer words one of these codes itself.
import type { RuleSetId } from './committee.js';
import type { AbsenceCategory, Attendance, Confirmation, Rsvp } from './invitation.js';
import type { MemberCategory } from './member.js';
import type { AbsenteeStatus } from './minutes.js';
import type { PartyTitle, StaffRole } from './roles.js';

/** A code's words: Vietnamese (what people read) and English (the bot's English catalogue, the API). */
export interface Wording {
  vi: string;
  en: string;
}

/** The reason a member gives for not attending (R9), as the buttons, the minutes and the member's data say it. */
export const ABSENCE_CATEGORY: Record<AbsenceCategory, Wording> = {
  work: { vi: 'Bận công tác', en: 'Busy with work' },
  illness: { vi: 'Ốm đau', en: 'Illness' },
  family: { vi: 'Việc gia đình', en: 'Family matter' },
  other: { vi: 'Lý do khác', en: 'Other reason' },
};

/**
 * Where the workplace committee's decision on an absence reason stands (R9): the guidance has the workplace
 * "xác nhận" the reason, so a refusal is "không xác nhận" (never "không chấp nhận").
 */
export const CONFIRMATION: Record<Confirmation, Wording> = {
  pending: { vi: 'chờ cấp ủy nơi công tác xác nhận', en: 'waiting for the workplace committee to confirm' },
  confirmed: { vi: 'cấp ủy nơi công tác đã xác nhận', en: 'confirmed by the workplace committee' },
  rejected: { vi: 'cấp ủy nơi công tác không xác nhận', en: 'not confirmed by the workplace committee' },
};

/** Why an invited member was absent, as the minutes list it (R13) and the bot's roll call shows it. */
export const ABSENTEE_STATUS: Record<AbsenteeStatus, Wording> = {
  ...CONFIRMATION,
  no_reply: { vi: 'không trả lời thư mời', en: 'did not answer the invitation' },
  no_reason: {
    vi: 'đã báo dự họp nhưng vắng, không có lý do',
    en: 'said they would attend but was absent, without a reason',
  },
  exempt: {
    vi: 'được miễn sinh hoạt, cấp ủy nơi công tác đã xác nhận',
    en: 'exempt from activities, confirmed by the workplace committee',
  },
  travel: {
    vi: 'đi công tác xa, theo thông báo của cấp ủy nơi công tác',
    en: "away, under the workplace committee's travel notice",
  },
};

/** A member's answer to an invitation. */
export const ANSWER: Record<Rsvp, Wording> = {
  none: { vi: 'chưa trả lời', en: 'no answer yet' },
  attending: { vi: 'báo tham dự', en: 'will attend' },
  absent: { vi: 'báo vắng mặt', en: 'will be absent' },
};

/** What the roll call recorded. */
export const ATTENDANCE: Record<Attendance, Wording> = {
  unrecorded: { vi: 'chưa điểm danh', en: 'not yet recorded' },
  present: { vi: 'có mặt', en: 'present' },
  absent: { vi: 'vắng mặt', en: 'absent' },
};

/** The kinds of members the report counts apart (R22). */
export const MEMBER_CATEGORY: Record<MemberCategory, Wording> = {
  regular: { vi: 'Đảng viên đang công tác', en: 'Working members' },
  travelling: {
    vi: 'Đảng viên thường xuyên đi công tác xa, lưu động',
    en: 'Members often away or on the move for work',
  },
  student: { vi: 'Đảng viên là học sinh, sinh viên', en: 'Student members' },
  armed_forces: { vi: 'Đảng viên lực lượng vũ trang', en: 'Armed forces members' },
};

/** The year-end proposal for a member, in each rule set's own words (R17). */
export const PROPOSAL: Record<RuleSetId, Record<'commend' | 'none' | 'criticise', Wording>> = {
  'hd02-2011': {
    commend: { vi: 'Biểu dương', en: 'Commend' },
    none: { vi: 'Không đề nghị', en: 'None' },
    criticise: { vi: 'Góp ý, phê bình', en: 'Feedback or criticism' },
  },
  'qd213-2020': {
    commend: { vi: 'Biểu dương', en: 'Commend' },
    none: { vi: 'Không đề nghị', en: 'None' },
    criticise: { vi: 'Xem xét xử lý', en: 'Consider disciplinary action' },
  },
};

/** A staff role as people say it. */
export const ROLE: Record<StaffRole, Wording> = {
  workplace_staff: { vi: 'cán bộ cấp ủy nơi công tác', en: 'workplace committee staff' },
  residence_staff: { vi: 'cán bộ cấp ủy nơi cư trú', en: 'residence committee staff' },
  chair: { vi: 'chủ trì cuộc họp', en: 'meeting chair' },
  secretary: { vi: 'thư ký cuộc họp', en: 'meeting secretary' },
  viewer: { vi: 'cán bộ theo dõi', en: 'monitoring officer' },
  admin: { vi: 'quản trị viên', en: 'administrator' },
  board_staff: { vi: 'cán bộ ban tổ chức', en: 'organisation board staff' },
};

/** The office in the committee that signs its letters and reports (not the meeting's secretary). */
export const PARTY_TITLE: Record<PartyTitle, Wording> = {
  bi_thu: { vi: 'bí thư', en: 'secretary' },
  pho_bi_thu: { vi: 'phó bí thư', en: 'deputy secretary' },
};

/** The year-end report (R22) by its name in the guidance — never "Báo cáo tháng 10". */
export const REPORT_TITLE = (year: number): Wording => ({
  vi: `Báo cáo kết quả năm ${year}`,
  en: `Annual report ${year}`,
});

/** The statistical form that goes with the report (the XLSX). */
export const STATISTICS_TITLE = (year: number): Wording => ({
  vi: `Biểu thống kê kết quả năm ${year}`,
  en: `Statistics ${year}`,
});

/** Every table above, by name: the catalogue test walks them. */
export const CATALOGUE = {
  ABSENCE_CATEGORY,
  CONFIRMATION,
  ABSENTEE_STATUS,
  ANSWER,
  ATTENDANCE,
  MEMBER_CATEGORY,
  PROPOSAL_HD02: PROPOSAL['hd02-2011'],
  PROPOSAL_QD213: PROPOSAL['qd213-2020'],
  ROLE,
  PARTY_TITLE,
} as const;

/** One language's words of a table, keyed by code (what the bot catalogues and the renderers index). */
export function wordsIn<K extends string>(table: Record<K, Wording>, lang: keyof Wording): Record<K, string> {
  return Object.fromEntries(Object.entries<Wording>(table).map(([code, w]) => [code, w[lang]])) as Record<
    K,
    string
  >;
}

/** A catalogue word at the head of a line or label: "chủ trì cuộc họp" → "Chủ trì cuộc họp". */
export function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/** A message as a sentence: capitalised, ending in a full stop unless it ends in other punctuation. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…:)]$/.test(trimmed) ? capitalised(trimmed) : `${capitalised(trimmed)}.`;
}
