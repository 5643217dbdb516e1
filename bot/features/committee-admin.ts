// feature: the administrator's committees from /donvi (/unit) — a committee's detail, then rename, move, close,
// a ward's hamlets (add one by name) and its staff (revoke a role, after a confirmation). Each step reads the
// admin's current assignment afresh and goes through the committee and staff use cases, which hold the rules.
import { Composer } from 'grammy';
import { decodeCallback, encodeCallback, prefixPattern } from '../../chat/keyboards/callback-data.js';
import { button, message, type ViewButton } from '../../chat/view.js';
import { RecordingIdentityDirectory } from '../../shared/adapters/memory/identity-directory.js';
import { hamletIdFor, mayChangeCommittee, parentKindsOf } from '../../shared/domain/administration.js';
import { type Committee, hamletName, isOpen } from '../../shared/domain/committee.js';
import { formatVietnameseDate, localDate } from '../../shared/domain/dates.js';
import { DomainError, NotFoundError } from '../../shared/domain/errors.js';
import type { StaffRole } from '../../shared/domain/roles.js';
import { textSchema } from '../../shared/schemas/common.js';
import {
  changeCommittee,
  closeCommittee,
  committeesOfAdmin,
  lineageOf,
  moveCommittee,
} from '../../shared/services/committees.js';
import { revokeStaff, staffOfCommittee } from '../../shared/services/staff-assignments.js';
import { adminActor, type StaffActor } from '../actors.js';
import type { BotContext } from '../context.js';
import { clearDraft, isCommandText, newNonce, saveDraft } from '../drafts.js';

export const committeeAdminFeature = new Composer<BotContext>();

const PAGE = 'qd1';
const DETAIL = 'qd2';
const RENAME = 'qd3';
const MOVE = 'qd4';
const MOVE_TO = 'qd5';
const CLOSE = 'qd6';
const CLOSE_YES = 'qd7';
const HAMLETS = 'qd8';
const ADD_HAMLET = 'qd9';
const STAFF = 'qda';
const REVOKE = 'qdb';
const REVOKE_YES = 'qdc';
const RENAME_DRAFT = 'admin-rename';
const HAMLET_DRAFT = 'admin-hamlet';
const PAGE_SIZE = 20;
const unitNameSchema = textSchema(200);

const committeePorts = (ctx: BotContext) => ({
  committees: ctx.deps.ports.committees,
  clock: ctx.deps.clock,
});

/** The Vietnamese sentence of a domain error (the English part in brackets is for the API's readers). */
function reason(ctx: BotContext, error: unknown): string {
  if (error instanceof NotFoundError) return ctx.t.admin.unknownUnit;
  if (error instanceof DomainError) return error.message.replace(/\s*\([^)]*\)\s*$/, '');
  throw error;
}

const backTo = (ctx: BotContext, orgId: string) => [
  [button(ctx.t.admin.backToUnit, encodeCallback(DETAIL, [orgId]))],
];

/** The admin's committees, a page of buttons; /donvi sends it under the acting-for line. */
export async function unitsPage(ctx: BotContext, actor: StaffActor, page: number) {
  const all = await committeesOfAdmin(actor.principal, ctx.deps.ports);
  const last = Math.max(0, Math.ceil(all.length / PAGE_SIZE) - 1);
  const at = Math.min(Math.max(0, page), last);
  const rows: ViewButton[][] = all
    .slice(at * PAGE_SIZE, (at + 1) * PAGE_SIZE)
    .map((c) => [
      button(c.closedAt ? ctx.t.admin.closedLabel(c.name) : c.name, encodeCallback(DETAIL, [c.id])),
    ]);
  const paging: ViewButton[] = [];
  if (at > 0) paging.push(button(ctx.t.admin.previous, encodeCallback(PAGE, [String(at - 1)])));
  if (at < last) paging.push(button(ctx.t.admin.next, encodeCallback(PAGE, [String(at + 1)])));
  if (paging.length > 0) rows.push(paging);
  return message(ctx.t.admin.units, rows);
}

/** The pressing admin and the committee of the button, or an alert when either is gone. */
async function pressed(ctx: BotContext, orgId: string) {
  const actor = await ctx.actor();
  if (actor?.kind !== 'staff' || actor.principal.role !== 'admin') {
    await ctx.ui.answer(actor ? ctx.t.admin.notAdmin : ctx.t.errors.notLinked, { alert: true });
    return undefined;
  }
  const committee = await ctx.deps.ports.committees.get(orgId);
  if (!committee) {
    await ctx.ui.answer(ctx.t.admin.unknownUnit, { alert: true });
    return undefined;
  }
  return { actor, committee };
}

