// feature: the administrator's steps and the committee choice — /donvi (/unit) picks the assignment a person acts
// for (and lists an admin's committees); /canbo (/staff) grants a role, with an optional sign-in e-mail, and sends
// the link code with its QR; /donvimoi (/newunit) creates a committee.
import { Composer } from 'grammy';
import { decodeCallback, encodeCallback, prefixPattern } from '../../chat/keyboards/callback-data.js';
import { button, message } from '../../chat/view.js';
import { timeOrderedIds } from '../../shared/adapters/ids.js';
import { RecordingIdentityDirectory } from '../../shared/adapters/memory/identity-directory.js';
import { qrPng } from '../../shared/adapters/qr.js';
import { ROLES_BY_KIND } from '../../shared/domain/administration.js';
import type { CommitteeKind, Hamlet } from '../../shared/domain/committee.js';
import { DomainError } from '../../shared/domain/errors.js';
import { PARTY_TITLES, type PartyTitle, type StaffRole } from '../../shared/domain/roles.js';
import { newCommitteeSchema } from '../../shared/schemas/administration.js';
import { emailSchemaOptional, fullNameSchema } from '../../shared/schemas/common.js';
import { committeesOfAdmin, createCommittee } from '../../shared/services/committees.js';
import { assignStaff } from '../../shared/services/staff-assignments.js';
import { adminActor } from '../actors.js';
import type { BotContext } from '../context.js';
import { clearDraft, isCommandText, newNonce, saveDraft } from '../drafts.js';
import { unitsPage } from './committee-admin.js';

export const administrationFeature = new Composer<BotContext>();

const UNIT = 'dv1';
const STAFF_ORG = 'cb1';
const STAFF_ROLE = 'cb2';
const STAFF_SKIP = 'cb3';
/** The role button's third part when the person holds no office in the committee. */
const NO_TITLE = '-';
const NEW_PARENT = 'dm1';
const NEW_KIND = 'dm2';
const STAFF_DRAFT = 'admin-staff';
const COMMITTEE_DRAFT = 'admin-committee';
const NEW_KINDS: readonly Exclude<CommitteeKind, 'hamlet_cell'>[] = [
  'residence',
  'workplace',
  'school',
  'armed_forces_unit',
  'board',
];

async function explain(ctx: BotContext, error: unknown): Promise<void> {
  // Domain errors carry a Vietnamese sentence first; the English part in brackets is for the API's readers.
  if (error instanceof DomainError) {
    await ctx.ui.reply(message(error.message.replace(/\s*\([^)]*\)\s*$/, '')));
    return;
  }
  throw error;
}

administrationFeature.command(['donvi', 'unit'], async (ctx) => {
  const actor = await ctx.actor();
  if (actor?.kind !== 'staff') {
    await ctx.ui.reply(message(actor ? ctx.t.errors.forbidden : ctx.t.errors.notLinked));
    return;
  }
  const names = new Map<string, string>();
  for (const a of actor.assignments)
    names.set(a.orgId, (await ctx.deps.ports.committees.get(a.orgId))?.name ?? a.orgId);
  const current = ctx.t.admin.actingFor(names.get(actor.staff.orgId) ?? '', ctx.t.role(actor.staff.role));
  if (actor.assignments.length <= 1) {
    await ctx.ui.reply(message(current));
  } else {
    const keyboard = actor.assignments.map((a) => [
      button(`${names.get(a.orgId)} — ${ctx.t.role(a.role)}`, encodeCallback(UNIT, [a.orgId, a.role])),
    ]);
    await ctx.ui.reply(message(`${current}\n${ctx.t.admin.chooseUnit}`, keyboard));
  }
  // An administrator also gets the committees they manage, each opening its detail (committee-admin.ts).
  if (actor.principal.role === 'admin') await ctx.ui.reply(await unitsPage(ctx, actor, 0));
});

administrationFeature.callbackQuery(prefixPattern(UNIT), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, UNIT, 2);
  if (!parts) return next();
  const [orgId, role] = parts as [string, StaffRole];
  const actor = await ctx.actor();
  // Read afresh: a revoked assignment cannot be chosen from an old button.
  const held =
    actor?.kind === 'staff' ? actor.assignments.find((a) => a.orgId === orgId && a.role === role) : undefined;
  if (!actor || !held) {
    await ctx.ui.answer(ctx.t.errors.staleButton, { alert: true });
    return;
  }
  await ctx.deps.ports.chatLinks.setActingFor(actor.link.channel, actor.link.userId, { orgId, role });
  const committee = await ctx.deps.ports.committees.get(orgId);
  await ctx.ui.replace(message(ctx.t.admin.actingFor(committee?.name ?? orgId, ctx.t.role(role))));
  await ctx.ui.answer();
  await ctx.ui.showCommands(role).catch(() => undefined);
});

