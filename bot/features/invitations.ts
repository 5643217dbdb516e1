// feature: /moi (/invite) — residence staff send the invitations of an upcoming meeting; one message shows the progress.
import { Composer } from 'grammy';
import { meetingText } from '../../chat/i18n/index.js';
import { INVITE_PATTERN, inviteData } from '../../chat/keyboards/invitations.js';
import { button, message } from '../../chat/view.js';
import { invitationPorts } from '../../shared/services/invitation-wiring.js';
import { startInvitations } from '../../shared/services/invitations.js';
import { upcomingMeetings } from '../../shared/services/meetings.js';
import { residenceStaffActor } from '../actors.js';
import type { BotContext } from '../context.js';

export const invitationsFeature = new Composer<BotContext>();

invitationsFeature.command(['moi', 'invite'], async (ctx) => {
  const actor = await residenceStaffActor(ctx);
  if (!actor) {
    await ctx.ui.reply(
      message((await ctx.actor()) ? ctx.t.invite.notResidenceStaff : ctx.t.errors.notLinked),
    );
    return;
  }
  const meetings = await upcomingMeetings(actor.staff.orgId, {
    meetings: ctx.deps.ports.meetings,
    clock: ctx.deps.clock,
  });
  if (meetings.length === 0) {
    await ctx.ui.reply(message(ctx.t.invite.noMeetings));
    return;
  }
  await ctx.ui.reply(
    message(
      ctx.t.invite.choose,
      meetings.map((m) => [button(ctx.t.invite.meetingButton(meetingText(m)), inviteData.encode(m.id))]),
    ),
  );
});

invitationsFeature.callbackQuery(INVITE_PATTERN, async (ctx, next) => {
  const meetingId = inviteData.decode(ctx.callbackQuery.data);
  if (!meetingId) return next();
  const actor = await residenceStaffActor(ctx);
  const user = ctx.chatUser;
  if (!actor || !user) {
    await ctx.ui.answer(ctx.t.invite.notResidenceStaff, { alert: true });
    return;
  }
  await ctx.ui.answer();
  // This message becomes the progress message the job keeps editing ("Đã gửi 120/450").
  await ctx.ui.replace(message(ctx.t.invite.preparing));
  const source = ctx.ui.sourceMessageId;
  await startInvitations(
    actor.principal,
    meetingId,
    {
      channel: user.channel,
      chatId: user.chatId,
      messageId: source || undefined,
      languageCode: user.languageCode || undefined,
    },
    invitationPorts(ctx.deps),
  );
});