async function detailView(ctx: BotContext, actor: StaffActor, committee: Committee) {
  const t = ctx.t.admin;
  const lineage = await lineageOf(ctx.deps.ports, committee);
  const parent = lineage[1];
  const text = t.detail({
    name: committee.name,
    kind: committee.kind === 'hamlet_cell' ? t.hamlets : t.kind[committee.kind],
    parent: parent?.name,
    hamlets: (committee.hamlets ?? []).map((h) => h.name),
    ...(committee.closedAt
      ? { closedOn: formatVietnameseDate(localDate(new Date(committee.closedAt))) }
      : {}),
  });
  const rows: ViewButton[][] = [];
  // Buttons the admin could only be refused on are left out (the use cases refuse them all the same).
  if (isOpen(committee) && mayChangeCommittee(actor.principal, lineage)) {
    rows.push([
      button(t.rename, encodeCallback(RENAME, [committee.id])),
      button(t.move, encodeCallback(MOVE, [committee.id])),
    ]);
    rows.push([button(t.close, encodeCallback(CLOSE, [committee.id]))]);
  }
  if (committee.kind === 'residence') rows.push([button(t.hamlets, encodeCallback(HAMLETS, [committee.id]))]);
  rows.push([button(t.staff, encodeCallback(STAFF, [committee.id]))]);
  rows.push([button(t.backToUnits, encodeCallback(PAGE, ['0']))]);
  return message(text, rows);
}

committeeAdminFeature.callbackQuery(prefixPattern(PAGE), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, PAGE, 1);
  if (!parts) return next();
  const actor = await ctx.actor();
  if (actor?.kind !== 'staff' || actor.principal.role !== 'admin') {
    await ctx.ui.answer(ctx.t.admin.notAdmin, { alert: true });
    return;
  }
  await ctx.ui.replace(await unitsPage(ctx, actor, Number(parts[0]) || 0));
});

committeeAdminFeature.callbackQuery(prefixPattern(DETAIL), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, DETAIL, 1);
  if (!parts) return next();
  const found = await pressed(ctx, parts[0] as string);
  if (!found) return;
  await clearDraft(ctx);
  await ctx.ui.replace(await detailView(ctx, found.actor, found.committee));
});

// Rename: the next text is the new name (a draft, so any Lambda container continues the dialogue).
committeeAdminFeature.callbackQuery(prefixPattern(RENAME), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, RENAME, 1);
  if (!parts) return next();
  const found = await pressed(ctx, parts[0] as string);
  if (!found) return;
  await saveDraft(ctx, { kind: RENAME_DRAFT, nonce: newNonce(), data: { orgId: found.committee.id } });
  await ctx.ui.replace(message(ctx.t.admin.askRename(found.committee.name), backTo(ctx, found.committee.id)));
});

async function finishRename(ctx: BotContext, orgId: string, text: string): Promise<void> {
  const actor = await adminActor(ctx);
  if (!actor) return;
  const name = unitNameSchema.safeParse(text);
  if (!name.success) {
    await ctx.ui.reply(message(ctx.t.admin.badUnitName));
    return;
  }
  await clearDraft(ctx);
  try {
    const before = (await ctx.deps.ports.committees.get(orgId))?.name ?? '';
    // A repeat with the same name changes nothing: the use case writes the same record again.
    const after = await changeCommittee(actor.principal, orgId, { name: name.data }, committeePorts(ctx));
    await ctx.ui.reply(message(ctx.t.admin.renamed(before, after.name), backTo(ctx, orgId)));
  } catch (error) {
    await ctx.ui.reply(message(reason(ctx, error), backTo(ctx, orgId)));
  }
}

// Move: the admin's boards that may hold this kind, descendants included — the use case refuses a cycle.
committeeAdminFeature.callbackQuery(prefixPattern(MOVE), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, MOVE, 1);
  if (!parts) return next();
  const found = await pressed(ctx, parts[0] as string);
  if (!found) return;
  const { committee } = found;
  const fits = parentKindsOf(committee.kind);
  const candidates = (await committeesOfAdmin(found.actor.principal, ctx.deps.ports)).filter(
    (c) => fits.includes(c.kind) && isOpen(c) && c.id !== committee.id && c.id !== committee.parentId,
  );
  if (candidates.length === 0) {
    await ctx.ui.replace(message(ctx.t.admin.noNewParent, backTo(ctx, committee.id)));
    return;
  }
  const rows = candidates
    .slice(0, 40)
    .map((c) => [button(c.name, encodeCallback(MOVE_TO, [committee.id, c.id]))]);
  await ctx.ui.replace(
    message(ctx.t.admin.chooseNewParent(committee.name), [...rows, ...backTo(ctx, committee.id)]),
  );
});

