// An addendum to sealed minutes on DynamoDB Local, through the HTTP route (R16): proposed by one of the two
// signers, refused to anyone else, countersigned by the other and only then in the record, its hash chain and
// the PDF as signed; retries change nothing; an addendum stored with one signer before stays valid.
import { createHash } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as minutesAddendum } from '../../functions/http/meeting-minutes-addendum.js';
import { createHandler as minutesGet } from '../../functions/http/meeting-minutes-get.js';
import { createHandler as minutesPdf } from '../../functions/http/meeting-minutes-pdf.js';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { canonicalJson, MINUTES_PARTS } from '../../shared/domain/minutes.js';
import type { Principal } from '../../shared/domain/roles.js';
import type { MinutesView } from '../../shared/services/minutes.js';
import { signMinutes, writeMinutesPart } from '../../shared/services/minutes.js';
import type { AddendumResult } from '../../shared/services/minutes-addenda.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import {
  call,
  type ErrorJson,
  type HttpHandler,
  type TestClock,
  type TestDeps,
  testClock,
  testDeps,
  tokenFor,
} from '../support/http.js';
import { STAFF, seedMeeting, seedWard, WARD } from '../support/meeting-world.js';
import { pdfText } from '../support/pdf.js';

const JUNE = `${WARD}.2026.06`;
const OCTOBER = `${WARD}.2026.10`;

type Answer<T> = T & Partial<ErrorJson>;

/** The chain as docs/meeting.md section 4 states it, computed here independently of the domain's code. */
const sha256 = (previous: string, covered: unknown) =>
  createHash('sha256')
    .update(`${previous}\n${canonicalJson(covered)}`, 'utf8')
    .digest('hex');

