// Every route × every role × own / other committee → the status the API answers (also in docs/api.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as committeeMembers } from '../../functions/http/committees-members.js';
import { createHandler as createIntroduction } from '../../functions/http/introductions-create.js';
import { createHandler as endIntroduction } from '../../functions/http/introductions-end.js';
import { createHandler as importIntroductions } from '../../functions/http/introductions-import.js';
import { createHandler as letter } from '../../functions/http/introductions-letter.js';
import { createHandler as receiveIntroduction } from '../../functions/http/introductions-receive.js';
import { createHandler as contactBook } from '../../functions/http/members-contact-book.js';
import { createHandler as exemptions } from '../../functions/http/members-exemptions.js';
import { createHandler as travelNotices } from '../../functions/http/members-travel-notices.js';
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
  // Board staff act for a board: on a ward's or a workplace's routes they are refused like the viewer.
  board_staff: Expected = viewer,
): Record<Role, Expected> => ({
  member,
  workplace_staff,
  residence_staff,
  chair,
  secretary,
  viewer,
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
  if (role === 'board_staff') {
    // A board above the committees of the routes: none of these routes is the board's.
    return { sub: `${role}-${scope}`, orgId: scope === 'own' ? 'board-own' : 'board-other', role };
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
  };

  const statusOf = async (handler: HttpHandler, request: ApiRequest) => (await call(handler, request)).status;

  /** How each route is called for a fixture; all bodies are valid, so only the caller decides. */
  const ROUTES: Record<RouteName, (fx: Fixture, as: Principal) => Promise<number>> = {
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
  };

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
    expect(Object.keys(MATRIX)).toHaveLength(10);
    expect(cells).toHaveLength(10 * 7 * 2);
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
