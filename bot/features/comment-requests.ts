// feature: /denghinhanxet (/requestcomment) — qd213-2020 (33-HD/BTCTW): ward staff record that a comment on an
// introduced-but-exempt member was requested (appointment, reward, discipline), by the member's workplace
// committee, today; only then does /nhanxet offer that member's short form. No rule lives here.
import { Composer } from 'grammy';
import { button, message } from '../../chat/view.js';
import { hamletName } from '../../shared/domain/committee.js';
import { formatVietnameseDate, localDate, localYear } from '../../shared/domain/dates.js';
import { RuleViolationError } from '../../shared/domain/errors.js';
import { listExemptMembers, recordCommentRequest } from '../../shared/services/evaluations.js';
import { committeeWithHamlets } from '../../shared/services/hamlets.js';
import { residenceStaff } from '../actors.js';
import { type BotContext, evaluationPorts } from '../context.js';
import { REQUEST_PATTERN, requestData } from '../keyboards/year-end.js';

export const commentRequestsFeature = new Composer<BotContext>();

commentRequestsFeature.command(['denghinhanxet', 'requestcomment'], async (ctx) => {
  const principal = await residenceStaff(ctx);
  const t = ctx.t.commentRequest;
  if (!principal) {
    await ctx.ui.reply(
      message((await ctx.actor()) ? ctx.t.yearEnd.notResidenceStaff : ctx.t.errors.notLinked),
    );
    return;
  }
  const year = localYear(ctx.deps.clock.now());
  const rows = await listExemptMembers(evaluationPorts(ctx.deps), principal, {
    orgId: principal.orgId,
    year,
  });
  if (rows.length === 0) {
    await ctx.ui.reply(message(t.none(year)));
    return;
  }
  // Buttons are read by people: hamlets by name, never by id.
  const ward = await committeeWithHamlets(ctx.deps.ports.committees, principal.orgId);
  await ctx.ui.reply(
    message(
      t.header(year),
      rows.map((row) => [
        button(
          t.memberButton(
            row.memberName,
            row.hamletId && hamletName(ward, row.hamletId),
            row.commentRequested,
          ),
          requestData.encode({ year, memberId: row.memberId, op: 'pick' }),
        ),
      ]),
    ),
  );
});

commentRequestsFeature.callbackQuery(REQUEST_PATTERN, async (ctx, next) => {
  const action = requestData.decode(ctx.callbackQuery.data);
  if (!action) return next();
  const t = ctx.t.commentRequest;
  const principal = await residenceStaff(ctx);
  if (!principal) {
    await ctx.ui.answer(ctx.t.yearEnd.notResidenceStaff, { alert: true });
    return;
  }
  await ctx.ui.answer();
  if (action.op === 'pick') {
    const encode = (op: 'appointment' | 'reward' | 'discipline') =>
      requestData.encode({ year: action.year, memberId: action.memberId, op });
    await ctx.ui.reply(
      message(t.askReason, [
        [button(t.reasons.appointment, encode('appointment'))],
        [button(t.reasons.reward, encode('reward'))],
        [button(t.reasons.discipline, encode('discipline'))],
      ]),
    );
    return;
  }
  const ports = evaluationPorts(ctx.deps);
  const member = await ports.members.get(action.memberId);
  // The request comes from the member's workplace committee (the one that introduced them), recorded today.
  const workplace = member ? await ports.committees.get(member.workplaceOrgId) : undefined;
  const today = localDate(ctx.deps.clock.now());
  try {
    const { outcome, view } = await recordCommentRequest(ports, principal, {
      orgId: principal.orgId,
      year: action.year,
      memberId: action.memberId,
      reason: action.op,
      requestedBy: workplace?.name ?? t.workplaceUnknown,
      requestedOn: today,
    });
    const request = view.commentRequest;
    await ctx.ui.reply(
      message(
        outcome === 'created'
          ? t.recorded(
              view.memberName,
              t.reasons[request?.reason ?? action.op],
              request?.requestedBy ?? '',
              formatVietnameseDate(request?.requestedOn ?? today),
            )
          : t.already(view.memberName, t.reasons[request?.reason ?? action.op]),
      ),
    );
  } catch (error) {
    if (!(error instanceof RuleViolationError)) throw error;
    await ctx.ui.reply(message(t.notExempt));
  }
});
