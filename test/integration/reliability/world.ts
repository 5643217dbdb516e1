// Reliability support: the registry's route handlers loaded by file, and one seeded world in which every
// route has something to act on — a sealed October 2025 meeting (R10 notice raised) and a June 2026 meeting
// under way (attendance open, all nine parts written, a member's comment) — plus a second ward and workplace.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AppDeps } from '../../../functions/deps.js';
import type { Repositories } from '../../../shared/adapters/dynamodb/index.js';
import { HTTP_ROUTES, type HttpRouteDef } from '../../../shared/config/functions.js';
import type { Member } from '../../../shared/domain/member.js';
import { MINUTES_PARTS } from '../../../shared/domain/minutes.js';
import { type Principal, ROLES, type Role } from '../../../shared/domain/roles.js';
import { aCommittee, aMember, anIntroduction } from '../../support/builders.js';
import { createTestTable, type TestTable } from '../../support/dynamo.js';
import {
  type ApiRequest,
  call,
  type HttpHandler,
  type TestClock,
  testClock,
  testDeps,
  tokenFor,
} from '../../support/http.js';
import {
  OTHER_WORKPLACE,
  seedInvitation,
  seedMeeting,
  seedReceivedMember,
  seedWard,
  WARD,
  WORKPLACE,
} from '../../support/meeting-world.js';

export const ROOT = join(import.meta.dirname, '../../..');
export const OTHER_WARD = 'phuong-cai-khe';
export const JUNE = `${WARD}.2026.06`;
export const OCTOBER_2025 = `${WARD}.2025.10`;
/** Planned and not started at the world's clock: the invitation job (issue 4) acts on it. */
export const UPCOMING = `${WARD}.2027.06`;
/** The year-end routes act on this year; the world's clock stands at 30 October of it (after the June meeting). */
export const YEAR = 2026;
export const WORLD_NOW = '2026-10-30T03:00:00Z';

/** A hd02-2011 "4 duties" form, as the evaluation routes take it. */
export const HD02_FORM = {
  kind: 'hd02-4duties',
  duties: {
    d1: { mark: 'good', comment: 'Gương mẫu' },
    d2: { mark: 'good', comment: 'Dự đủ cuộc họp' },
    d3: { mark: 'good', comment: 'Tham gia hội khuyến học' },
    d4: { mark: 'not_good', comment: 'Ít góp ý' },
  },
  proposal: 'none',
};

export const CONSULTATION = {
  hamletHeadName: 'Trương Văn Ấp',
  hamletHeadOpinion: 'Chấp hành tốt quy định khu vực.',
  policeHeadName: 'Đoàn Văn Công',
  policeHeadOpinion: 'Không vi phạm.',
  consultedOn: '2026-10-25',
};

export interface LoadedRoute {
  def: HttpRouteDef;
  handler: HttpHandler;
}

/** Every HTTP route of the registry, its handler built from the entry file's `createHandler` over `deps`. */
export async function loadRoutes(deps: () => AppDeps): Promise<LoadedRoute[]> {
  const loaded: LoadedRoute[] = [];
  for (const def of HTTP_ROUTES) {
    const mod = (await import(pathToFileURL(join(ROOT, def.entry)).href)) as {
      createHandler?: (d: () => AppDeps) => HttpHandler;
    };
    if (typeof mod.createHandler !== 'function') {
      throw new Error(`${def.entry} does not export createHandler(deps) as the handler pattern asks`);
    }
    loaded.push({ def, handler: mod.createHandler(deps) });
  }
  return loaded;
}

/** Calls a handler with a body given raw (so invalid JSON can be sent), and answers its status and body text. */
export async function callRaw(
  handler: HttpHandler,
  spec: Omit<ApiRequest, 'body'> & { rawBody?: string },
): Promise<{ status: number; body: string }> {
  const { rawBody, ...request } = spec;
  // A URL reaches API Gateway as UTF-8: a lone surrogate cannot arrive in a path or query (it would be U+FFFD).
  const answer = await call(handler, {
    ...request,
    ...(spec.pathParameters ? { pathParameters: wellFormed(spec.pathParameters) } : {}),
    ...(spec.query ? { query: wellFormed(spec.query) } : {}),
    ...(rawBody !== undefined ? { body: rawBody } : {}),
  });
  return { status: answer.status, body: answer.raw.body ?? '' };
}

