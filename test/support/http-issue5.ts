// Test support (meeting record, issue 5): API Gateway v2 events, signed tokens, app deps over DynamoDB Local,
// a settable clock, and a seeded ward with staff, members, introductions, a meeting and its invitations.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type AppDeps, createAppDeps } from '../../functions/deps.js';
import { createRepositories, type Repositories } from '../../shared/adapters/dynamodb/index.js';
import { createLogger } from '../../shared/adapters/logger.js';
import { signToken } from '../../shared/adapters/tokens.js';
import type { AppConfig } from '../../shared/config/env.js';
import type { Invitation } from '../../shared/domain/invitation.js';
import type { Meeting } from '../../shared/domain/meeting.js';
import type { Member } from '../../shared/domain/member.js';
import type { Principal } from '../../shared/domain/roles.js';
import type { Clock } from '../../shared/ports/common.js';
import { aCommittee, aMeeting, aMember, anIntroduction, anInvitation } from './builders.js';
import type { TestTable } from './dynamo.js';

export const JWT = {
  issuer: 'test-issuer',
  audience: 'test-api',
  secret: 'a-test-secret-for-issue5-that-is-long-enough',
};

export interface SettableClock extends Clock {
  set(iso: string): void;
}

export function settableClock(iso: string): SettableClock {
  let now = new Date(iso);
  return { now: () => new Date(now.getTime()), set: (next) => (now = new Date(next)) };
}

export function testConfig(table: TestTable): AppConfig {
  return { tableName: table.tableName, region: 'ap-southeast-1', jwt: JWT };
}

export function testDeps(table: TestTable, clock: Clock): AppDeps {
  return createAppDeps(testConfig(table), {
    repos: createRepositories(table),
    clock,
    logger: createLogger(() => {}),
  });
}

export function tokenFor(principal: Principal): Promise<string> {
  return signToken(principal, JWT);
}

export interface EventSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The route as registered, e.g. `/meetings/{id}/attendance/{memberId}`. */
  route: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