describe('Function: addenda to sealed minutes, signed by the chair and the secretary (R16)', () => {
  let table: TestTable;
  let deps: TestDeps;
  let clock: TestClock;
  const token: Record<string, string> = {};
  const seals: Record<string, string> = {};
  const h = {
    addendum: minutesAddendum(() => deps),
    get: minutesGet(() => deps),
    pdf: minutesPdf(() => deps),
  };

  const propose = (who: string, meetingId: string, text: string) =>
    send(h.addendum, who, meetingId, '/meetings/{id}/minutes/addenda', { text });
  const countersign = (who: string, meetingId: string, seq: number) =>
    send(h.addendum, who, meetingId, '/meetings/{id}/minutes/addenda', { countersign: seq });
  const view = (meetingId: string) =>
    call<Answer<MinutesView>>(h.get, {
      method: 'GET',
      route: '/meetings/{id}/minutes',
      pathParameters: { id: meetingId },
      token: token.chair as string,
    });
  const printed = async (meetingId: string) => {
    const answer = await call(h.pdf, {
      method: 'GET',
      route: '/meetings/{id}/minutes.pdf',
      pathParameters: { id: meetingId },
      token: token.secretary as string,
    });
    return pdfText(answer.bytes);
  };
  const stored = async (meetingId: string) =>
    (await table.doc.send(new GetCommand({ TableName: table.tableName, Key: keys.minutes(meetingId) })))
      .Item as Record<string, unknown> & { version: number; addenda: Record<string, unknown>[] };

  function send(handler: HttpHandler, who: string, meetingId: string, route: string, body: unknown) {
    return call<Answer<AddendumResult>>(handler, {
      method: 'POST',
      route,
      pathParameters: { id: meetingId },
      body,
      token: token[who] as string,
    });
  }

  /** Every part written, then signed by the chair and the secretary through the use cases: sealed. */
  async function sealedMeeting(id: string, date: string): Promise<string> {
    const ports = { ...deps.repos, clock };
    await seedMeeting(deps.repos, { id, year: 2026, round: id.endsWith('06') ? 'june' : 'october', date });
    for (const part of MINUTES_PARTS) {
      await writeMinutesPart(ports, STAFF.chair, id, part, `Nội dung phần ${part}.`);
    }
    await signMinutes(ports, STAFF.chair, id, 'chair');
    const sealed = await signMinutes(ports, STAFF.secretary, id, 'secretary');
    return sealed.seal?.hash as string;
  }

  beforeAll(async () => {
    table = await createTestTable();
    clock = testClock('2026-11-02T03:00:00Z');
    deps = testDeps(table, { clock });
    await seedWard(deps.repos);
    for (const [who, principal] of Object.entries(STAFF)) token[who] = await tokenFor(principal as Principal);
    seals[JUNE] = await sealedMeeting(JUNE, '2026-06-20');
    seals[OCTOBER] = await sealedMeeting(OCTOBER, '2026-10-18');
  }, 60_000);
  afterAll(async () => {
    await table.drop();
  });

  it('takes an addendum proposed by the secretary and countersigned by the chair into the record and its hash chain', async () => {
    // Prepare
    const text = 'Đính chính: chỉ tiêu đạt 9/10, không phải 8/10.';
    const before = await stored(JUNE);

    // Act
    const byResidenceStaff = await propose('residence', JUNE, 'Đính chính của người không ký biên bản.');
    const afterRefusal = await stored(JUNE);
    const proposed = await propose('secretary', JUNE, text);
    const pendingView = await view(JUNE);
    const pendingPdf = await printed(JUNE);
    clock.set('2026-11-03T03:00:00Z');
    const signed = await countersign('chair', JUNE, 1);
    const signedView = await view(JUNE);
    const signedPdf = await printed(JUNE);

    // Assess
    expect(byResidenceStaff.status).toBe(403);
    expect(afterRefusal.version).toBe(before.version);
    expect(proposed.status).toBe(201);
    expect(proposed.json).toMatchObject({ state: 'pending', awaiting: 'chair', sealHash: seals[JUNE] });
    expect(proposed.json.addendum.hash).toBeUndefined();
    expect(pendingView.json.addenda).toEqual([
      { seq: 1, text, signatures: { secretary: expect.objectContaining({ staffId: 'sec-1' }) } },
    ]);
    expect(pendingView.json.addendaVerify).toBe(true);
    expect(pendingPdf).toContain('Phụ lục 1 — CHỜ KÝ');
    expect(pendingPdf).not.toContain('Phụ lục 1 — đã ký');
    expect(signed.status).toBe(200);
    expect(signed.json.state).toBe('signed');
    const { signatures, hash } = signed.json.addendum;
    expect(signatures.chair).toEqual({
      staffId: 'chair-1',
      name: 'Trần Văn Chủ',
      signedAt: '2026-11-03T03:00:00.000Z',
    });
    expect(signatures.secretary).toEqual({
      staffId: 'sec-1',
      name: 'Lê Thị Thư',
      signedAt: '2026-11-02T03:00:00.000Z',
    });
    expect(hash).toBe(sha256(seals[JUNE] as string, { seq: 1, signatures, text }));
    expect(signedView.json.seal).toMatchObject({ hash: seals[JUNE], verifies: true });
    expect(signedView.json.addendaVerify).toBe(true);
    expect(signedPdf).toContain('Phụ lục 1 — đã ký: chủ trì Trần Văn Chủ');
    expect(signedPdf).toContain('thư ký Lê Thị Thư');
    expect(signedPdf).not.toContain('CHỜ KÝ');
  });

  it('refuses the proposer countersigning their own addendum, a second proposal while one waits, and a third person', async () => {
    // Prepare
    const proposed = await propose(
      'chair',
      JUNE,
      'Đính chính: đại biểu là đồng chí Bí thư chi bộ khu vực 4.',
    );
    const before = await stored(JUNE);

    // Act
    const ownCountersign = await countersign('chair', JUNE, 2);
    const secondProposal = await propose('secretary', JUNE, 'Một đính chính khác.');
    const thirdPerson = await countersign('residence', JUNE, 2);
    const viewer = await countersign('viewer', JUNE, 2);

    // Assess
    expect(proposed.status).toBe(201);
    expect(proposed.json).toMatchObject({ state: 'pending', awaiting: 'secretary', addendum: { seq: 2 } });
    expect(ownCountersign.status).toBe(422);
    expect(ownCountersign.json.error?.rule).toBe('R16');
    expect(secondProposal.status).toBe(409);
    expect(secondProposal.json.error?.code).toBe('addendum_pending');
    expect(thirdPerson.status).toBe(403);
    expect(viewer.status).toBe(403);
    expect((await stored(JUNE)).version).toBe(before.version);
  });

  it('changes nothing when a proposal or a countersignature is retried', async () => {
    // Prepare
    const before = await stored(JUNE);

    // Act
    const proposalAgain = await propose(
      'chair',
      JUNE,
      'Đính chính: đại biểu là đồng chí Bí thư chi bộ khu vực 4.',
    );
    const afterProposalAgain = await stored(JUNE);
    const signed = await countersign('secretary', JUNE, 2);
    const afterSigning = await stored(JUNE);
    const signedAgain = await countersign('secretary', JUNE, 2);
    const signedAgainByChair = await countersign('chair', JUNE, 2);
    const unknown = await countersign('secretary', JUNE, 9);
    const after = await stored(JUNE);
    const final = await view(JUNE);

    // Assess
    expect(proposalAgain.status).toBe(201);
    expect(proposalAgain.json.addendum.seq).toBe(2);
    expect(afterProposalAgain.version).toBe(before.version);
    expect(signed.json.state).toBe('signed');
    expect(signedAgain.status).toBe(200);
    expect(signedAgain.json.addendum).toEqual(signed.json.addendum);
    expect(signedAgainByChair.json.addendum).toEqual(signed.json.addendum);
    expect(unknown.status).toBe(404);
    expect(after.version).toBe(afterSigning.version);
    expect(after.addenda).toHaveLength(2);
    expect(signed.json.addendum.hash).toBe(
      sha256(final.json.addenda[0]?.hash as string, {
        seq: 2,
        signatures: signed.json.addendum.signatures,
        text: 'Đính chính: đại biểu là đồng chí Bí thư chi bộ khu vực 4.',
      }),
    );
    expect(final.json.addendaVerify).toBe(true);
  });

  it('keeps an addendum stored with one signer before valid, printed, and unchanged when new addenda follow', async () => {
    // Prepare: an addendum as stored before R16's two signatures: one signer, chained over { seq, signedBy, text }
    const signedBy = { staffId: 'res-1', name: 'Phạm Văn Cư', signedAt: '2026-10-25T02:00:00.000Z' };
    const legacy = {
      seq: 1,
      text: 'Đính chính cũ: buổi họp kết thúc lúc 10 giờ.',
      signedBy,
      hash: sha256(seals[OCTOBER] as string, {
        seq: 1,
        signedBy,
        text: 'Đính chính cũ: buổi họp kết thúc lúc 10 giờ.',
      }),
    };
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.minutes(OCTOBER),
        UpdateExpression: 'SET addenda = :addenda',
        ExpressionAttributeValues: { ':addenda': [legacy] },
      }),
    );

    // Act
    const legacyView = await view(OCTOBER);
    const legacyPdf = await printed(OCTOBER);
    const proposed = await propose('secretary', OCTOBER, 'Đính chính mới: có 3 đảng viên vắng.');
    const signed = await countersign('chair', OCTOBER, 2);
    const refusedOnLegacy = await countersign('chair', OCTOBER, 1);
    const after = await stored(OCTOBER);
    const afterView = await view(OCTOBER);

    // Assess
    expect(legacyView.status).toBe(200);
    expect(legacyView.json.addenda[0]).toMatchObject({ seq: 1, signedBy, hash: legacy.hash });
    expect(legacyView.json.addendaVerify).toBe(true);
    expect(legacyPdf).toContain('Phụ lục 1 — ký: Phạm Văn Cư');
    expect(proposed.json.addendum.seq).toBe(2);
    expect(signed.json.addendum.hash).toBe(
      sha256(legacy.hash, {
        seq: 2,
        signatures: signed.json.addendum.signatures,
        text: 'Đính chính mới: có 3 đảng viên vắng.',
      }),
    );
    expect(refusedOnLegacy.status).toBe(409);
    expect(refusedOnLegacy.json.error?.code).toBe('addendum_signed');
    expect(after.addenda[0]).toEqual(legacy);
    expect(afterView.json.addendaVerify).toBe(true);
    expect(afterView.json.seal?.verifies).toBe(true);
  });
});
