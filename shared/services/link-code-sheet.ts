// use case: the printable sheet of link codes — the unlinked members of a residence committee (a section per
// hamlet) or of a workplace (a section per residence committee), each with a code and its deep link.
//
// Issuing is idempotent: a member's code for this committee's sheet is remembered (IDEMP#link-sheet#…) and
// reused while it has at least a day left, so printing the sheet twice, or two staff at once, gives the same
// codes; an older one is replaced by a fresh code (the old one simply expires, unused).

import { sortByVietnameseName } from '../domain/collation.js';
import { hamletName } from '../domain/committee.js';
import { ForbiddenError, NotFoundError } from '../domain/errors.js';
import { LINK_CODE_TTL_HOURS } from '../domain/linking.js';
import { isResidenceStaff, isWorkplaceStaff, type Principal } from '../domain/roles.js';
import type { Clock } from '../ports/common.js';
import type {
  ChatLinkRepository,
  CommitteeRepository,
  IdempotencyStore,
  IntroducedMember,
  IntroductionRepository,
} from '../ports/repositories.js';
import { keptLinkCodeSchema } from '../schemas/kept-results.js';
import { committeeWithHamlets } from './hamlets.js';
import { createLinkCode } from './link-codes.js';

export interface LinkCodeSheetPorts {
  committees: Pick<CommitteeRepository, 'get' | 'children'>;
  introductions: Pick<IntroductionRepository, 'streamOfResidence' | 'ofWorkplace'>;
  chatLinks: ChatLinkRepository;
  idempotency: IdempotencyStore;
  clock: Clock;
  newCode: () => string;
}

export interface SheetMember {
  memberId: string;
  fullName: string;
  code: string;
  deepLink: string;
}

export interface LinkCodeSheet {
  committeeName: string;
  issuedAt: string;
  /** The earliest expiry of the codes on the sheet. */
  expiresAt: string;
  sections: { title: string; members: SheetMember[] }[];
}

const SCOPE = 'link-sheet';
/** A remembered code is reused only with at least this much of its 72 h left. */
const MIN_LEFT_MS = 24 * 3600 * 1000;

async function* workplaceMembers(
  introductions: LinkCodeSheetPorts['introductions'],
  orgId: string,
): AsyncIterable<IntroducedMember> {
  for (const status of ['issued', 'received'] as const) {
    let cursor: string | undefined;
    do {
      const page = await introductions.ofWorkplace(orgId, {
        status,
        limit: 100,
        cursor: cursor || undefined,
      });
      yield* page.items;
      cursor = page.cursor;
    } while (cursor);
  }
}

export async function linkCodeSheet(
  ports: LinkCodeSheetPorts,
  principal: Principal,
  orgId: string,
  botUsername: string,
): Promise<LinkCodeSheet> {
  const committee = await committeeWithHamlets(ports.committees, orgId);
  if (!committee) throw new NotFoundError('committee');
  const residence = committee.kind === 'residence';
  const allowed =
    principal.orgId === orgId && (residence ? isResidenceStaff(principal) : isWorkplaceStaff(principal));
  if (!allowed) {
    throw new ForbiddenError({
      vi: 'Chỉ cán bộ của chính cấp ủy mới in mã liên kết của đảng viên',
      en: "Only the committee's own staff print its members' link codes",
    });
  }
  const now = ports.clock.now();
  const source = residence
    ? ports.introductions.streamOfResidence(orgId, 'received')
    : workplaceMembers(ports.introductions, orgId);
  const wardNames = new Map<string, Promise<string>>();
  const wardName = (id: string) => {
    let name = wardNames.get(id);
    if (!name) {
      name = ports.committees.get(id).then((c) => c?.name ?? id);
      wardNames.set(id, name);
    }
    return name;
  };
  const sections = new Map<string, SheetMember[]>();
  let earliest: string | undefined;
  for await (const { introduction, memberName } of source) {
    const subject = { kind: 'member' as const, id: introduction.memberId };
    if ((await ports.chatLinks.ofSubject(subject)).length > 0) continue;
    const key = `${orgId}:${introduction.memberId}`;
    let issued = await ports.idempotency.recall(SCOPE, key, keptLinkCodeSchema);
    if (!issued || Date.parse(issued.expiresAt) - now.getTime() < MIN_LEFT_MS) {
      const fresh = await createLinkCode(subject, principal.sub, ports);
      issued = { code: fresh.code, expiresAt: fresh.expiresAt };
      await ports.idempotency.complete(SCOPE, key, LINK_CODE_TTL_HOURS * 3600, issued);
    }
    if (!earliest || issued.expiresAt < earliest) earliest = issued.expiresAt;
    const title = residence
      ? hamletName(committee, introduction.receipt?.hamletId ?? '')
      : await wardName(introduction.residenceOrgId);
    const list = sections.get(title) ?? [];
    list.push({
      memberId: introduction.memberId,
      fullName: memberName,
      code: issued.code,
      deepLink: `https://t.me/${botUsername}?start=${issued.code}`,
    });
    sections.set(title, list);
  }
  return {
    committeeName: committee.name,
    issuedAt: now.toISOString(),
    expiresAt: earliest ?? now.toISOString(),
    sections: [...sections.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'vi'))
      .map(([title, members]) => ({ title, members: sortByVietnameseName(members, (m) => m.fullName) })),
  };
}
