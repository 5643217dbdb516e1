// feature: /tiepnhan (/receive) — residence staff receive pending introductions in bulk (R5): tick several,
// page by page (or every pending one), choose the hamlet by name, receive them all at once; failures are
// listed with their reason. The dialogue (page cursors, the ticked set) is a draft in the table.
import { Composer } from 'grammy';
import * as z from 'zod';
import type { Catalogue } from '../../chat/i18n/index.js';
import { button, message, type ViewButton, type ViewMessage } from '../../chat/view.js';
import { timeOrderedIds } from '../../shared/adapters/ids.js';
import { hamletName } from '../../shared/domain/committee.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  ValidationError,
} from '../../shared/domain/errors.js';
import type { Principal } from '../../shared/domain/roles.js';
import { MAX_BULK_RECEIVE, receiveIntroductions } from '../../shared/services/bulk-receive.js';
import { committeeWithHamlets } from '../../shared/services/hamlets.js';
import type { IntroductionPorts } from '../../shared/services/introductions.js';
import { residenceStaffActor } from '../actors.js';
import type { BotContext } from '../context.js';
import { clearDraft, newNonce, saveDraft } from '../drafts.js';
import { RECEIVE_PATTERN, type ReceiveOp, receiveData } from '../keyboards/bulk-receive.js';

export const bulkReceiveFeature = new Composer<BotContext>();

export const RECEIVE_DRAFT = 'bulk_receive';
export const RECEIVE_PAGE_SIZE = 8;

const draftSchema = z.object({
  orgId: z.string(),
  page: z.number().int().min(0),
  /** cursors[i]: where page i starts ('' for the first page); known as far as the user paged. */
  cursors: z.array(z.string()),
  /** The ticked introductions and their members' names (for the report of failures). */
  selected: z.record(z.string(), z.string()),
});
type ReceiveDraft = z.infer<typeof draftSchema>;
interface Dialogue {
  nonce: string;
  data: ReceiveDraft;
}

function introductionPorts(ctx: BotContext): IntroductionPorts {
  const p = ctx.deps.ports;
  return {
    committees: p.committees,
    members: p.members,
    introductions: p.introductions,
    staff: p.staff,
    counters: p.counters,
    clock: ctx.deps.clock,
    ids: ctx.deps.ids ?? timeOrderedIds,
  };
}

async function current(ctx: BotContext, nonce: string): Promise<Dialogue | undefined> {
  const draft = await ctx.draft();
  if (draft?.kind !== RECEIVE_DRAFT || draft.nonce !== nonce) return undefined;
  const parsed = draftSchema.safeParse(draft.data);
  return parsed.success ? { nonce: draft.nonce, data: parsed.data } : undefined;
}

const store = (ctx: BotContext, d: Dialogue) =>
  saveDraft(ctx, { kind: RECEIVE_DRAFT, nonce: d.nonce, data: d.data });

const act = (d: Dialogue, op: ReceiveOp, arg = '') => receiveData.encode({ nonce: d.nonce, op, arg });

async function listView(ctx: BotContext, d: Dialogue): Promise<ViewMessage> {
  const t = ctx.t.bulkReceive;
  const cursor = d.data.cursors[d.data.page] ?? '';
  const page = await ctx.deps.ports.introductions.ofResidence(d.data.orgId, {
    status: 'issued',
    limit: RECEIVE_PAGE_SIZE,
    cursor: cursor || undefined,
  });
  const ticked = Object.keys(d.data.selected).length;
  if (page.items.length === 0 && d.data.page === 0 && ticked === 0) return message(t.empty);
  if (page.cursor) d.data.cursors[d.data.page + 1] = page.cursor;
  const workplaces = new Map<string, Promise<string>>();
  const workplaceName = (orgId: string) => {
    let name = workplaces.get(orgId);
    if (!name) {
      name = ctx.deps.ports.committees.get(orgId).then((c) => c?.name ?? '');
      workplaces.set(orgId, name);
    }
    return name;
  };
  const rows: ViewButton[][] = [];
  for (const { introduction, memberName } of page.items) {
    const on = d.data.selected[introduction.id] !== undefined;
    rows.push([
      button(
        t.memberButton(on, memberName, await workplaceName(introduction.workplaceOrgId)),
        act(d, 't', introduction.id),
      ),
    ]);
  }
  const nav: ViewButton[] = [];
  if (d.data.page > 0) nav.push(button(t.previous, act(d, 'p', String(d.data.page - 1))));
  if (page.cursor) nav.push(button(t.next, act(d, 'p', String(d.data.page + 1))));
  if (nav.length > 0) rows.push(nav);
  rows.push([button(t.tickAll, act(d, 'a'))]);
  if (ticked > 0) rows.push([button(t.chooseHamlet(ticked), act(d, 'h'))]);
  rows.push([button(t.cancel, act(d, 'x'))]);
  return message(t.header(d.data.page + 1, ticked), rows);
}

async function hamletView(ctx: BotContext, d: Dialogue): Promise<ViewMessage> {
  const t = ctx.t.bulkReceive;
  const ward = await committeeWithHamlets(ctx.deps.ports.committees, d.data.orgId);
  const hamlets = ward?.hamlets ?? [];
  if (hamlets.length === 0) return message(t.noHamlets);
  const rows: ViewButton[][] = hamlets.map((h) => [button(h.name, act(d, 'g', h.id))]);
  rows.push([button(t.back, act(d, 'p', String(d.data.page))), button(t.cancel, act(d, 'x'))]);
  return message(t.hamletQuestion(Object.keys(d.data.selected).length), rows);
}

