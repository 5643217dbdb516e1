// domain: planning a contact meeting — who may, with which chair, and what to warn about (R8, R15).

import { type MeetingDateWarning, meetingDateWarnings, type Round } from './meeting.js';
import type { StaffAssignment } from './roles.js';

/** R15: the agenda every contact meeting follows, used when staff give none. */
export const DEFAULT_AGENDA =
  'Thông báo kết quả thực hiện nghị quyết của phường và chi bộ ấp, khu vực; kế hoạch tháng tới; ' +
  'trả lời ý kiến của đảng viên tại cuộc họp trước; đánh giá việc chấp hành chủ trương, pháp luật ' +
  'của đảng viên và gia đình; thảo luận các vấn đề bức xúc ở địa phương.';

export type MeetingPlanWarning = MeetingDateWarning | 'chair_not_standing';

/** R8: the chair should be a standing committee member (or the committee's chair). */
export function mayChair(staff: Pick<StaffAssignment, 'role' | 'standing'>): boolean {
  return staff.standing === true || staff.role === 'chair';
}

/** R8: warnings for the staff, never refusals: the committee decides "depending on conditions". */
export function meetingPlanWarnings(
  plan: { date: string; round: Round; year: number },
  chair: Pick<StaffAssignment, 'role' | 'standing'>,
): MeetingPlanWarning[] {
  const warnings: MeetingPlanWarning[] = meetingDateWarnings(plan.date, plan.round, plan.year);
  if (!mayChair(chair)) warnings.push('chair_not_standing');
  return warnings;
}