committeeAdminFeature.callbackQuery(prefixPattern(MOVE_TO), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, MOVE_TO, 2);
  if (!parts) return next();
  const [orgId, parentId] = parts as [string, string];
  const found = await pressed(ctx, orgId);
  if (!found) return;
  try {
    // Pressed again, the committee already sits there: the use case returns it unchanged.
    const moved = await moveCommittee(found.actor.principal, orgId, parentId, committeePorts(ctx));
    const parent = await ctx.deps.ports.committees.get(parentId);
    await ctx.ui.replace(message(ctx.t.admin.moved(moved.name, parent?.name ?? ''), backTo(ctx, orgId)));
  } catch (error) {
    await ctx.ui.replace(message(reason(ctx, error), backTo(ctx, orgId)));
  }
});

// Close: asked first; confirmed twice, the second finds it closed and says so again (the use case is a no-op).
committeeAdminFeature.callbackQuery(prefixPattern(CLOSE), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, CLOSE, 1);
  if (!parts) return next();
  const found = await pressed(ctx, parts[0] as string);
  if (!found) return;
  await ctx.ui.replace(
    message(ctx.t.admin.confirmClose(found.committee.name), [
      [button(ctx.t.admin.confirmCloseButton, encodeCallback(CLOSE_YES, [found.committee.id]))],
      [button(ctx.t.admin.cancel, encodeCallback(DETAIL, [found.committee.id]))],
    ]),
  );
});

committeeAdminFeature.callbackQuery(prefixPattern(CLOSE_YES), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, CLOSE_YES, 1);
  if (!parts) return next();
  const found = await pressed(ctx, parts[0] as string);
  if (!found) return;
  try {
    const closed = await closeCommittee(found.actor.principal, found.committee.id, committeePorts(ctx));
    await ctx.ui.replace(message(ctx.t.admin.closed(closed.name), backTo(ctx, closed.id)));
  } catch (error) {
    await ctx.ui.replace(message(reason(ctx, error), backTo(ctx, found.committee.id)));
  }
});

// A ward's hamlets, by name; a new one is typed by its name and gets an id made from it.
committeeAdminFeature.callbackQuery(prefixPattern(HAMLETS), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, HAMLETS, 1);
  if (!parts) return next();
  const found = await pressed(ctx, parts[0] as string);
  if (!found) return;
  const { committee } = found;
  const rows: ViewButton[][] = [];
  if (isOpen(committee))
    rows.push([button(ctx.t.admin.addHamlet, encodeCallback(ADD_HAMLET, [committee.id]))]);
  await ctx.ui.replace(
    message(
      ctx.t.admin.hamletList(
        committee.name,
        (committee.hamlets ?? []).map((h) => hamletName(committee, h.id)),
      ),
      [...rows, ...backTo(ctx, committee.id)],
    ),
  );
});

committeeAdminFeature.callbackQuery(prefixPattern(ADD_HAMLET), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, ADD_HAMLET, 1);
  if (!parts) return next();
  const found = await pressed(ctx, parts[0] as string);
  if (!found) return;
  await saveDraft(ctx, { kind: HAMLET_DRAFT, nonce: newNonce(), data: { orgId: found.committee.id } });
  await ctx.ui.replace(message(ctx.t.admin.askHamlet(found.committee.name), backTo(ctx, found.committee.id)));
});

const sameName = (a: string, b: string) =>
  a.normalize('NFC').toLocaleLowerCase('vi') === b.normalize('NFC').toLocaleLowerCase('vi');