type Item = Record<string, unknown>;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function wellFormed(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [
      k.replace(LONE_SURROGATE, '\ufffd'),
      v.replace(LONE_SURROGATE, '\ufffd'),
    ]),
  );
}

/** Every item of the table: tests may Scan (production code never does). */
export async function scanAll(table: TestTable): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await table.doc.send(
      new ScanCommand({ TableName: table.tableName, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The table's items as sorted stable JSON lines: equal snapshots mean no stored record changed. */
export async function snapshot(table: TestTable): Promise<string[]> {
  return (await scanAll(table)).map(stableJson).sort();
}

const keyOf = (item: Item) => `${String(item.pk)}\u0000${String(item.sk)}`;

/** Puts the table back to `items` exactly: deletes what was added, rewrites what differs. */
export async function restore(table: TestTable, items: readonly Item[]): Promise<void> {
  const wanted = new Map(items.map((i) => [keyOf(i), i]));
  const current = await scanAll(table);
  const requests: NonNullable<BatchWriteCommandInput['RequestItems']>[string] = [];
  for (const item of current) {
    const want = wanted.get(keyOf(item));
    if (!want) requests.push({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } });
    else if (stableJson(want) !== stableJson(item)) requests.push({ PutRequest: { Item: want } });
    wanted.delete(keyOf(item));
  }
  for (const item of wanted.values()) requests.push({ PutRequest: { Item: item } });
  for (let i = 0; i < requests.length; i += 25) {
    let batch: typeof requests | undefined = requests.slice(i, i + 25);
    while (batch?.length) {
      const out: BatchWriteCommandOutput = await table.doc.send(
        new BatchWriteCommand({ RequestItems: { [table.tableName]: batch } }),
      );
      batch = out.UnprocessedItems?.[table.tableName];
    }
  }
}

/**
 * The seeded world between calls, checked with one Scan per call. Every call starts from the seeded items: a
 * call that may have written is followed by a restore, and a refused call that changed nothing needs none. The
 * tests used to Scan before each call as well (and restore before each one); the state before a call is always
 * the seeded one, so that Scan only repeated what `seeded` already holds.
 */
export class SeededState {
  private readonly baseline: readonly string[];
  private dirty = false;

  constructor(
    private readonly table: TestTable,
    private readonly items: readonly Item[],
  ) {
    this.baseline = items.map(stableJson).sort();
  }

  /** Puts the seeded items back when the last call may have changed them; marks the table as written to. */
  async beforeCall(): Promise<void> {
    if (this.dirty) await restore(this.table, this.items);
    this.dirty = true;
  }

  /** What a call changed (`+` added or rewritten, `-` removed or overwritten); none marks the table clean. */
  async changes(): Promise<string[]> {
    const now = await snapshot(this.table);
    const was = new Set(this.baseline);
    const is = new Set(now);
    const changed = [
      ...now.filter((line) => !was.has(line)).map((line) => `+ ${line}`),
      ...this.baseline.filter((line) => !is.has(line)).map((line) => `- ${line}`),
    ];
    this.dirty = changed.length > 0;
    return changed;
  }
}

export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/** The people of the world. Their names and phones are what the log check looks for. */
export const PEOPLE = {
  own: aMember({
    id: 'm-own',
    fullName: 'Nguyễn Thị Hồng Nhung',
    phone: '0912345678',
    partyCardNumber: '410000001',
  }),
  peer: aMember({
    id: 'm-peer',
    fullName: 'Trần Quốc Dũng',
    phone: '0987654321',
    partyCardNumber: '410000002',
  }),
  student: aMember({
    id: 'm-student',
    fullName: 'Phạm Thị Ánh Tuyết',
    phone: '0945000111',
    partyCardNumber: '410000004',
    category: 'student',
  }),
  army: aMember({
    id: 'm-army',
    fullName: 'Bùi Văn Sơn Hải',
    phone: '0978000222',
    partyCardNumber: '410000005',
    category: 'armed_forces',
  }),
  other: aMember({
    id: 'm-other',
    fullName: 'Lê Văn Khải',
    phone: '0903111222',
    partyCardNumber: '410000003',
    workplaceOrgId: OTHER_WORKPLACE,
  }),
} as const satisfies Record<string, Member>;

export const ABSENCE_TEXT = 'Đi khám bệnh ở bệnh viện Chợ Rẫy, có giấy hẹn';

export type Side = 'own' | 'other';

/** One principal per role and side: "own" acts for the ward's (or its member's workplace's) committee. */
export function principalFor(role: Role, side: Side): Principal {
  if (role === 'member')
    return {
      sub: side === 'own' ? 'm-own' : 'm-other',
      orgId: side === 'own' ? WORKPLACE : OTHER_WORKPLACE,
      role,
    };
  if (role === 'workplace_staff')
    return {
      sub: side === 'own' ? 'wp-1' : 'wp-2',
      orgId: side === 'own' ? WORKPLACE : OTHER_WORKPLACE,
      role,
    };
  // Board staff and administrators act for a board with nothing beneath it: no committee these routes are
  // about is theirs (an administrator's own subtree is covered by test/integration/authorisation-matrix.test.ts).
  if (role === 'board_staff' || role === 'admin')
    return {
      sub: side === 'own' ? 'board-1' : 'board-9',
      orgId: side === 'own' ? 'board-own' : 'board-other',
      role,
    };
  const ids: Record<string, string> = {
    residence_staff: 'res',
    chair: 'chair',
    secretary: 'sec',
    viewer: 'view',
    admin: 'adm',
    board_staff: 'bst',
  };
  return {
    sub: `${ids[role]}-${side === 'own' ? '1' : '9'}`,
    orgId: side === 'own' ? WARD : OTHER_WARD,
    role,
  };
}

export const PRINCIPALS: { role: Role; side: Side; principal: Principal }[] = ROLES.flatMap((role) =>
  (['own', 'other'] as const).map((side) => ({ role, side, principal: principalFor(role, side) })),
);

const PART_TEXT = 'Nội dung phần này do thư ký ghi: đảng viên góp ý về đèn chiếu sáng hẻm 12 😀.';

export interface World {
  commentId: string;
  tokens: Map<string, string>;
}

export const tokenKey = (role: Role, side: Side) => `${role}:${side}`;

async function seedOtherWard(repos: Repositories): Promise<void> {
  await repos.committees.put(
    aCommittee({ id: OTHER_WARD, kind: 'residence', name: 'Đảng ủy phường Cái Khế' }),
  );
  // The hamlet the ward's receipts name (kv-3), as a hamlet cell of the ward, so R5's check has it (issue 3).
  await repos.committees.put(
    aCommittee({ id: 'kv-3', kind: 'hamlet_cell', name: 'Chi bộ khu vực 3', parentId: WARD }),
  );
  const staff = [
    { id: 'chair-9', role: 'chair' as const, fullName: 'Mai Văn Chín', standing: true },
    { id: 'sec-9', role: 'secretary' as const, fullName: 'Lý Thị Chín' },
    { id: 'res-9', role: 'residence_staff' as const, fullName: 'Tạ Văn Chín' },
    { id: 'view-9', role: 'viewer' as const, fullName: 'Hồ Văn Chín' },
  ];
  for (const s of staff) await repos.staff.put({ ...s, orgId: OTHER_WARD });
  await seedReceived(repos, PEOPLE.other, OTHER_WARD, {
    receivedBy: 'res-9',
    receivedByName: 'Tạ Văn Chín',
    hamletId: 'ck-1',
  });
}

/** A member introduced to a ward and received there (R5); `contactPath: 'direct'` for R20's armed forces. */
export async function seedReceived(
  repos: Repositories,
  member: Member,
  residenceOrgId: string,
  receipt: { receivedBy: string; receivedByName: string; hamletId: string },
  contactPath: 'standard' | 'direct' = 'standard',
): Promise<void> {
  await repos.members.create(member);
  const intro = anIntroduction({
    id: `intro-${member.id}`,
    memberId: member.id,
    workplaceOrgId: member.workplaceOrgId,
    residenceOrgId,
    status: 'issued',
    contactPath,
  });
  await repos.introductions.issue(intro, member.fullName);
  await repos.introductions.save(
    { ...intro, status: 'received', receipt: { receivedOn: '2025-02-15', ...receipt }, version: 2 },
    member.fullName,
    1,
  );
}

function route(routes: readonly LoadedRoute[], name: string): HttpHandler {
  const found = routes.find((r) => r.def.name === name);
  if (!found) throw new Error(`route ${name} is not in the registry`);
  return found.handler;
}

async function expectOk(what: string, answer: Promise<{ status: number; json: unknown }>) {
  const a = await answer;
  if (a.status >= 300) throw new Error(`seeding: ${what} answered ${a.status} ${JSON.stringify(a.json)}`);
  return a;
}

/** Seeds the world through the real routes (so it is a state the system itself reaches). */
export async function seedWorld(
  deps: AppDeps,
  clock: TestClock,
  routes: readonly LoadedRoute[],
): Promise<World> {
  const repos = deps.repos;
  await seedWard(repos);
  await seedOtherWard(repos);
  await seedReceivedMember(repos, PEOPLE.own);
  await seedReceivedMember(repos, PEOPLE.peer);
  await seedReceivedMember(repos, PEOPLE.student);
  await seedReceived(
    repos,
    PEOPLE.army,
    WARD,
    { receivedBy: 'res-1', receivedByName: 'Phạm Văn Cư', hamletId: 'kv-3' },
    'direct',
  );
  const tokens = new Map<string, string>();
  for (const p of PRINCIPALS) tokens.set(tokenKey(p.role, p.side), await tokenFor(p.principal));
  const t = (role: Role) => tokens.get(tokenKey(role, 'own')) as string;

  // October 2025: m-own attended, m-peer never answered → sealed → the R10 notice to m-peer's workplace.
  const october = await seedMeeting(repos, {
    id: OCTOBER_2025,
    year: 2025,
    round: 'october',
    date: '2025-10-18',
    time: '08:00',
  });
  await seedInvitation(repos, october, PEOPLE.own, { rsvp: 'attending', rsvpAt: '2025-10-10T02:00:00Z' });
  await seedInvitation(repos, october, PEOPLE.peer);
  clock.set('2025-10-18T02:00:00Z');
  await runMeeting(routes, OCTOBER_2025, t);
  await expectOk(
    'sign as chair',
    call(route(routes, 'meeting-minutes-sign'), {
      method: 'POST',
      route: '/meetings/{id}/minutes/sign',
      pathParameters: { id: OCTOBER_2025 },
      body: { as: 'chair' },
      token: t('chair'),
    }),
  );
  await expectOk(
    'sign as secretary',
    call(route(routes, 'meeting-minutes-sign'), {
      method: 'POST',
      route: '/meetings/{id}/minutes/sign',
      pathParameters: { id: OCTOBER_2025 },
      body: { as: 'secretary' },
      token: t('secretary'),
    }),
  );

  // June 2026, under way: m-peer gave a reason (its text is personal: it must never reach a log).
  const june = await seedMeeting(repos, {
    id: JUNE,
    year: 2026,
    round: 'june',
    date: '2026-06-20',
    time: '08:00',
  });
  await seedInvitation(repos, june, PEOPLE.own, { rsvp: 'attending', rsvpAt: '2026-06-12T02:00:00Z' });
  await seedInvitation(repos, june, PEOPLE.peer, {
    rsvp: 'absent',
    absence: {
      category: 'illness',
      text: ABSENCE_TEXT,
      submittedAt: '2026-06-12T02:00:00Z',
      confirmation: 'pending',
    },
  });
  clock.set('2026-06-20T02:00:00Z');
  const comment = await expectOk(
    'raise a comment',
    call(route(routes, 'meeting-comment-raise'), {
      method: 'POST',
      route: '/meetings/{id}/comments',
      pathParameters: { id: JUNE },
      body: { topic: 'Chiếu sáng', text: 'Đề nghị lắp đèn hẻm 12.' },
      token: t('member'),
    }),
  );
  await runMeeting(routes, JUNE, t);

  // June 2027, planned only: far enough ahead to send its invitations, outside the 2026 year end.
  const upcoming = await seedMeeting(repos, {
    id: UPCOMING,
    year: 2027,
    round: 'june',
    date: '2027-06-19',
    time: '08:00',
  });
  // Issue 16: the member's letter to it, for an answer staff record on their behalf.
  await seedInvitation(repos, upcoming, PEOPLE.own, { delivery: 'sent' });

  // Year end: drafts for m-own and the student, the student consulted (R18), m-army's submitted (R20), a report.
  clock.set(WORLD_NOW);
  const evaluation = (memberId: string, suffix = '') => ({
    route: `/committees/{id}/evaluations/{year}/{memberId}${suffix}`,
    pathParameters: { id: WARD, year: String(YEAR), memberId },
  });
  for (const m of [PEOPLE.own, PEOPLE.student, PEOPLE.army]) {
    await expectOk(
      `draft ${m.id}`,
      call(route(routes, 'save-evaluation-draft'), {
        method: 'PUT',
        ...evaluation(m.id),
        body: { form: HD02_FORM },
        token: t('secretary'),
      }),
    );
  }
  await expectOk(
    'consultation',
    call(route(routes, 'record-consultation'), {
      method: 'POST',
      ...evaluation(PEOPLE.student.id, '/consultation'),
      body: CONSULTATION,
      token: t('secretary'),
    }),
  );
  await expectOk(
    'submit m-army',
    call(route(routes, 'submit-evaluation'), {
      method: 'POST',
      ...evaluation(PEOPLE.army.id, '/submit'),
      body: {},
      token: t('chair'),
    }),
  );
  await expectOk(
    'compile report',
    call(route(routes, 'compile-report'), {
      method: 'POST',
      route: '/committees/{id}/reports/{year}',
      pathParameters: { id: WARD, year: String(YEAR) },
      token: t('chair'),
    }),
  );
  return { commentId: (comment.json as { id: string }).id, tokens };
}

/** A fresh table holding the world, every route loaded over it, and its items as seeded (what `restore` puts back). */
export interface SeededWorld {
  table: TestTable;
  routes: LoadedRoute[];
  world: World;
  seeded: Item[];
}

/** Seeds the world through the routes on a new table; the clock then stands at WORLD_NOW. */
export async function aSeededWorld(): Promise<SeededWorld> {
  const table = await createTestTable();
  const clock = testClock('2026-06-20T03:00:00Z');
  const deps = testDeps(table, { clock });
  const routes = await loadRoutes(() => deps);
  const world = await seedWorld(deps, clock, routes);
  clock.set(WORLD_NOW);
  return { table, routes, world, seeded: await scanAll(table) };
}

async function runMeeting(routes: readonly LoadedRoute[], id: string, t: (role: Role) => string) {
  await expectOk(
    'open attendance',
    call(route(routes, 'meeting-attendance-open'), {
      method: 'POST',
      route: '/meetings/{id}/attendance/open',
      pathParameters: { id },
      token: t('residence_staff'),
    }),
  );
  for (const part of MINUTES_PARTS) {
    await expectOk(
      `part ${part}`,
      call(route(routes, 'meeting-minutes-part-put'), {
        method: 'PUT',
        route: '/meetings/{id}/minutes/{part}',
        pathParameters: { id, part },
        body: { text: PART_TEXT },
        token: t('secretary'),
      }),
    );
  }
}
