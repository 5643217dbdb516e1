// Every route × every role × own / other committee → the status the API answers (also in docs/api.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as adminClose } from '../../functions/http/admin-committees-close.js';
import { createHandler as adminCreate } from '../../functions/http/admin-committees-create.js';
import { createHandler as adminImport } from '../../functions/http/admin-committees-import.js';
import { createHandler as adminMove } from '../../functions/http/admin-committees-move.js';
import { createHandler as adminUpdate } from '../../functions/http/admin-committees-update.js';
import { createHandler as staffAssign } from '../../functions/http/admin-staff-assign.js';
import { createHandler as staffList } from '../../functions/http/admin-staff-list.js';
import { createHandler as staffRevoke } from '../../functions/http/admin-staff-revoke.js';
import { createHandler as committeeMembers } from '../../functions/http/committees-members.js';
import { createHandler as getNarrative } from '../../functions/http/get-report-narrative.js';
import { createHandler as createIntroduction } from '../../functions/http/introductions-create.js';
import { createHandler as endIntroduction } from '../../functions/http/introductions-end.js';
import { createHandler as importIntroductions } from '../../functions/http/introductions-import.js';
import { createHandler as letter } from '../../functions/http/introductions-letter.js';
import { createHandler as receiveIntroduction } from '../../functions/http/introductions-receive.js';
import { createHandler as contactBook } from '../../functions/http/members-contact-book.js';
import { createHandler as exemptions } from '../../functions/http/members-exemptions.js';
import { createHandler as travelNotices } from '../../functions/http/members-travel-notices.js';
import { createHandler as putNarrative } from '../../functions/http/put-report-narrative.js';
import type { Introduction } from '../../shared/domain/introduction.js';
import type { Member } from '../../shared/domain/member.js';
import type { Principal, Role } from '../../shared/domain/roles.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { type ApiRequest, call, type HttpHandler, testClock, testDeps } from '../support/http.js';
import { AS, introduceBody, nextPartyCard, ORG, seedWorld } from '../support/world.js';

type Scope = 'own' | 'other';
/** [own committee, other committee] */
type Expected = readonly [number, number];
const DENIED: Expected = [403, 403];
const OK: Expected = [200, 403];
const CREATED: Expected = [201, 403];

/**
 * One route's row: a cell per role, in docs/api.md's column order (member, workplace_staff, residence_staff,
 * chair, secretary, viewer).
 */
const row = (
  member: Expected,
  workplace_staff: Expected,
  residence_staff: Expected,
  chair: Expected,
  secretary: Expected,
  viewer: Expected,
  admin: Expected = DENIED,
  board_staff: Expected = DENIED,
): Record<Role, Expected> => ({
  member,
  workplace_staff,
  residence_staff,
  chair,
  secretary,
  viewer,
  admin,
  board_staff,
});

/**
 * The matrix. "Own" means the caller acts for the committee the request is about: the introducing
 * workplace (W), the receiving ward (R), or — for a member — the member themselves. "Other" is another
 * workplace (W2), another ward (R2), or another member.
 */