administrationFeature.command(['canbo', 'staff'], async (ctx) => {
  const actor = await adminActor(ctx);
  if (!actor) return;
  await clearDraft(ctx);
  const committees = (await committeesOfAdmin(actor.principal, ctx.deps.ports)).filter((c) => !c.closedAt);
  const keyboard = committees.slice(0, 40).map((c) => [button(c.name, encodeCallback(STAFF_ORG, [c.id]))]);
  await ctx.ui.reply(message(ctx.t.admin.chooseCommittee, keyboard));
});

administrationFeature.callbackQuery(prefixPattern(STAFF_ORG), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, STAFF_ORG, 1);
  if (!parts) return next();
  const committee = await ctx.deps.ports.committees.get(parts[0] as string);
  if (!committee) {
    await ctx.ui.answer(ctx.t.errors.staleButton, { alert: true });
    return;
  }
  const keyboard = ROLES_BY_KIND[committee.kind].flatMap((role) => [
    [button(ctx.t.role(role), encodeCallback(STAFF_ROLE, [committee.id, role, NO_TITLE]))],
    // R6: the workplace committee's bí thư (or phó bí thư) signs its introduction letters: granted here.
    ...(role === 'workplace_staff'
      ? PARTY_TITLES.map((title) => [
          button(ctx.t.admin.partyTitle(title), encodeCallback(STAFF_ROLE, [committee.id, role, title])),
        ])
      : []),
  ]);
  await ctx.ui.replace(message(ctx.t.admin.chooseRole(committee.name), keyboard));
  await ctx.ui.answer();
});

administrationFeature.callbackQuery(prefixPattern(STAFF_ROLE), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, STAFF_ROLE, 3);
  if (!parts) return next();
  const [orgId, role, titlePart] = parts as [string, StaffRole, string];
  const partyTitle = PARTY_TITLES.find((t) => t === titlePart);
  const committee = await ctx.deps.ports.committees.get(orgId);
  const data: StaffDraft = { orgId, role, partyTitle };
  await saveDraft(ctx, { kind: STAFF_DRAFT, nonce: newNonce(), data: { ...data } });
  const asWhat = partyTitle ? ctx.t.admin.partyTitle(partyTitle) : ctx.t.role(role);
  await ctx.ui.replace(message(ctx.t.admin.askName(asWhat, committee?.name ?? orgId)));
  await ctx.ui.answer();
});

/** The staff dialogue: the name first, then the sign-in e-mail (or "skip"); the nonce guards the skip button. */
interface StaffDraft {
  orgId: string;
  role: StaffRole;
  partyTitle?: PartyTitle;
  fullName?: string;
}

async function staffName(ctx: BotContext, draft: StaffDraft, nonce: string, text: string): Promise<void> {
  const actor = await adminActor(ctx);
  if (!actor) return;
  const name = fullNameSchema.safeParse(text);
  if (!name.success) {
    await ctx.ui.reply(message(ctx.t.admin.badName));
    return;
  }
  await saveDraft(ctx, { kind: STAFF_DRAFT, nonce, data: { ...draft, fullName: name.data } });
  await ctx.ui.reply(
    message(ctx.t.admin.askEmail(name.data), [
      [button(ctx.t.admin.skipEmail, encodeCallback(STAFF_SKIP, [nonce]))],
    ]),
  );
}

async function staffEmail(ctx: BotContext, draft: StaffDraft, nonce: string, text: string): Promise<void> {
  const email = emailSchemaOptional.safeParse(text);
  if (!email.success || !email.data) {
    await ctx.ui.reply(
      message(ctx.t.admin.badEmail, [[button(ctx.t.admin.skipEmail, encodeCallback(STAFF_SKIP, [nonce]))]]),
    );
    return;
  }
  await finishStaff(ctx, draft, nonce, email.data);
}

administrationFeature.callbackQuery(prefixPattern(STAFF_SKIP), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, STAFF_SKIP, 1);
  if (!parts) return next();
  const draft = await ctx.draft();
  const data = draft?.data as StaffDraft | undefined;
  // A second press (or one on an old message) finds the dialogue finished: nothing is granted twice.
  if (draft?.kind !== STAFF_DRAFT || draft.nonce !== parts[0] || !data?.fullName) {
    await ctx.ui.answer(ctx.t.errors.staleButton, { alert: true });
    return;
  }
  await ctx.ui.replace(message(ctx.t.admin.askEmail(data.fullName)));
  await finishStaff(ctx, data, draft.nonce, undefined);
});