async function finishHamlet(ctx: BotContext, orgId: string, text: string): Promise<void> {
  const actor = await adminActor(ctx);
  if (!actor) return;
  const name = unitNameSchema.safeParse(text);
  if (!name.success) {
    await ctx.ui.reply(message(ctx.t.admin.badHamlet));
    return;
  }
  await clearDraft(ctx);
  try {
    const ward = await ctx.deps.ports.committees.get(orgId);
    if (!ward) throw new NotFoundError('committee');
    const hamlets = ward.hamlets ?? [];
    // The same name typed again adds nothing (a resent message, a second thought).
    if (hamlets.some((h) => sameName(h.name, name.data))) {
      await ctx.ui.reply(message(ctx.t.admin.hamletExists(name.data, ward.name), backTo(ctx, orgId)));
      return;
    }
    const id = hamletIdFor(ward.id, name.data, new Set(hamlets.map((h) => h.id)));
    const changed = await changeCommittee(
      actor.principal,
      orgId,
      { hamlets: [...hamlets, { id, name: name.data }] },
      committeePorts(ctx),
    );
    await ctx.ui.reply(message(ctx.t.admin.hamletAdded(name.data, changed.name), backTo(ctx, orgId)));
  } catch (error) {
    await ctx.ui.reply(message(reason(ctx, error), backTo(ctx, orgId)));
  }
}

// Staff: the committee's current assignments, each with a revoke button (confirmed first).
committeeAdminFeature.callbackQuery(prefixPattern(STAFF), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, STAFF, 1);
  if (!parts) return next();
  const found = await pressed(ctx, parts[0] as string);
  if (!found) return;
  const { committee } = found;
  try {
    const staff = await staffOfCommittee(found.actor.principal, committee.id, ctx.deps.ports);
    const rows = staff
      .slice(0, 40)
      .map((s) => [
        button(
          ctx.t.admin.revokeButton(s.fullName, ctx.t.role(s.role)),
          encodeCallback(REVOKE, [committee.id, s.id, s.role]),
        ),
      ]);
    const lines = staff.map((s) => ctx.t.admin.staffLine(s.fullName, ctx.t.role(s.role)));
    await ctx.ui.replace(
      message(ctx.t.admin.staffList(committee.name, lines), [...rows, ...backTo(ctx, committee.id)]),
    );
  } catch (error) {
    await ctx.ui.replace(message(reason(ctx, error), backTo(ctx, committee.id)));
  }
});

committeeAdminFeature.callbackQuery(prefixPattern(REVOKE), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, REVOKE, 3);
  if (!parts) return next();
  const [orgId, personId, role] = parts as [string, string, StaffRole];
  const found = await pressed(ctx, orgId);
  if (!found) return;
  const person = await ctx.deps.ports.staff.person(personId);
  await ctx.ui.replace(
    message(ctx.t.admin.confirmRevoke(person?.fullName ?? '', ctx.t.role(role), found.committee.name), [
      [button(ctx.t.admin.confirmRevokeButton, encodeCallback(REVOKE_YES, [orgId, personId, role]))],
      [button(ctx.t.admin.cancel, encodeCallback(STAFF, [orgId]))],
    ]),
  );
});

committeeAdminFeature.callbackQuery(prefixPattern(REVOKE_YES), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, REVOKE_YES, 3);
  if (!parts) return next();
  const [orgId, personId, role] = parts as [string, string, StaffRole];
  const found = await pressed(ctx, orgId);
  if (!found) return;
  const back = [[button(ctx.t.admin.backToUnit, encodeCallback(STAFF, [orgId]))]];
  const person = await ctx.deps.ports.staff.person(personId);
  try {
    await revokeStaff(
      found.actor.principal,
      { personId, orgId, role },
      {
        committees: ctx.deps.ports.committees,
        staff: ctx.deps.ports.staff,
        identity: ctx.deps.identity ?? new RecordingIdentityDirectory(),
        clock: ctx.deps.clock,
      },
    );
    await ctx.ui.replace(
      message(ctx.t.admin.revoked(person?.fullName ?? '', ctx.t.role(role), found.committee.name), back),
    );
  } catch (error) {
    // Pressed again (or revoked meanwhile elsewhere): the assignment is gone, which is what was asked.
    if (error instanceof NotFoundError) {
      await ctx.ui.replace(message(ctx.t.admin.alreadyRevoked, back));
      return;
    }
    await ctx.ui.replace(message(reason(ctx, error), back));
  }
});

committeeAdminFeature.on('message:text', async (ctx, next) => {
  if (isCommandText(ctx.message.text)) return next();
  const draft = await ctx.draft();
  if (draft?.kind === RENAME_DRAFT) {
    await finishRename(ctx, String(draft.data.orgId), ctx.message.text);
    return;
  }
  if (draft?.kind === HAMLET_DRAFT) {
    await finishHamlet(ctx, String(draft.data.orgId), ctx.message.text);
    return;
  }
  return next();
});
