// use case: single-use link codes (72 h) that connect a chat account to a member or a staff person.
import { ForbiddenError, NotFoundError } from '../domain/errors.js';
import { linkCodeExpiresAt, mayIssueMemberLinkCode, mayIssueStaffLinkCode } from '../domain/linking.js';
import type { Principal, StaffRole } from '../domain/roles.js';
import { type ChatMessenger, recipientOf } from '../ports/chat.js';
import type { Clock } from '../ports/common.js';
import type {
  AttemptCounter,
  Channel,
  ChatLink,
  ChatLinkRepository,
  ChatSubject,
  IntroductionRepository,
  LinkCodeOutcome,
  LinkConsent,
  MemberRepository,
  StaffRepository,
} from '../ports/repositories.js';

/**
 * Guessing a code: 31^8 codes make it hopeless, and a chat that types this many wrong codes in an hour is
 * told to wait (a person who mistyped a code twice is not). A used or expired code tried again and again
 * is a leaked code someone is trying: that is counted per code and reported for the alarm.
 */
export const LINK_ATTEMPTS_PER_CHAT = 10;
export const LINK_CODE_ALERT_ATTEMPTS = 5;
export const LINK_ATTEMPT_WINDOW_SECONDS = 3600;

export interface IssuedLinkCode {
  code: string;
  subject: ChatSubject;
  expiresAt: string;
}

export interface LinkCodePorts {
  chatLinks: ChatLinkRepository;
  members: Pick<MemberRepository, 'get'>;
  introductions: Pick<IntroductionRepository, 'ofMember'>;
  staff: Pick<StaffRepository, 'get'>;
  clock: Clock;
  /** A fresh random code (8 characters without look-alikes); tests pass their own. */
  newCode: () => string;
}

/** Stores a new code for the subject; a (rare) collision with an existing code draws another one. */
export async function createLinkCode(
  subject: ChatSubject,
  createdBy: string,
  ports: Pick<LinkCodePorts, 'chatLinks' | 'clock' | 'newCode'>,
): Promise<IssuedLinkCode> {
  const expiresAt = linkCodeExpiresAt(ports.clock.now());
  for (let attempt = 1; ; attempt++) {
    const code = ports.newCode();
    try {
      await ports.chatLinks.createLinkCode({ code, subject, createdBy, expiresAt });
      return { code, subject, expiresAt };
    } catch (error) {
      if (attempt >= 5 || !(error instanceof Error) || error.name !== 'ConditionalCheckFailedException')
        throw error;
    }
  }
}

/** Staff of the member's workplace or residence committee issue the member a code. */
export async function issueMemberLinkCode(
  principal: Principal,
  memberId: string,
  ports: LinkCodePorts,
): Promise<IssuedLinkCode> {
  const member = await ports.members.get(memberId);
  if (!member) throw new NotFoundError('member');
  const introductions = await ports.introductions.ofMember(memberId);
  if (!mayIssueMemberLinkCode(principal, member, introductions)) {
    throw new ForbiddenError({
      vi: 'Chỉ cán bộ cấp ủy nơi công tác hoặc nơi cư trú của đảng viên mới cấp mã liên kết',
      en: "Only staff of the member's workplace or residence committee issue a link code",
    });
  }
  return createLinkCode({ kind: 'member', id: memberId }, principal.sub, ports);
}

/** A colleague of the same committee issues a staff person their code. */
export async function issueStaffLinkCode(
  principal: Principal,
  staffId: string,
  ports: LinkCodePorts,
): Promise<IssuedLinkCode> {
  // A person with several assignments: the one in the caller's committee decides.
  const staff = (await ports.staff.get(staffId, principal.orgId)) ?? (await ports.staff.get(staffId));
  if (!staff) throw new NotFoundError('staff');
  if (!mayIssueStaffLinkCode(principal, staff)) {
    throw new ForbiddenError({
      vi: 'Chỉ cán bộ cùng cấp ủy mới cấp mã liên kết cho cán bộ',
      en: 'Only staff of the same committee issue a staff link code',
    });
  }
  return createLinkCode({ kind: 'staff', id: staffId }, principal.sub, ports);
}