async function finishStaff(
  ctx: BotContext,
  data: StaffDraft,
  nonce: string,
  email: string | undefined,
): Promise<void> {
  const actor = await adminActor(ctx);
  if (!actor || !data.fullName) return;
  await clearDraft(ctx);
  // Once per dialogue, even for two presses of "skip" delivered at the same moment: a grant makes a person.
  const first = await ctx.deps.ports.idempotency.claim(
    'admin-staff',
    `${actor.link.userId}:${nonce}`,
    24 * 3600,
  );
  if (!first) return;
  try {
    const result = await assignStaff(
      actor.principal,
      {
        orgId: data.orgId,
        role: data.role,
        fullName: data.fullName,
        partyTitle: data.partyTitle,
        email: email || undefined,
      },
      {
        committees: ctx.deps.ports.committees,
        staff: ctx.deps.ports.staff,
        chatLinks: ctx.deps.ports.chatLinks,
        identity: ctx.deps.identity ?? new RecordingIdentityDirectory(),
        clock: ctx.deps.clock,
        ids: ctx.deps.ids ?? timeOrderedIds,
        newCode: ctx.deps.newCode,
      },
    );
    const link = `https://t.me/${ctx.deps.botUsername}?start=${result.linkCode.code}`;
    const committee = await ctx.deps.ports.committees.get(data.orgId);
    await ctx.ui.reply({
      kind: 'document',
      fileName: `lien-ket-${result.linkCode.code}.png`,
      mimeType: 'image/png',
      bytes: await qrPng(link),
      caption: ctx.t.admin.assigned(
        data.fullName,
        data.partyTitle ? ctx.t.admin.partyTitle(data.partyTitle) : ctx.t.role(data.role),
        committee?.name ?? data.orgId,
        result.linkCode.code,
        link,
        email,
      ),
    });
  } catch (error) {
    await explain(ctx, error);
  }
}

administrationFeature.command(['donvimoi', 'newunit'], async (ctx) => {
  const actor = await adminActor(ctx);
  if (!actor) return;
  await clearDraft(ctx);
  const boards = (await committeesOfAdmin(actor.principal, ctx.deps.ports)).filter(
    (c) => c.kind === 'board' && !c.closedAt,
  );
  const keyboard = boards.slice(0, 40).map((c) => [button(c.name, encodeCallback(NEW_PARENT, [c.id]))]);
  await ctx.ui.reply(message(ctx.t.admin.chooseParent, keyboard));
});

administrationFeature.callbackQuery(prefixPattern(NEW_PARENT), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, NEW_PARENT, 1);
  if (!parts) return next();
  const parentId = parts[0] as string;
  const keyboard = NEW_KINDS.map((kind) => [
    button(ctx.t.admin.kind[kind], encodeCallback(NEW_KIND, [parentId, kind])),
  ]);
  await ctx.ui.replace(message(ctx.t.admin.chooseKind, keyboard));
  await ctx.ui.answer();
});

administrationFeature.callbackQuery(prefixPattern(NEW_KIND), async (ctx, next) => {
  const parts = decodeCallback(ctx.callbackQuery.data, NEW_KIND, 2);
  if (!parts) return next();
  const [parentId, kind] = parts as [string, CommitteeKind];
  await saveDraft(ctx, { kind: COMMITTEE_DRAFT, nonce: newNonce(), data: { parentId, kind } });
  await ctx.ui.replace(message(kind === 'residence' ? ctx.t.admin.askWard : ctx.t.admin.askCommittee));
  await ctx.ui.answer();
});

/** "mã; tên; kv1=Khu vực 1, kv2=Khu vực 2" → the new committee's fields. */
export function parseNewCommittee(text: string): { id: string; name: string; hamlets: Hamlet[] } | undefined {
  const [id, name, hamletText] = text.split(';').map((p) => p.trim());
  if (!id || !name) return undefined;
  const hamlets = (hamletText ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => {
      const at = p.indexOf('=');
      return at > 0 ? { id: p.slice(0, at).trim(), name: p.slice(at + 1).trim() } : { id: p, name: p };
    });
  return { id, name, hamlets };
}

async function finishCommittee(
  ctx: BotContext,
  data: { parentId: string; kind: string },
  text: string,
): Promise<void> {
  const actor = await adminActor(ctx);
  if (!actor) return;
  const fields = parseNewCommittee(text);
  const parsed = newCommitteeSchema.safeParse({
    ...fields,
    kind: data.kind,
    parentId: data.parentId,
    ...(fields?.hamlets.length ? {} : { hamlets: undefined }),
  });
  if (!fields || !parsed.success) {
    await ctx.ui.reply(message(data.kind === 'residence' ? ctx.t.admin.askWard : ctx.t.admin.askCommittee));
    return;
  }
  await clearDraft(ctx);
  try {
    const committee = await createCommittee(actor.principal, parsed.data, {
      committees: ctx.deps.ports.committees,
      clock: ctx.deps.clock,
    });
    await ctx.ui.reply(
      message(
        ctx.t.admin.created(
          committee.name,
          (committee.hamlets ?? []).map((h) => h.name),
        ),
      ),
    );
  } catch (error) {
    await explain(ctx, error);
  }
}

administrationFeature.on('message:text', async (ctx, next) => {
  if (isCommandText(ctx.message.text)) return next();
  const draft = await ctx.draft();
  if (draft?.kind === STAFF_DRAFT) {
    const data = draft.data as unknown as StaffDraft;
    if (data.fullName) await staffEmail(ctx, data, draft.nonce, ctx.message.text);
    else await staffName(ctx, data, draft.nonce, ctx.message.text);
    return;
  }
  if (draft?.kind === COMMITTEE_DRAFT) {
    await finishCommittee(ctx, draft.data as { parentId: string; kind: string }, ctx.message.text);
    return;
  }
  return next();
});