/** An API Gateway HTTP API (payload 2.0) event, as the gateway hands it to the Lambda. */
export function httpEvent(spec: EventSpec): APIGatewayProxyEventV2 {
  const rawPath = Object.entries(spec.pathParameters ?? {}).reduce(
    (path, [k, v]) => path.replace(`{${k}}`, encodeURIComponent(v)),
    spec.route,
  );
  const rawQueryString = new URLSearchParams(spec.query ?? {}).toString();
  return {
    version: '2.0',
    routeKey: `${spec.method} ${spec.route}`,
    rawPath,
    rawQueryString,
    headers: {
      'content-type': 'application/json',
      ...(spec.token ? { authorization: `Bearer ${spec.token}` } : {}),
      ...(spec.headers ?? {}),
    },
    ...(spec.query ? { queryStringParameters: spec.query } : {}),
    ...(spec.pathParameters ? { pathParameters: spec.pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: spec.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'vitest',
      },
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      routeKey: `${spec.method} ${spec.route}`,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
    ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
    isBase64Encoded: false,
  };
}

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

export interface Answer<T = Record<string, unknown>> {
  status: number;
  json: T;
  raw: APIGatewayProxyStructuredResultV2;
}

/** Calls a route handler with an event and parses its JSON answer (PDF answers keep `raw`). */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
export async function call<T = any>(handler: Handler, spec: EventSpec): Promise<Answer<T>> {
  const raw = (await handler(httpEvent(spec), {} as Context)) as APIGatewayProxyStructuredResultV2;
  const isJson = String(raw.headers?.['content-type'] ?? '').startsWith('application/json');
  return { status: raw.statusCode ?? 0, json: (isJson ? JSON.parse(raw.body ?? 'null') : null) as T, raw };
}

export const WARD = 'phuong-an-hoa';
export const WORKPLACE = 'so-y-te';
export const OTHER_WORKPLACE = 'truong-dh-can-tho';

export const STAFF = {
  chair: { sub: 'chair-1', orgId: WARD, role: 'chair' },
  secretary: { sub: 'sec-1', orgId: WARD, role: 'secretary' },
  residence: { sub: 'res-1', orgId: WARD, role: 'residence_staff' },
  viewer: { sub: 'view-1', orgId: WARD, role: 'viewer' },
  workplace: { sub: 'wp-1', orgId: WORKPLACE, role: 'workplace_staff' },
  otherWorkplace: { sub: 'wp-2', orgId: OTHER_WORKPLACE, role: 'workplace_staff' },
  otherWardChair: { sub: 'chair-9', orgId: 'phuong-cai-khe', role: 'chair' },
} as const satisfies Record<string, Principal>;

export const memberPrincipal = (memberId: string): Principal => ({
  sub: memberId,
  orgId: WORKPLACE,
  role: 'member',
});

/** The ward, its staff (chair, secretary, residence staff, a viewer) and two workplaces with staff. */
export async function seedWard(repos: Repositories): Promise<void> {
  await repos.committees.put(aCommittee({ id: WARD, kind: 'residence', name: 'Đảng ủy phường An Hòa' }));
  await repos.committees.put(aCommittee({ id: WORKPLACE, kind: 'workplace', name: 'Chi bộ Sở Y tế' }));
  await repos.committees.put(
    aCommittee({ id: OTHER_WORKPLACE, kind: 'school', name: 'Đảng ủy Trường Đại học Cần Thơ' }),
  );
  await repos.staff.put({
    id: 'chair-1',
    orgId: WARD,
    role: 'chair',
    fullName: 'Trần Văn Chủ',
    standing: true,
  });
  await repos.staff.put({ id: 'sec-1', orgId: WARD, role: 'secretary', fullName: 'Lê Thị Thư' });
  await repos.staff.put({ id: 'res-1', orgId: WARD, role: 'residence_staff', fullName: 'Phạm Văn Cư' });
  await repos.staff.put({ id: 'view-1', orgId: WARD, role: 'viewer', fullName: 'Đỗ Văn Xem' });
  await repos.staff.put({
    id: 'wp-1',
    orgId: WORKPLACE,
    role: 'workplace_staff',
    fullName: 'Huỳnh Thị Công',
  });
  await repos.staff.put({
    id: 'wp-2',
    orgId: OTHER_WORKPLACE,
    role: 'workplace_staff',
    fullName: 'Võ Văn Trường',
  });
}

/** A member introduced to the ward and received there (R5), so they belong to its meetings. */
export async function seedReceivedMember(repos: Repositories, member: Member): Promise<Member> {
  await repos.members.create(member);
  const introduction = anIntroduction({
    id: `intro-${member.id}`,
    memberId: member.id,
    workplaceOrgId: member.workplaceOrgId,
    residenceOrgId: WARD,
    status: 'issued',
    version: 1,
  });
  await repos.introductions.issue(introduction, member.fullName);
  await repos.introductions.save(
    {
      ...introduction,
      status: 'received',
      receipt: {
        receivedOn: '2026-02-15',
        receivedBy: 'res-1',
        receivedByName: 'Phạm Văn Cư',
        hamletId: 'kv-3',
      },
      version: 2,
    },
    member.fullName,
    1,
  );
  return member;
}

export async function seedMeeting(repos: Repositories, overrides: Partial<Meeting> & Pick<Meeting, 'id'>) {
  const meeting = aMeeting({
    residenceOrgId: WARD,
    chairStaffId: 'chair-1',
    chairName: 'Trần Văn Chủ',
    ...overrides,
  });
  await repos.meetings.create(meeting);
  return meeting;
}

export async function seedInvitation(
  repos: Repositories,
  meeting: Meeting,
  member: Member,
  overrides: Partial<Invitation> = {},
): Promise<Invitation> {
  const invitation = anInvitation({
    meetingId: meeting.id,
    memberId: member.id,
    memberName: member.fullName,
    residenceOrgId: WARD,
    workplaceOrgId: member.workplaceOrgId,
    hamletId: 'kv-3',
    meetingDate: meeting.date,
    delivery: 'sent',
    ...overrides,
  });
  await repos.invitations.createOnce(invitation);
  return invitation;
}

export { aMember };
