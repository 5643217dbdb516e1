// use case: a person's chat links watched by their committee — a second account on the same app waits for the
// first account's confirmation or a staff decision, the committee's heads are told of every new link, and the
// administrator unlinks anyone (issue 18: nobody takes over another person's chat identity unnoticed).
import { isInAdminSubtree } from '../domain/administration.js';
import { ForbiddenError, NotFoundError } from '../domain/errors.js';
import {
  isCommitteeHead,
  isPendingLinkExpired,
  mayDecideLinkReplacement,
  pendingLinkExpiresAt,
} from '../domain/linking.js';
import type { Principal } from '../domain/roles.js';
import { type ChatMessenger, type Notice, recipientOf } from '../ports/chat.js';
import type { Clock } from '../ports/common.js';
import type {
  Channel,
  ChatLink,
  ChatLinkRepository,
  ChatSubject,
  CommitteeRepository,
  IntroductionRepository,
  LinkConsent,
  MemberRepository,
  PendingLink,
  StaffRepository,
} from '../ports/repositories.js';
import { lineageOf } from './committees.js';
import { settleNewLink } from './link-codes.js';

export interface LinkWatchPorts {
  chatLinks: ChatLinkRepository;
  members: Pick<MemberRepository, 'get'>;
  introductions: Pick<IntroductionRepository, 'ofMember'>;
  staff: Pick<StaffRepository, 'get' | 'assignmentsOf' | 'ofCommittee'>;
  committees: Pick<CommitteeRepository, 'get'>;
  messenger: ChatMessenger;
  clock: Clock;
  /** A fresh id for a pending link (random: it is pressed on buttons and named in a route). */
  newId: () => string;
}

/**
 * The committees a person belongs to: a staff person's assignments; a member's workplace and the residence
 * committees they are introduced to (not ended).
 */
export async function committeesOfSubject(
  subject: ChatSubject,
  ports: Pick<LinkWatchPorts, 'members' | 'introductions' | 'staff'>,
): Promise<string[]> {
  if (subject.kind === 'staff') {
    return [...new Set((await ports.staff.assignmentsOf(subject.id)).map((a) => a.orgId))];
  }
  const member = await ports.members.get(subject.id);
  const introductions = await ports.introductions.ofMember(subject.id);
  const residences = introductions.filter((i) => i.status !== 'ended').map((i) => i.residenceOrgId);
  return [...new Set([...residences, ...(member ? [member.workplaceOrgId] : [])])];
}

async function nameOf(subject: ChatSubject, ports: Pick<LinkWatchPorts, 'members' | 'staff'>) {
  if (subject.kind === 'member') return (await ports.members.get(subject.id))?.fullName ?? '';
  return (await ports.staff.get(subject.id))?.fullName ?? '';
}

/** Sends a notice to every reachable chat of the committees' heads (not to the person themselves); how many got it. */
export async function tellCommitteeHeads(
  subject: ChatSubject,
  orgIds: readonly string[],
  notice: Notice,
  ports: Pick<LinkWatchPorts, 'staff' | 'chatLinks' | 'messenger'>,
): Promise<number> {
  const heads = new Set<string>();
  for (const orgId of orgIds) {
    for (const staff of await ports.staff.ofCommittee(orgId)) {
      if (isCommitteeHead(staff.role) && !(subject.kind === 'staff' && staff.id === subject.id))
        heads.add(staff.id);
    }
  }
  let told = 0;
  for (const id of heads) {
    for (const link of await ports.chatLinks.ofSubject({ kind: 'staff', id })) {
      if (link.blocked) continue;
      const outcome = await ports.messenger
        .send(recipientOf(link), notice)
        .catch(() => ({ ok: false as const, reason: 'blocked' as const }));
      if (outcome.ok) told += 1;
    }
  }
  return told;
}

