// feature: the workplace's one-tap "Đã nhận" under an R10 notice (a member absent without notice); the card
// is redrawn with the acknowledgement. A second press (or a colleague's) keeps the first acknowledgement.
import { Composer } from 'grammy';
import { NOTICE_ACK_PATTERN, noticeAckData } from '../../chat/keyboards/absence-notices.js';
import { absenceNoticeView } from '../../chat/notices.js';
import { acknowledgeAbsenceNotice } from '../../shared/services/absence-notices.js';
import type { BotContext } from '../context.js';

export const absenceNoticesFeature = new Composer<BotContext>();

absenceNoticesFeature.callbackQuery(NOTICE_ACK_PATTERN, async (ctx, next) => {
  const action = noticeAckData.decode(ctx.callbackQuery.data);
  if (!action) return next();
  const actor = await ctx.actor();
  if (actor?.kind !== 'staff' || actor.staff.role !== 'workplace_staff') {
    await ctx.ui.answer(ctx.t.notices.notWorkplaceStaff, { alert: true });
    return;
  }
  const p = ctx.deps.ports;
  const notice = await acknowledgeAbsenceNotice(
    { absenceNotices: p.absenceNotices, clock: ctx.deps.clock },
    actor.principal,
    action.meetingId,
    action.memberId,
  );
  await ctx.ui.answer(ctx.t.notices.acknowledgedToast);
  const meeting = await p.meetings.get(action.meetingId);
  const invitation = await p.invitations.get(action.meetingId, action.memberId);
  if (!meeting || !invitation) return;
  const residence = await p.committees.get(meeting.residenceOrgId);
  await ctx.ui.replace(
    absenceNoticeView(ctx.t, {
      kind: 'absent_without_notice',
      meeting,
      residenceName: residence?.name ?? meeting.residenceOrgId,
      memberId: invitation.memberId,
      memberName: invitation.memberName,
      ground: notice.ground,
      acknowledgedAt: notice.acknowledgedAt || undefined,
    }),
  );
});