export interface ChatAccount {
  channel: Channel;
  userId: string;
  chatId: string;
  languageCode?: string;
}

export type RedeemOutcome =
  | {
      ok: true;
      subject: ChatSubject;
      name: string;
      /** Present for staff: their role decides the commands they get. */
      role?: StaffRole;
      /** The account was linked to this subject already (the code was used by this very chat). */
      already: boolean;
      /**
       * The person has another account on this app: the code is used up but the chat is not linked; the
       * replacement waits for that account's confirmation or a staff decision (link-replacement.ts).
       */
      replaces?: ChatLink;
    }
  | {
      ok: false;
      reason: 'unknown' | 'used' | 'expired' | 'chat_already_linked' | 'too_many_attempts';
      /** Past a threshold (a chat refused, or a dead code tried again and again): for the alarm. */
      suspicious?: boolean;
    };

/** Codes are shown upper-case; people type them any way. */
export function normaliseLinkCode(code: string): string {
  return code.trim().toUpperCase();
}

export interface RedeemOptions {
  /** Only check the code (counted like a use): the member sees the purpose notice before anything is linked. */
  checkOnly?: boolean;
  /** The member's consent to the purpose notice, stored on the link. */
  consent?: LinkConsent;
}

/** `/start <code>`: links the chat account to the code's subject, once. */
export async function redeemLinkCode(
  rawCode: string,
  account: ChatAccount,
  ports: Pick<LinkCodePorts, 'chatLinks' | 'members' | 'staff' | 'clock'> & { attempts: AttemptCounter },
  options: RedeemOptions = {},
): Promise<RedeemOutcome> {
  const now = ports.clock.now();
  const chatKey = `${account.channel}:${account.userId}`;
  const failures = await ports.attempts.count('link-chat', chatKey, now, LINK_ATTEMPT_WINDOW_SECONDS);
  if (failures >= LINK_ATTEMPTS_PER_CHAT) return { ok: false, reason: 'too_many_attempts', suspicious: true };
  const outcome = await useCode(rawCode, account, ports, options);
  if (outcome.ok || outcome.reason === 'chat_already_linked') return outcome;
  // A failure counts against the chat, and against the code when the code exists (used or expired).
  const [, codeFailures] = await Promise.all([
    ports.attempts.fail('link-chat', chatKey, now, LINK_ATTEMPT_WINDOW_SECONDS),
    outcome.reason === 'unknown'
      ? 0
      : ports.attempts.fail('link-code', normaliseLinkCode(rawCode), now, LINK_ATTEMPT_WINDOW_SECONDS),
  ]);
  return codeFailures >= LINK_CODE_ALERT_ATTEMPTS ? { ...outcome, suspicious: true } : outcome;
}

/** The code's outcome without using it: what useLinkCode would answer, read only. */
async function checkCode(
  code: string,
  account: ChatAccount,
  ports: Pick<LinkCodePorts, 'chatLinks' | 'clock'>,
): Promise<LinkCodeOutcome> {
  const record = await ports.chatLinks.getLinkCode(code);
  if (!record) return { ok: false, reason: 'unknown' };
  if (record.usedAt) return { ok: false, reason: 'used' };
  if (new Date(record.expiresAt).getTime() <= ports.clock.now().getTime())
    return { ok: false, reason: 'expired' };
  if (await ports.chatLinks.byChat(account.channel, account.userId))
    return { ok: false, reason: 'chat_already_linked' };
  return { ok: true, subject: record.subject };
}