/** The committee is told of every new link of one of its people: who, on which app; never a chat id. */
export async function announceNewLink(
  subject: ChatSubject,
  channel: Channel,
  ports: Omit<LinkWatchPorts, 'newId' | 'clock' | 'committees'>,
): Promise<number> {
  const orgIds = await committeesOfSubject(subject, ports);
  const notice: Notice = {
    kind: 'committee_new_link',
    personName: await nameOf(subject, ports),
    channel,
    staff: subject.kind === 'staff',
  };
  return tellCommitteeHeads(subject, orgIds, notice, ports);
}

/**
 * The new account's code is used up (redeemLinkCode) but the chat is not linked: the request waits, the old
 * account is asked to confirm, and the committee's heads get the request to decide (the only path when the old
 * account blocked the bot or is gone).
 */
export async function requestLinkReplacement(
  subject: ChatSubject,
  account: Omit<ChatLink, 'kind' | 'id'>,
  replaces: ChatLink,
  ports: LinkWatchPorts,
): Promise<PendingLink> {
  const now = ports.clock.now();
  const orgIds = await committeesOfSubject(subject, ports);
  const pending: PendingLink = {
    id: ports.newId(),
    subject,
    account,
    replaces: { userId: replaces.userId, chatId: replaces.chatId },
    orgIds,
    createdAt: now.toISOString(),
    expiresAt: pendingLinkExpiresAt(now),
    status: 'pending',
  };
  await ports.chatLinks.savePendingLink(pending);
  const asked = replaces.blocked
    ? { ok: false as const }
    : await ports.messenger
        .send(recipientOf(replaces), {
          kind: 'link_replacement_request',
          requestId: pending.id,
          channel: account.channel,
        })
        .catch(() => ({ ok: false as const }));
  await tellCommitteeHeads(
    subject,
    orgIds,
    {
      kind: 'link_replacement_for_staff',
      requestId: pending.id,
      personName: await nameOf(subject, ports),
      channel: account.channel,
      ownerReached: asked.ok,
    },
    ports,
  );
  return pending;
}

/** Who decides: the person's current account on that app, or staff (a head of their committee, an admin). */
export type LinkDecider =
  | { kind: 'owner'; channel: Channel; userId: string }
  | { kind: 'staff'; principal: Principal };

export type LinkDecision =
  | { outcome: 'linked' | 'refused'; pending: PendingLink }
  | { outcome: 'already_decided'; pending: PendingLink }
  | { outcome: 'expired' | 'chat_taken'; pending: PendingLink };

async function adminOver(
  principal: Principal,
  orgIds: readonly string[],
  ports: Pick<LinkWatchPorts, 'committees'>,
) {
  if (principal.role !== 'admin') return false;
  for (const orgId of orgIds) {
    const committee = await ports.committees.get(orgId);
    if (committee && isInAdminSubtree(principal, await lineageOf(ports, committee))) return true;
  }
  return false;
}

/**
 * Confirms (the old account, or staff approving) or refuses a pending link, once: a second press or a retried
 * request finds it decided and changes nothing. Confirming links the new account and unlinks the old one
 * (settleNewLink tells it); refusing alerts the committee's heads. ForbiddenError for anyone else.
 */