// biome-ignore format: one route a line reads as the table in docs/api.md
const MATRIX = {
  'POST /introductions':                 row(DENIED, CREATED, DENIED, DENIED, DENIED, DENIED),
  'POST /introductions/import':          row(DENIED, OK,      DENIED, DENIED, DENIED, DENIED),
  'POST /introductions/{id}/receive':    row(DENIED, DENIED,  OK,     OK,     OK,     DENIED),
  'POST /introductions/{id}/end':        row(DENIED, OK,      DENIED, DENIED, DENIED, DENIED),
  'GET /introductions/{id}/letter.pdf':  row(OK,     OK,      OK,     OK,     OK,     DENIED),
  'POST /members/{id}/travel-notices':   row(DENIED, CREATED, DENIED, DENIED, DENIED, DENIED),
  'POST /members/{id}/exemptions':       row(DENIED, CREATED, DENIED, DENIED, DENIED, DENIED),
  'GET /members/{id}/contact-book':      row(OK,     OK,      OK,     OK,     OK,     DENIED),
  'GET /committees/{residence}/members': row(DENIED, DENIED,  OK,     OK,     OK,     DENIED),
  'GET /committees/{workplace}/members': row(DENIED, OK,      DENIED, DENIED, DENIED, DENIED),
  // The report's narrative (R22, issue 17): written by the ward's own staff, read by whoever reads its report.
  'PUT /committees/{id}/reports/{year}/narrative': row(DENIED, DENIED, OK, OK, OK, DENIED),
  'GET /committees/{id}/reports/{year}/narrative': row(DENIED, DENIED, OK, OK, OK, OK),
  // Administration (issue 14): an admin of the board above the workplace W; board staff and everyone else are refused.
  'POST /committees':                    row(DENIED, DENIED,  DENIED, DENIED, DENIED, DENIED, CREATED, DENIED),
  'POST /committees/import':             row(DENIED, DENIED,  DENIED, DENIED, DENIED, DENIED, OK,      DENIED),
  'PUT /committees/{id}':                row(DENIED, DENIED,  DENIED, DENIED, DENIED, DENIED, OK,      DENIED),
  'POST /committees/{id}/move':          row(DENIED, DENIED,  DENIED, DENIED, DENIED, DENIED, OK,      DENIED),
  'POST /committees/{id}/close':         row(DENIED, DENIED,  DENIED, DENIED, DENIED, DENIED, OK,      DENIED),
  'GET /committees/{id}/staff':          row(DENIED, DENIED,  DENIED, DENIED, DENIED, DENIED, OK,      DENIED),
  'POST /committees/{id}/staff':         row(DENIED, DENIED,  DENIED, DENIED, DENIED, DENIED, CREATED, DENIED),
  'DELETE /committees/{id}/staff/{personId}/{role}': row(DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED),
} as const satisfies Record<string, Record<Role, Expected>>;

type RouteName = keyof typeof MATRIX;

interface Fixture {
  member: Member;
  introduction: Introduction;
}

/** The caller for a role acting for its own committee or for another one. */
function principalFor(role: Role, scope: Scope, fixture: Fixture): Principal {
  if (role === 'member') {
    return scope === 'own'
      ? { sub: fixture.member.id, orgId: ORG.workplace, role }
      : { sub: 'm-someone-else', orgId: ORG.otherWorkplace, role };
  }
  if (role === 'workplace_staff') {
    return { sub: `${role}-${scope}`, orgId: scope === 'own' ? ORG.workplace : ORG.otherWorkplace, role };
  }
  if (role === 'admin' || role === 'board_staff') {
    // Own: the board the workplace W reports to; other: a board with nothing under it.
    return { sub: `${role}-${scope}`, orgId: scope === 'own' ? ORG.block : 'ban-khac', role };
  }
  return { sub: `${role}-${scope}`, orgId: scope === 'own' ? ORG.residence : ORG.otherResidence, role };
}

