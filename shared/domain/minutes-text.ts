// domain: the Vietnamese wording of the minutes' filled-in sections (R13 attendance, R15 2.3–2.5), shared
// by the API view, the bot and the PDF so the three always read the same; the words for each code come from the
// wording catalogue (wording.ts).
import { formatVietnameseDate } from './dates.js';
import type { MinutesPart, MinutesRecord, RecordedComment } from './minutes.js';
import { ABSENCE_CATEGORY, ABSENTEE_STATUS } from './wording.js';

export const ROUND_VI = { june: 'tháng 6', october: 'tháng 10' } as const;

export function absenteeLine(a: MinutesRecord['absentees'][number]): string {
  const reason = a.reason
    ? `${ABSENCE_CATEGORY[a.reason.category].vi}${a.reason.text ? `: ${a.reason.text}` : ''}`
    : undefined;
  const status = ABSENTEE_STATUS[a.status].vi;
  return `${a.name} — ${reason ? `${reason} (${status})` : status}`;
}

function commentLine(c: RecordedComment): string {
  return `Đ/c ${c.authorName} — ${c.topic}: ${c.text}`;
}

function answerLine(c: RecordedComment): string {
  if (!c.answer) return `${commentLine(c)}\n   → Chưa có phản hồi.`;
  const a = c.answer;
  const head = a.status === 'done' ? 'Đã làm được' : 'Chưa làm được';
  const extra = [a.reason ? `nguyên nhân: ${a.reason}` : '', a.remedy ? `hướng khắc phục: ${a.remedy}` : '']
    .filter(Boolean)
    .join('; ');
  return `${commentLine(c)}\n   → ${head}: ${a.text}${extra ? ` (${extra})` : ''}`;
}

export function meetingHeadingVi(record: Pick<MinutesRecord, 'meeting'>): string {
  const m = record.meeting;
  return `Cuộc họp giữ mối liên hệ với đảng viên đang công tác, ${ROUND_VI[m.round]} năm ${m.year}, lúc ${m.time} ngày ${formatVietnameseDate(m.date)}, tại ${m.place}; chủ trì: đồng chí ${m.chairName}.`;
}

/** R13: "tổng số đảng viên, số có mặt, số vắng mặt và lý do". */
export function attendanceText(record: Pick<MinutesRecord, 'attendance' | 'absentees'>): string {
  const t = record.attendance;
  const lines = [`Tổng số đảng viên được mời: ${t.total}; có mặt: ${t.present}; vắng mặt: ${t.absent}.`];
  if (record.absentees.length > 0) {
    lines.push('Đảng viên vắng mặt và lý do:');
    record.absentees.forEach((a, i) => {
      lines.push(`${i + 1}. ${absenteeLine(a)}`);
    });
  }
  return lines.join('\n');
}

/**
 * The text each part shows besides what the secretary writes: attendance under the opening, the previous
 * meeting's comments with their answers under 2.3, commendations under 2.4 (October), this meeting's
 * comments under 2.5.
 */
export function filledInText(record: MinutesRecord): Partial<Record<MinutesPart, string>> {
  const out: Partial<Record<MinutesPart, string>> = {
    opening: attendanceText(record),
    answers:
      record.previousComments.length === 0
        ? 'Kỳ họp trước không có ý kiến của đảng viên.'
        : record.previousComments.map((c, i) => `${i + 1}. ${answerLine(c)}`).join('\n'),
    discussion:
      record.comments.length === 0
        ? 'Không có ý kiến gửi trước cho kỳ họp này.'
        : `Ý kiến của đảng viên:\n${record.comments.map((c, i) => `${i + 1}. ${commentLine(c)}`).join('\n')}`,
  };
  if (record.meeting.round === 'october') {
    out.assessment =
      record.commendations.length === 0
        ? 'Chưa có đề nghị biểu dương.'
        : `Đề nghị biểu dương: ${record.commendations.map((c) => `đồng chí ${c.name}`).join(', ')}.`;
  }
  return out;
}