export async function decideLinkReplacement(
  requestId: string,
  decider: LinkDecider,
  approve: boolean,
  ports: LinkWatchPorts,
): Promise<LinkDecision> {
  const pending = await ports.chatLinks.pendingLink(requestId);
  if (!pending) throw new NotFoundError('link_request');
  if (decider.kind === 'owner') {
    // The account being replaced, still linked to the person while the request waits (after it, a second
    // press is only told the request was handled).
    const current =
      pending.status === 'pending'
        ? await ports.chatLinks.byChat(decider.channel, decider.userId)
        : undefined;
    const isOwner =
      decider.channel === pending.account.channel &&
      decider.userId === pending.replaces.userId &&
      (pending.status !== 'pending' ||
        (current?.kind === pending.subject.kind && current.id === pending.subject.id));
    if (!isOwner)
      throw new ForbiddenError({
        vi: 'Chỉ tài khoản đang được thay thế mới xác nhận được',
        en: 'Only the account being replaced confirms it',
      });
  } else if (
    !mayDecideLinkReplacement(
      decider.principal,
      pending.orgIds,
      await adminOver(decider.principal, pending.orgIds, ports),
    )
  ) {
    throw new ForbiddenError({
      vi: 'Chỉ bí thư, phó bí thư của cấp ủy đồng chí ấy hoặc quản trị viên mới quyết định được',
      en: "Only the person's committee heads or an administrator",
    });
  }
  if (pending.status !== 'pending') return { outcome: 'already_decided', pending };
  const now = ports.clock.now();
  if (isPendingLinkExpired(pending, now)) return { outcome: 'expired', pending };
  const status = approve ? (decider.kind === 'owner' ? 'confirmed' : 'approved') : 'refused';
  const by = decider.kind === 'owner' ? 'owner' : decider.principal.sub;
  const decided = await ports.chatLinks.decidePendingLink(requestId, { status, by, at: now.toISOString() });
  const after = { ...pending, status, decidedBy: by, decidedAt: now.toISOString() } satisfies PendingLink;
  if (!decided) {
    return { outcome: 'already_decided', pending: (await ports.chatLinks.pendingLink(requestId)) ?? pending };
  }
  const newChat = recipientOf(pending.account);
  if (!approve) {
    await ports.messenger
      .send(newChat, { kind: 'link_replacement_decided', approved: false })
      .catch(() => undefined);
    await tellCommitteeHeads(
      pending.subject,
      pending.orgIds,
      {
        kind: 'link_replacement_refused',
        personName: await nameOf(pending.subject, ports),
        channel: pending.account.channel,
      },
      ports,
    );
    return { outcome: 'refused', pending: after };
  }
  const linked = await ports.chatLinks.linkAccount({
    ...pending.account,
    linkedAt: now.toISOString(),
    kind: pending.subject.kind,
    id: pending.subject.id,
  });
  if (!linked) return { outcome: 'chat_taken', pending: after };
  // The old account on the app is unlinked and told; the person's other chats are told too.
  await settleNewLink(pending.subject, pending.account, ports);
  await ports.messenger
    .send(newChat, { kind: 'link_replacement_decided', approved: true })
    .catch(() => undefined);
  await announceNewLink(pending.subject, pending.account.channel, ports);
  return { outcome: 'linked', pending: after };
}

/**
 * The administrator unlinks a person's chat accounts (all, or those on one app): each is told first, then
 * removed. Only an administrator whose subtree holds one of the person's committees.
 */
export async function unlinkByAdmin(
  principal: Principal,
  subject: ChatSubject,
  channel: Channel | undefined,
  ports: Pick<
    LinkWatchPorts,
    'chatLinks' | 'members' | 'introductions' | 'staff' | 'committees' | 'messenger'
  >,
): Promise<{ unlinked: number }> {
  if (principal.role !== 'admin')
    throw new ForbiddenError({
      vi: 'Chỉ quản trị viên mới hủy được liên kết của người khác',
      en: 'Administrators only',
    });
  const exists =
    subject.kind === 'member' ? await ports.members.get(subject.id) : await ports.staff.get(subject.id);
  if (!exists) throw new NotFoundError(subject.kind === 'member' ? 'member' : 'staff');
  const orgIds = await committeesOfSubject(subject, ports);
  if (!(await adminOver(principal, orgIds, ports))) {
    throw new ForbiddenError({
      vi: 'Người này không thuộc đơn vị đồng chí quản lý',
      en: 'The person is outside your committees',
    });
  }
  let unlinked = 0;
  for (const link of await ports.chatLinks.ofSubject(subject)) {
    if (channel && link.channel !== channel) continue;
    if (!link.blocked) {
      await ports.messenger
        .send(recipientOf(link), { kind: 'unlinked_by_admin', channel: link.channel })
        .catch(() => undefined);
    }
    if (await ports.chatLinks.unlink(link.channel, link.userId)) unlinked += 1;
  }
  return { unlinked };
}

/** The consent record to store on a member's link (Law 91/2025: affirmative, with the notice's version). */
export function consentOf(version: string, at: Date): LinkConsent {
  return { version, at: at.toISOString() };
}
