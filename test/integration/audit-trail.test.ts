// Integration: the audit trail of reads (issue 18) — reading a member's contact book or a page of the attendance
// sheet showing absence reasons' text writes who, what, when and which member (no names); the administrator lists
// it by committee and time range; entries carry their TTL; a refused read writes nothing.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as auditList } from '../../functions/http/admin-audit-list.js';
import { createHandler as introductionsCreate } from '../../functions/http/introductions-create.js';
import { createHandler as attendanceGet } from '../../functions/http/meeting-attendance-get.js';
import { createHandler as contactBook } from '../../functions/http/members-contact-book.js';
import { AUDIT_KEPT_DAYS, type AuditEntry } from '../../shared/domain/audit.js';
import type { Member } from '../../shared/domain/member.js';
import type { Principal } from '../../shared/domain/roles.js';
import { aMeeting, anInvitation } from '../support/builders.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { call, testClock, testDeps } from '../support/http.js';
import { AS, COMMITTEES, introduceBody, ORG, seedWorld } from '../support/world.js';

const ADMIN: Principal = { sub: 'admin-khoi', orgId: ORG.block, role: 'admin' };

describe('HTTP: the audit trail of reads of members’ personal data', () => {
  let table: TestTable;
  let deps: ReturnType<typeof testDeps>;
  let member: Member;
  const clock = testClock('2026-06-22T02:00:00Z');
  const meetingId = `${ORG.residence}.2026.06`;

  const listAudit = (orgId: string, from: string, to: string, principal: Principal = ADMIN) =>
    call<{ items: AuditEntry[] }>(
      auditList(() => deps),
      {
        method: 'GET',
        route: '/committees/{id}/audit',
        pathParameters: { id: orgId },
        query: { from, to },
        principal,
      },
    );
  const readBook = (principal: Principal) =>
    call(
      contactBook(() => deps),
      {
        method: 'GET',
        route: '/members/{id}/contact-book',
        pathParameters: { id: member.id },
        principal,
      },
    );

  beforeAll(async () => {
    table = await createTestTable();
    deps = testDeps(table, { clock });
    await seedWorld(deps.repos);
    // The ward sits under the board too, so its administrator sees the ward's reads.
    const ward = COMMITTEES.find((c) => c.id === ORG.residence);
    if (ward) await deps.repos.committees.put({ ...ward, parentId: ORG.block });
    await deps.repos.staff.put({ id: ADMIN.sub, orgId: ORG.block, role: 'admin', fullName: 'Trần Văn Quản' });
    const created = await call<{ member: Member }>(
      introductionsCreate(() => deps),
      {
        method: 'POST',
        route: '/introductions',
        body: introduceBody({ member: { fullName: 'Phạm Thị Riêng Tư' } }),
        principal: AS.workplace,
      },
    );
    member = created.json.member;
    await deps.repos.meetings.create(
      aMeeting({ id: meetingId, year: 2026, round: 'june', date: '2026-06-20' }),
    );
    await deps.repos.invitations.createOnce(
      anInvitation({
        memberId: member.id,
        memberName: member.fullName,
        workplaceOrgId: ORG.workplace,
        meetingId,
        meetingDate: '2026-06-20',
        rsvp: 'absent',
        absence: {
          category: 'illness',
          text: 'Nằm viện điều trị',
          submittedAt: '2026-06-18T01:00:00Z',
          confirmation: 'pending',
        },
      }),
    );
  });
  afterAll(async () => {
    await table.drop();
  });

  it('records a contact book read by the workplace (not a refused one) and lists it to the administrator, ids only', async () => {
    // Prepare
    const at = clock.now().toISOString();

    // Act
    const read = await readBook(AS.workplace);
    const refused = await readBook(AS.otherWorkplace);
    const listed = await listAudit(ORG.workplace, '2026-06-22T00:00:00+07:00', '2026-06-23T00:00:00+07:00');
    const refusedTrail = await deps.repos.audit.list(
      ORG.otherWorkplace,
      '2026-01-01T00:00:00.000Z',
      '2026-12-31T00:00:00.000Z',
      10,
    );
    const stored = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `AUDIT#${ORG.workplace}` },
      }),
    );

    // Assess
    expect(read.status).toBe(200);
    expect(refused.status).toBe(403);
    expect(listed.status).toBe(200);
    expect(listed.json.items).toEqual([
      {
        id: expect.any(String),
        at,
        actorId: AS.workplace.sub,
        orgId: ORG.workplace,
        role: 'workplace_staff',
        action: 'contact_book.read',
        memberId: member.id,
        source: 'http',
      },
    ]);
    expect(JSON.stringify(listed.json)).not.toContain('Riêng Tư');
    expect(refusedTrail).toEqual([]);
    expect(stored.Items?.[0]?.ttl).toBe(
      Math.floor(new Date(at).getTime() / 1000) + AUDIT_KEPT_DAYS * 24 * 3600,
    );
  });

  it('records each absence reason shown on an attendance page, with its meeting', async () => {
    // Act
    const page = await call(
      attendanceGet(() => deps),
      {
        method: 'GET',
        route: '/meetings/{id}/attendance',
        pathParameters: { id: meetingId },
        principal: AS.residence,
      },
    );
    const listed = await listAudit(ORG.residence, '2026-06-22T00:00:00+07:00', '2026-06-23T00:00:00+07:00');

    // Assess
    expect(page.status).toBe(200);
    expect(listed.json.items).toMatchObject([
      {
        actorId: AS.residence.sub,
        action: 'absence_reason.read',
        memberId: member.id,
        meetingId,
        source: 'http',
      },
    ]);
    expect(JSON.stringify(listed.json)).not.toContain('Nằm viện');
  });

  it('lists only to an administrator above the committee, and refuses a reversed or over-long range', async () => {
    // Act
    const byChair = await listAudit(ORG.residence, '2026-06-01T00:00:00Z', '2026-06-30T00:00:00Z', AS.chair);
    const reversed = await listAudit(ORG.residence, '2026-06-30T00:00:00Z', '2026-06-01T00:00:00Z');
    const tooLong = await listAudit(ORG.residence, '2024-01-01T00:00:00Z', '2026-06-30T00:00:00Z');
    const notAnInstant = await listAudit(ORG.residence, 'hôm qua', '2026-06-30T00:00:00Z');

    // Assess
    expect(byChair.status).toBe(403);
    expect(reversed.status).toBe(400);
    expect(tooLong.status).toBe(400);
    expect(notAnInstant.status).toBe(400);
  });
});