describe('HTTP: the authorisation matrix (every route × every role × own / other committee)', () => {
  let table: TestTable;
  let deps: ReturnType<typeof testDeps>;
  const h = (create: (d: () => ReturnType<typeof testDeps>) => HttpHandler) => create(() => deps);
  const handlers = {
    create: h(createIntroduction),
    import: h(importIntroductions),
    receive: h(receiveIntroduction),
    end: h(endIntroduction),
    letter: h(letter),
    travel: h(travelNotices),
    exemption: h(exemptions),
    book: h(contactBook),
    members: h(committeeMembers),
    committeeCreate: h(adminCreate),
    committeeImport: h(adminImport),
    committeeUpdate: h(adminUpdate),
    committeeMove: h(adminMove),
    committeeClose: h(adminClose),
    staffList: h(staffList),
    staffAssign: h(staffAssign),
    staffRevoke: h(staffRevoke),
    putNarrative: h(putNarrative),
    getNarrative: h(getNarrative),
  };
  let unique = 0;
  /** A workplace of its own under W's board, for the calls that change or close one. */
  const throwaway = async () => {
    const id = `tam-${++unique}`;
    await deps.repos.committees.create([
      { id, name: `Chi bộ tạm ${unique}`, kind: 'workplace', parentId: ORG.block },
    ]);
    return id;
  };

  const statusOf = async (handler: HttpHandler, request: ApiRequest) => (await call(handler, request)).status;

  /** How each route is called for a fixture; all bodies are valid, so only the caller decides. */
  // The administration routes are added below, next to their throwaway committees.
  const ROUTES = {
    'POST /introductions': (_, as) =>
      statusOf(handlers.create, {
        method: 'POST',
        route: '/introductions',
        body: introduceBody({ workplaceOrgId: ORG.workplace }),
        principal: as,
      }),
    'POST /introductions/import': (_, as) =>
      statusOf(handlers.import, {
        method: 'POST',
        route: '/introductions/import',
        query: { workplaceOrgId: ORG.workplace },
        headers: { 'content-type': 'text/csv' },
        body: `so_the_dang,ho_ten,ngay_sinh,gioi_tinh,cu_tru,dia_chi,dang_ky_tu,ma_noi_cu_tru\n${nextPartyCard()},Mai Thị Lan,1990-01-01,nữ,thuong_tru,Khu vực 1,2000-01-01,${ORG.residence}`,
        principal: as,
      }),
    'POST /introductions/{id}/receive': (fx, as) =>
      statusOf(handlers.receive, {
        method: 'POST',
        route: '/introductions/{id}/receive',
        pathParameters: { id: fx.introduction.id },
        body: { hamletId: ORG.hamlet1, receivedByName: 'Trần Thị Thu' },
        principal: as,
      }),
    'POST /introductions/{id}/end': (fx, as) =>
      statusOf(handlers.end, {
        method: 'POST',
        route: '/introductions/{id}/end',
        pathParameters: { id: fx.introduction.id },
        body: { reason: 'transfer' },
        principal: as,
      }),
    'GET /introductions/{id}/letter.pdf': (fx, as) =>
      statusOf(handlers.letter, {
        method: 'GET',
        route: '/introductions/{id}/letter.pdf',
        pathParameters: { id: fx.introduction.id },
        principal: as,
      }),
    'POST /members/{id}/travel-notices': (fx, as) =>
      statusOf(handlers.travel, {
        method: 'POST',
        route: '/members/{id}/travel-notices',
        pathParameters: { id: fx.member.id },
        body: { reason: 'Công tác Côn Đảo', from: '2026-04-01', until: '2026-05-01' },
        principal: as,
      }),
    'POST /members/{id}/exemptions': (fx, as) =>
      statusOf(handlers.exemption, {
        method: 'POST',
        route: '/members/{id}/exemptions',
        pathParameters: { id: fx.member.id },
        body: { reason: 'Điều trị dài ngày', from: '2026-04-01' },
        principal: as,
      }),
    'GET /members/{id}/contact-book': (fx, as) =>
      statusOf(handlers.book, {
        method: 'GET',
        route: '/members/{id}/contact-book',
        pathParameters: { id: fx.member.id },
        principal: as,
      }),
    'GET /committees/{residence}/members': (_, as) =>
      statusOf(handlers.members, {
        method: 'GET',
        route: '/committees/{id}/members',
        pathParameters: { id: ORG.residence },
        principal: as,
      }),
    'GET /committees/{workplace}/members': (_, as) =>
      statusOf(handlers.members, {
        method: 'GET',
        route: '/committees/{id}/members',
        pathParameters: { id: ORG.workplace },
        query: { status: 'pending' },
        principal: as,
      }),
    'PUT /committees/{id}/reports/{year}/narrative': (_, as) =>
      statusOf(handlers.putNarrative, {
        method: 'PUT',
        route: '/committees/{id}/reports/{year}/narrative',
        pathParameters: { id: ORG.residence, year: '2026' },
        body: { assessment: 'Đảng viên giữ mối liên hệ tốt với nơi cư trú.' },
        principal: as,
      }),
    'GET /committees/{id}/reports/{year}/narrative': (_, as) =>
      statusOf(handlers.getNarrative, {
        method: 'GET',
        route: '/committees/{id}/reports/{year}/narrative',
        pathParameters: { id: ORG.residence, year: '2026' },
        principal: as,
      }),
  } as Record<RouteName, (fx: Fixture, as: Principal) => Promise<number>>;

  Object.assign(ROUTES, {
    'POST /committees': (_: Fixture, as: Principal) =>
      statusOf(handlers.committeeCreate, {
        method: 'POST',
        route: '/committees',
        body: { id: `moi-${++unique}`, name: 'Chi bộ mới', kind: 'workplace', parentId: ORG.block },
        principal: as,
      }),
    // 200 with a per-line report: a file of which no line was the caller's to create counts as refused.
    'POST /committees/import': async (_: Fixture, as: Principal) => {
      const res = await call<{ created?: number }>(handlers.committeeImport, {
        method: 'POST',
        route: '/committees/import',
        headers: { 'content-type': 'text/csv' },
        body: `ma_don_vi,ten,loai,ma_cap_tren\ncsv-${++unique},Chi bộ CSV,co_quan,${ORG.block}`,
        principal: as,
      });
      return res.status === 200 && !res.json.created ? 403 : res.status;
    },
    'PUT /committees/{id}': async (_: Fixture, as: Principal) =>
      statusOf(handlers.committeeUpdate, {
        method: 'PUT',
        route: '/committees/{id}',
        pathParameters: { id: await throwaway() },
        body: { name: 'Tên mới' },
        principal: as,
      }),
    'POST /committees/{id}/move': async (_: Fixture, as: Principal) =>
      statusOf(handlers.committeeMove, {
        method: 'POST',
        route: '/committees/{id}/move',
        pathParameters: { id: await throwaway() },
        body: { parentId: ORG.block },
        principal: as,
      }),
    'POST /committees/{id}/close': async (_: Fixture, as: Principal) =>
      statusOf(handlers.committeeClose, {
        method: 'POST',
        route: '/committees/{id}/close',
        pathParameters: { id: await throwaway() },
        principal: as,
      }),
    'GET /committees/{id}/staff': (_: Fixture, as: Principal) =>
      statusOf(handlers.staffList, {
        method: 'GET',
        route: '/committees/{id}/staff',
        pathParameters: { id: ORG.workplace },
        principal: as,
      }),
    'POST /committees/{id}/staff': (_: Fixture, as: Principal) =>
      statusOf(handlers.staffAssign, {
        method: 'POST',
        route: '/committees/{id}/staff',
        pathParameters: { id: ORG.workplace },
        body: { role: 'workplace_staff', fullName: 'Cán Bộ Mới' },
        principal: as,
      }),
    'DELETE /committees/{id}/staff/{personId}/{role}': async (_: Fixture, as: Principal) => {
      const personId = `st-tam-${++unique}`;
      await deps.repos.staff.assign(
        { id: personId, fullName: 'Cán Bộ Tạm' },
        { orgId: ORG.workplace, role: 'workplace_staff' },
      );
      return statusOf(handlers.staffRevoke, {
        method: 'DELETE',
        route: '/committees/{id}/staff/{personId}/{role}',
        pathParameters: { id: ORG.workplace, personId, role: 'workplace_staff' },
        principal: as,
      });
    },
  });

  /** A member of W introduced to R (not yet received). */
  async function fixture(): Promise<Fixture> {
    const res = await call<Fixture>(handlers.create, {
      method: 'POST',
      route: '/introductions',
      body: introduceBody(),
      principal: AS.workplace,
    });
    expect(res.status).toBe(201);
    return res.json;
  }

  /** Denied requests change nothing, so they share one fixture (checked untouched at the end). */
  let shared: Fixture;

  beforeAll(async () => {
    table = await createTestTable();
    deps = testDeps(table, { clock: testClock('2026-03-02T03:00:00Z') });
    await seedWorld(deps.repos);
    shared = await fixture();
  });
  afterAll(async () => {
    await table.drop();
  });

  const cells = Object.entries(MATRIX).flatMap(([route, roles]) =>
    Object.entries(roles).flatMap(([role, expected]) =>
      (['own', 'other'] as const).map(
        (scope, i) => [route as RouteName, role as Role, scope, (expected as Expected)[i] as number] as const,
      ),
    ),
  );

  it('covers every route registered for this feature and every role', () => {
    expect(Object.keys(MATRIX)).toHaveLength(20);
    expect(cells).toHaveLength(20 * 8 * 2);
  });

  it.each(cells)('%s as %s of the %s committee → %i', async (route, role, scope, expected) => {
    // Prepare: an allowed request may change its fixture, so it gets its own
    const fx = expected === 403 ? shared : await fixture();

    // Act
    const status = await ROUTES[route](fx, principalFor(role, scope, fx));

    // Assess
    expect(status).toBe(expected);
  });

  // Runs after the matrix (tests run in order).
  it('left the fixture of the denied requests untouched', async () => {
    const introduction = await deps.repos.introductions.get(shared.introduction.id);
    expect(introduction).toMatchObject({ status: 'issued', version: 1 });
    expect(introduction?.receipt).toBeUndefined();
    expect(await deps.repos.members.travelNotices(shared.member.id)).toEqual([]);
    expect(await deps.repos.members.exemptions(shared.member.id)).toEqual([]);
  });
});