async function useCode(
  rawCode: string,
  account: ChatAccount,
  ports: Pick<LinkCodePorts, 'chatLinks' | 'members' | 'staff' | 'clock'>,
  options: RedeemOptions,
): Promise<RedeemOutcome> {
  const code = normaliseLinkCode(rawCode);
  if (!/^[A-Z0-9_-]{4,64}$/.test(code)) return { ok: false, reason: 'unknown' };
  const link: Omit<ChatLink, 'kind' | 'id'> = {
    channel: account.channel,
    userId: account.userId,
    chatId: account.chatId,
    linkedAt: ports.clock.now().toISOString(),
    languageCode: account.languageCode || undefined,
    consent: options.consent,
  };
  let outcome = await checkCode(code, account, ports);
  let replaces: ChatLink | undefined;
  if (outcome.ok && !options.checkOnly) {
    // One account per person and app, and a second one only with the first one's (or the staff's) say:
    // otherwise anyone holding a code of the person takes their notices and, for staff, their signature.
    const subject = outcome.subject;
    replaces = (await ports.chatLinks.ofSubject(subject)).find(
      (l) => l.channel === account.channel && l.userId !== account.userId,
    );
    outcome = replaces
      ? await ports.chatLinks.claimLinkCode(code, ports.clock.now())
      : await ports.chatLinks.useLinkCode(code, link, ports.clock.now());
  }
  let subject: ChatSubject;
  let already = false;
  if (outcome.ok) subject = outcome.subject;
  else {
    // A second tap on the same link by the account it already linked is not an error for the user.
    const record = outcome.reason === 'unknown' ? undefined : await ports.chatLinks.getLinkCode(code);
    const current = await ports.chatLinks.byChat(account.channel, account.userId);
    if (!record || !current || current.kind !== record.subject.kind || current.id !== record.subject.id)
      return outcome;
    subject = record.subject;
    already = true;
  }
  const waits = replaces && !already ? { replaces } : {};
  if (subject.kind === 'member') {
    const member = await ports.members.get(subject.id);
    return { ok: true, subject, name: member?.fullName ?? '', already, ...waits };
  }
  const staff = await ports.staff.get(subject.id);
  return {
    ok: true,
    subject,
    name: staff?.fullName ?? '',
    role: staff?.role,
    already,
    ...waits,
  };
}

export interface LinkChangePorts {
  chatLinks: Pick<ChatLinkRepository, 'ofSubject' | 'unlink' | 'setBlocked'>;
  messenger: ChatMessenger;
}

/**
 * One linked account per person and channel: a newly linked chat replaces the person's earlier account on the
 * same channel, and every other chat of theirs is told — the replaced one that it was unlinked — so a link the
 * person did not make is noticed at once (they tell their committee, who issue codes only to the person).
 */
export async function settleNewLink(
  subject: ChatSubject,
  linked: Pick<ChatAccount, 'channel' | 'userId'>,
  ports: LinkChangePorts,
): Promise<{ replaced: number }> {
  let replaced = 0;
  for (const link of await ports.chatLinks.ofSubject(subject)) {
    if (link.channel === linked.channel && link.userId === linked.userId) continue;
    const sameChannel = link.channel === linked.channel;
    if (sameChannel && (await ports.chatLinks.unlink(link.channel, link.userId))) replaced += 1;
    if (link.blocked) continue;
    const outcome = await ports.messenger
      .send(recipientOf(link), { kind: 'chat_linked', channel: linked.channel, replaced: sameChannel })
      .catch(() => ({ ok: false as const, reason: 'blocked' as const }));
    if (!outcome.ok && !sameChannel) await ports.chatLinks.setBlocked(link.channel, link.userId, true);
  }
  return { replaced };
}

/** `/huylienket`: the person unlinks this chat; notices stop coming here (another chat, or the paper list, remains). */
export async function unlinkChat(
  account: Pick<ChatAccount, 'channel' | 'userId'>,
  ports: Pick<LinkChangePorts, 'chatLinks'>,
): Promise<boolean> {
  return ports.chatLinks.unlink(account.channel, account.userId);
}
