// adapter: the Vietnamese labels of the October report (R22), shared by the XLSX statistical form and the PDF report.
import type { RuleSetId } from '../../domain/committee.js';
import { DUTY_MARKS } from '../../domain/evaluation-questions.js';
import type { Round } from '../../domain/meeting.js';
import type { MemberCategory } from '../../domain/member.js';
import type { OctoberReportBody, ReportDocumentData } from '../../domain/report.js';
import type { NarrativeSection } from '../../domain/report-narrative.js';
import { type Proposal, RULE_SETS } from '../../domain/rule-set.js';
import { MEMBER_CATEGORY, PROPOSAL, wordsIn } from '../../domain/wording.js';

export const ROUND_LABEL: Record<Round, string> = { june: 'Tháng 6', october: 'Tháng 10' };

export const WORKPLACE_KIND_LABEL: Record<'workplace' | 'school' | 'armed_forces_unit', string> = {
  workplace: 'Cơ quan, doanh nghiệp, đơn vị sự nghiệp',
  school: 'Nhà trường (học sinh, sinh viên)',
  armed_forces_unit: 'Đơn vị lực lượng vũ trang',
};

/** The member categories' labels, from the wording catalogue. */
export const CATEGORY_LABEL: Record<MemberCategory, string> = wordsIn(MEMBER_CATEGORY, 'vi');

/** The narrative's sections (R22), as the written report heads them and the form names them. */
export const NARRATIVE_LABEL: Record<NarrativeSection, string> = {
  assessment: 'Đánh giá chung',
  difficulties: 'Khó khăn, vướng mắc',
  proposals: 'Kiến nghị, đề xuất',
};

/** The members table, in the order the form lists it. */
export function memberRows(body: OctoberReportBody): [string, number][] {
  const m = body.members;
  return [
    ['Tổng số đảng viên được giới thiệu', m.introduced],
    ['Đã tiếp nhận', m.received],
    ['Chưa tiếp nhận', m.pending],
    ['Đang giữ mối liên hệ', m.active],
    ['Chấm dứt liên hệ trong năm', m.ended],
    ['Được miễn sinh hoạt', m.exempt],
    ['Đi công tác xa, lưu động', m.travelling],
    ['Học sinh, sinh viên', m.students],
    ['Lực lượng vũ trang', m.armedForces],
  ];
}

export function proposalLabel(ruleSet: RuleSetId, proposal: Proposal): string {
  return PROPOSAL[ruleSet][proposal].vi;
}

/** "Nhiệm vụ 1" / "Tiêu chí 3". */
export function criterionLabel(key: string): string {
  const n = key.slice(1);
  return key.startsWith('d') ? `Nhiệm vụ ${n}` : `Tiêu chí ${n}`;
}

/** "Tốt" / "Chưa tốt" for a duty mark; the criterion's own wording for a level (e.g. "Nêu gương tốt"). */
export function levelLabel(key: string, level: string): string {
  if (key.startsWith('d')) return DUTY_MARKS.find((m) => m.value === level)?.vi ?? level;
  const criterion = RULE_SETS['qd213-2020'].criteria.find((c) => c.key === key);
  const option = criterion?.options.find((o) => String(o.value) === level);
  return option ? `Mức ${level}: ${option.vi}` : `Mức ${level}`;
}

/** Rows of the "by level" table, in a stable order: criterion key, then level. */
export function levelRows(body: OctoberReportBody): [string, string, number][] {
  const rows: [string, string, number][] = [];
  for (const key of Object.keys(body.evaluations.byLevel).sort()) {
    const counts = body.evaluations.byLevel[key] ?? {};
    for (const level of Object.keys(counts).sort())
      rows.push([criterionLabel(key), levelLabel(key, level), counts[level] ?? 0]);
  }
  return rows;
}

export function unitHeading(data: ReportDocumentData): string {
  return data.report.scope === 'aggregate' ? 'Đơn vị (xã, phường, thị trấn)' : 'Ấp, khu vực';
}