/** Why one receipt failed, in words (never a rule number or an id). */
function failureReason(t: Catalogue, error: unknown): string {
  const r = t.bulkReceive.reasons;
  if (error instanceof RuleViolationError) return error.rule === 'R5' ? r.notReceivable : r.rule;
  if (error instanceof ForbiddenError) return r.otherCommittee;
  if (error instanceof NotFoundError) return r.notFound;
  if (error instanceof ConflictError) return r.busy;
  if (error instanceof ValidationError) return r.invalid;
  return r.generic;
}

async function start(ctx: BotContext, principal: Principal): Promise<void> {
  const d: Dialogue = {
    nonce: newNonce(),
    data: { orgId: principal.orgId, page: 0, cursors: [''], selected: {} },
  };
  const view = await listView(ctx, d);
  if (!view.keyboard) {
    await ctx.ui.reply(view);
    return;
  }
  await store(ctx, d);
  await ctx.ui.reply(view);
}

bulkReceiveFeature.command(['tiepnhan', 'receive'], async (ctx) => {
  const actor = await residenceStaffActor(ctx);
  if (!actor) {
    await ctx.ui.reply(
      message((await ctx.actor()) ? ctx.t.bulkReceive.notResidenceStaff : ctx.t.errors.notLinked),
    );
    return;
  }
  await start(ctx, actor.principal);
});

bulkReceiveFeature.callbackQuery(RECEIVE_PATTERN, async (ctx, next) => {
  const action = receiveData.decode(ctx.callbackQuery.data);
  if (!action) return next();
  const t = ctx.t.bulkReceive;
  const actor = await residenceStaffActor(ctx);
  if (!actor) {
    await ctx.ui.answer(t.notResidenceStaff, { alert: true });
    return;
  }
  const d = await current(ctx, action.nonce);
  // A button of an abandoned or finished dialogue, or of another committee (a changed assignment).
  if (!d || d.data.orgId !== actor.principal.orgId) {
    await ctx.ui.answer(ctx.t.errors.staleButton, { alert: true });
    return;
  }
  switch (action.op) {
    case 't': {
      if (d.data.selected[action.arg] !== undefined) delete d.data.selected[action.arg];
      else {
        if (Object.keys(d.data.selected).length >= MAX_BULK_RECEIVE) {
          await ctx.ui.answer(t.tooMany(MAX_BULK_RECEIVE), { alert: true });
          return;
        }
        const intro = await ctx.deps.ports.introductions.get(action.arg);
        const member = intro && (await ctx.deps.ports.members.get(intro.memberId));
        if (!intro || intro.residenceOrgId !== d.data.orgId) {
          await ctx.ui.answer(ctx.t.errors.staleButton, { alert: true });
          return;
        }
        d.data.selected[action.arg] = member?.fullName ?? '';
      }
      await ctx.ui.answer();
      await ctx.ui.replace(await listView(ctx, d));
      await store(ctx, d);
      return;
    }
    case 'a': {
      for await (const { introduction, memberName } of ctx.deps.ports.introductions.streamOfResidence(
        d.data.orgId,
        'issued',
      )) {
        if (Object.keys(d.data.selected).length >= MAX_BULK_RECEIVE) break;
        d.data.selected[introduction.id] = memberName;
      }
      await ctx.ui.answer(t.ticked(Object.keys(d.data.selected).length));
      await ctx.ui.replace(await listView(ctx, d));
      await store(ctx, d);
      return;
    }
    case 'p': {
      const page = Number(action.arg);
      // Only pages whose start is known (paged to, one at a time) can be shown.
      d.data.page = d.data.cursors[page] !== undefined ? page : 0;
      await ctx.ui.answer();
      await ctx.ui.replace(await listView(ctx, d));
      await store(ctx, d);
      return;
    }
    case 'h': {
      await ctx.ui.answer();
      await ctx.ui.replace(
        Object.keys(d.data.selected).length > 0 ? await hamletView(ctx, d) : await listView(ctx, d),
      );
      return;
    }
    case 'x': {
      await clearDraft(ctx);
      await ctx.ui.answer();
      await ctx.ui.replace(message(t.cancelled));
      return;
    }
    case 'g': {
      const ward = await committeeWithHamlets(ctx.deps.ports.committees, d.data.orgId);
      if (!ward?.hamlets.some((h) => h.id === action.arg)) {
        await ctx.ui.answer(ctx.t.errors.staleButton, { alert: true });
        return;
      }
      const ids = Object.keys(d.data.selected);
      // The dialogue ends here: a second press of this button finds no draft and changes nothing.
      await clearDraft(ctx);
      await ctx.ui.answer();
      const hamlet = hamletName(ward, action.arg);
      await ctx.ui.replace(message(t.receiving(ids.length, hamlet)));
      const results = await receiveIntroductions(introductionPorts(ctx), actor.principal, ids, action.arg);
      const failed = results.filter((r) => !r.ok);
      const lines = [t.done(results.length - failed.length, hamlet)];
      if (failed.length > 0) {
        lines.push('', t.failedHeader(failed.length));
        for (const f of failed) {
          lines.push(t.failedLine(d.data.selected[f.introductionId] ?? '', failureReason(ctx.t, f.error)));
        }
      }
      await ctx.ui.replace(message(lines.join('\n')));
      return;
    }
  }
});
