import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as committeeMembers } from '../../functions/http/committees-members.js';
import { createHandler as createIntroduction } from '../../functions/http/introductions-create.js';
import { createHandler as endIntroduction } from '../../functions/http/introductions-end.js';
import { createHandler as receiveIntroduction } from '../../functions/http/introductions-receive.js';
import { createHandler as exemptions } from '../../functions/http/members-exemptions.js';
import { createHandler as travelNotices } from '../../functions/http/members-travel-notices.js';
import type { Introduction } from '../../shared/domain/introduction.js';
import type { Member } from '../../shared/domain/member.js';
import type { Principal } from '../../shared/domain/roles.js';
import type { Exemption, TravelNotice } from '../../shared/domain/travel-and-exemption.js';
import type { CommitteeMemberRow } from '../../shared/services/committee-members.js';
import type { ChangeOutcome } from '../../shared/services/introductions.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { call, type ErrorJson, testClock, testDeps } from '../support/http.js';
import { AS, introduceBody, ORG, seedWorld } from '../support/world.js';

type Created = { introduction: Introduction; member: Member } & ErrorJson;

describe('HTTP: introductions, receipt, end, travel notices and exemptions', () => {
  let table: TestTable;
  let deps: ReturnType<typeof testDeps>;
  const clock = testClock('2026-03-02T03:00:00Z'); // 10:00 in Vietnam
  const handlers = {
    create: createIntroduction(() => deps),
    receive: receiveIntroduction(() => deps),
    end: endIntroduction(() => deps),
    travel: travelNotices(() => deps),
    exemption: exemptions(() => deps),
    list: committeeMembers(() => deps),
  };

  const introduce = (body: unknown, as: Principal = AS.workplace, headers?: Record<string, string>) =>
    call<Created>(handlers.create, {
      method: 'POST',
      route: '/introductions',
      body,
      principal: as,
      ...(headers ? { headers } : {}),
    });
  const receive = (id: string, body: unknown, as: Principal = AS.residence) =>
    call<ChangeOutcome & ErrorJson>(handlers.receive, {
      method: 'POST',
      route: '/introductions/{id}/receive',
      pathParameters: { id },
      body,
      principal: as,
    });
  const end = (id: string, body: unknown, as: Principal = AS.workplace) =>
    call<ChangeOutcome & ErrorJson>(handlers.end, {
      method: 'POST',
      route: '/introductions/{id}/end',
      pathParameters: { id },
      body,
      principal: as,
    });
  const outboxEvent = (id: string) => deps.repos.outbox.get(id);

  beforeAll(async () => {
    table = await createTestTable();
    deps = testDeps(table, { clock });
    await seedWorld(deps.repos);
  });
  afterAll(async () => {
    await table.drop();
  });

  describe('Function: POST /introductions', () => {
    it('creates the member and the introduction, numbers the letter, and writes IntroductionIssued', async () => {
      // Prepare
      const body = introduceBody({ followerName: 'Lê Văn Tâm' });

      // Act
      const res = await introduce(body);

      // Assess
      expect(res.status).toBe(201);
      const { introduction, member } = res.json;
      expect(introduction).toMatchObject({
        status: 'issued',
        workplaceOrgId: ORG.workplace,
        residenceOrgId: ORG.residence,
        issuedOn: '2026-03-02',
        issuedBy: AS.workplace.sub,
        contactPath: 'standard',
        followerName: 'Lê Văn Tâm',
      });
      expect(introduction.letterNumber).toMatch(/^\d+-GGT$/);
      expect(member.fullName).toBe('Nguyễn Thị Hồng Nhung');
      expect(member.workplaceOrgId).toBe(ORG.workplace);
      expect(await deps.repos.members.byPartyCard(body.member.partyCardNumber)).toMatchObject({
        id: member.id,
      });
      const event = await outboxEvent(`IntroductionIssued:${introduction.id}`);
      expect(event?.event).toMatchObject({
        type: 'IntroductionIssued',
        orgIds: [ORG.workplace, ORG.residence],
        data: { introductionId: introduction.id, memberId: member.id },
      });
      // Events carry ids only: no name leaks into the outbox.
      expect(JSON.stringify(event)).not.toContain('Nhung');
    });

    it('numbers letters one after another for the workplace and year', async () => {
      const a = await introduce(introduceBody());
      const b = await introduce(introduceBody());
      const n = (r: typeof a) => Number(r.json.introduction.letterNumber.split('-')[0]);
      expect(n(b)).toBe(n(a) + 1);
    });

    it('keeps a letter number the workplace gives', async () => {
      const res = await introduce(introduceBody({ letterNumber: '125-GGT/ĐU' }));
      expect(res.status).toBe(201);
      expect(res.json.introduction.letterNumber).toBe('125-GGT/ĐU');
    });

    it.each([
      ['no member', { residenceOrgId: ORG.residence }, ['member']],
      [
        'a bad party card',
        introduceBody({ member: { partyCardNumber: '12ab' } }),
        ['member', 'partyCardNumber'],
      ],
      ['an empty name', introduceBody({ member: { fullName: '   ' } }), ['member', 'fullName']],
      [
        'a date not in YYYY-MM-DD',
        introduceBody({ member: { dateOfBirth: '12/03/1985' } }),
        ['member', 'dateOfBirth'],
      ],
      ['an unknown sex', introduceBody({ member: { sex: 'x' as 'male' } }), ['member', 'sex']],
      [
        'a temporary registration without its end',
        introduceBody({
          member: { residence: { kind: 'temporary', address: 'Hẻm 5', registeredFrom: '2025-01-01' } },
        }),
        ['member', 'residence', 'registeredUntil'],
      ],
      ['a bad residence id', introduceBody({ residenceOrgId: 'phường an hòa' }), ['residenceOrgId']],
      ['a bad phone', introduceBody({ member: { phone: '12345' } }), ['member', 'phone']],
    ])('answers 400 with the zod issues for %s', async (_, body, path) => {
      const res = await introduce(body);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('validation_failed');
      expect(res.json.error.issues?.map((i) => i.path)).toContainEqual(path);
    });

    it('answers 400 for a body that is not JSON, and for a date in the future', async () => {
      const broken = await call(handlers.create, {
        method: 'POST',
        route: '/introductions',
        body: '{"member":',
        principal: AS.workplace,
      });
      expect(broken.status).toBe(400);
      const future = await introduce(introduceBody({ issuedOn: '2026-03-03' }));
      expect(future.status).toBe(400);
      expect(future.json.error.issues?.[0]?.path).toEqual(['issuedOn']);
    });

    it('answers 401 without a token and with a token signed by another key', async () => {
      const none = await call(handlers.create, {
        method: 'POST',
        route: '/introductions',
        body: introduceBody(),
      });
      const forged = await call(handlers.create, {
        method: 'POST',
        route: '/introductions',
        body: introduceBody(),
        token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
      });
      expect(none.status).toBe(401);
      expect(forged.status).toBe(401);
      expect(none.json.error.code).toBe('unauthorized');
    });

    it('answers 404 for an unknown residence committee', async () => {
      const res = await introduce(introduceBody({ residenceOrgId: 'phuong-khong-co' }));
      expect(res.status).toBe(404);
    });

    it('refuses R2: a temporary registration shorter than one year is not a place of residence (422)', async () => {
      // Prepare
      const body = introduceBody({
        member: {
          residence: {
            kind: 'temporary',
            address: 'Phòng trọ 4, hẻm 51',
            registeredFrom: '2026-01-01',
            registeredUntil: '2026-06-30',
          },
        },
      });

      // Act
      const res = await introduce(body);

      // Assess
      expect(res.status).toBe(422);
      expect(res.json.error).toMatchObject({ code: 'rule_violation', rule: 'R2' });
      expect(await deps.repos.members.byPartyCard(body.member.partyCardNumber)).toBeUndefined();
    });

    it('accepts R2: a temporary registration of exactly one year', async () => {
      const res = await introduce(
        introduceBody({
          member: {
            residence: {
              kind: 'temporary',
              address: 'Phòng trọ 4, hẻm 51',
              registeredFrom: '2026-01-01',
              registeredUntil: '2027-01-01',
            },
          },
        }),
      );
      expect(res.status).toBe(201);
    });

    it('refuses R1: a member is introduced to a ward committee, not to a workplace (422)', async () => {
      const res = await introduce(introduceBody({ residenceOrgId: ORG.otherWorkplace }));
      expect(res.status).toBe(422);
      expect(res.json.error.rule).toBe('R1');
    });

    it("R6: a student is introduced by the school's committee, not by a workplace", async () => {
      const student = { category: 'student' as const, fullName: 'Huỳnh Ngọc Ánh', dateOfBirth: '2004-09-01' };
      const byWorkplace = await introduce(introduceBody({ member: student }));
      expect(byWorkplace.status).toBe(422);
      expect(byWorkplace.json.error.rule).toBe('R6');
      const bySchool = await introduce(introduceBody({ member: student }), AS.school);
      expect(bySchool.status).toBe(201);
      expect(bySchool.json.member.workplaceOrgId).toBe(ORG.school);
    });

    it('R3: a travelling member is introduced with the travel notice in the same request', async () => {
      // Prepare
      const body = introduceBody({
        member: { category: 'travelling', fullName: 'Đặng Quốc Việt' },
        travelNotice: { reason: 'Công trình thủy điện ở Lào Cai', from: '2026-03-01', until: '2026-12-31' },
      });

      // Act
      const res = await introduce(body);

      // Assess
      expect(res.status).toBe(201);
      const notices = await deps.repos.members.travelNotices(res.json.member.id);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ reason: 'Công trình thủy điện ở Lào Cai', until: '2026-12-31' });
    });

    it('R3: refuses a travel notice whose period ends before it starts (422), writing nothing', async () => {
      const body = introduceBody({
        member: { category: 'travelling' },
        travelNotice: { reason: 'Đi biển', from: '2026-05-01', until: '2026-04-01' },
      });
      const res = await introduce(body);
      expect(res.status).toBe(422);
      expect(res.json.error.rule).toBe('R3');
      expect(await deps.repos.members.byPartyCard(body.member.partyCardNumber)).toBeUndefined();
    });

    it('R20: an armed-forces member is introduced on the direct contact path', async () => {
      const res = await introduce(
        introduceBody({ member: { category: 'armed_forces', fullName: 'Trương Công Định', sex: 'male' } }),
        AS.army,
      );
      expect(res.status).toBe(201);
      expect(res.json.introduction.contactPath).toBe('direct');
    });

    it('answers a replay of the same request with the same introduction (200), creating nothing new', async () => {
      // Prepare
      const body = introduceBody({ member: { fullName: 'Bùi Thanh Sơn', sex: 'male' } });
      const first = await introduce(body);

      // Act
      const again = await introduce(body);

      // Assess
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.json.introduction.id).toBe(first.json.introduction.id);
      expect(again.json.introduction.letterNumber).toBe(first.json.introduction.letterNumber);
      expect(await deps.repos.introductions.ofMember(first.json.member.id)).toHaveLength(1);
    });

    it('creates one introduction when the same request arrives five times at once', async () => {
      // Prepare
      const body = introduceBody({ member: { fullName: 'Hồ Thị Mỹ Duyên' } });

      // Act
      const answers = await Promise.all(Array.from({ length: 5 }, () => introduce(body)));

      // Assess
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.json.introduction.id)).size).toBe(1);
      const member = await deps.repos.members.byPartyCard(body.member.partyCardNumber);
      expect(await deps.repos.introductions.ofMember(member?.id ?? '')).toHaveLength(1);
    });

    it('refuses a second introduction to another residence while one is in force (409)', async () => {
      const body = introduceBody();
      await introduce(body);
      const elsewhere = await introduce({ ...body, residenceOrgId: ORG.otherResidence });
      expect(elsewhere.status).toBe(409);
      expect(elsewhere.json.error.code).toBe('active_introduction');
      const byOther = await introduce(body, AS.otherWorkplace);
      expect(byOther.status).toBe(409);
    });

    it('replays an Idempotency-Key with the stored answer, and refuses the key for another body', async () => {
      // Prepare
      const body = introduceBody();
      const key = { 'Idempotency-Key': `intro-${body.member.partyCardNumber}` };

      // Act
      const first = await introduce(body, AS.workplace, key);
      const replay = await introduce(body, AS.workplace, key);
      const misuse = await introduce(introduceBody(), AS.workplace, key);

      // Assess
      expect(first.status).toBe(201);
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json).toEqual(first.json);
      expect(misuse.status).toBe(409);
      expect(misuse.json.error.code).toBe('idempotency_key_reused');
    });

    it('releases an Idempotency-Key when the request failed, so a corrected retry runs', async () => {
      const key = { 'Idempotency-Key': 'retry-after-404' };
      const body = introduceBody({ residenceOrgId: 'phuong-chua-co' });
      expect((await introduce(body, AS.workplace, key)).status).toBe(404);
      await deps.repos.committees.put({
        id: 'phuong-chua-co',
        kind: 'residence',
        name: 'Đảng ủy phường Mới',
      });
      expect((await introduce(body, AS.workplace, key)).status).toBe(201);
    });

    it('R7: after the contact ended, another workplace introduces the member again (a transfer)', async () => {
      // Prepare
      const body = introduceBody({ member: { fullName: 'Lâm Văn Phúc', sex: 'male' } });
      const first = await introduce(body);
      await end(first.json.introduction.id, { reason: 'transfer' });

      // Act
      const second = await introduce(body, AS.otherWorkplace);

      // Assess
      expect(second.status).toBe(201);
      expect(second.json.member.id).toBe(first.json.member.id);
      expect((await deps.repos.members.get(first.json.member.id))?.workplaceOrgId).toBe(ORG.otherWorkplace);
      const history = await deps.repos.introductions.ofMember(first.json.member.id);
      expect(history.map((i) => i.status).sort()).toEqual(['ended', 'issued']);
    });
  });

  describe('Function: POST /introductions/{id}/receive', () => {
    it('records page 2 with the receiving officer and assigns the hamlet (R5), writing IntroductionReceived', async () => {
      // Prepare
      const { json } = await introduce(introduceBody());

      // Act
      const res = await receive(json.introduction.id, { hamletId: ORG.hamlet1 });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.outcome).toBe('received');
      expect(res.json.introduction).toMatchObject({
        status: 'received',
        receipt: {
          receivedOn: '2026-03-02',
          receivedBy: AS.residence.sub,
          receivedByName: 'Trần Thị Thu',
          hamletId: ORG.hamlet1,
        },
        version: 2,
      });
      const event = await outboxEvent(`IntroductionReceived:${json.introduction.id}`);
      expect(event?.event.orgIds).toEqual([ORG.workplace, ORG.residence]);
      expect(event?.event.data).toMatchObject({ hamletId: ORG.hamlet1 });
    });

    it('takes the date and officer given, and the chair may receive too', async () => {
      const { json } = await introduce(introduceBody({ issuedOn: '2026-02-25' }));
      const res = await receive(
        json.introduction.id,
        { hamletId: ORG.hamlet2, receivedOn: '2026-03-01', receivedByName: 'Nguyễn Văn Bảy' },
        AS.chair,
      );
      expect(res.status).toBe(200);
      expect(res.json.introduction.receipt).toMatchObject({
        receivedOn: '2026-03-01',
        receivedByName: 'Nguyễn Văn Bảy',
      });
    });

    it('answers a replay unchanged, and moves the member to another hamlet without a second event', async () => {
      // Prepare
      const { json } = await introduce(introduceBody());
      const first = await receive(json.introduction.id, { hamletId: ORG.hamlet1 });

      // Act
      const replay = await receive(json.introduction.id, { hamletId: ORG.hamlet1 });
      const moved = await receive(json.introduction.id, { hamletId: ORG.hamlet2 });

      // Assess
      expect(replay.status).toBe(200);
      expect(replay.json.outcome).toBe('unchanged');
      expect(replay.json.introduction.version).toBe(first.json.introduction.version);
      expect(moved.json.outcome).toBe('reassigned');
      expect(moved.json.introduction.receipt).toMatchObject({
        hamletId: ORG.hamlet2,
        receivedOn: '2026-03-02',
      });
      const pending = (await deps.repos.outbox.pending(1000)).events;
      expect(pending.filter((e) => e.id === `IntroductionReceived:${json.introduction.id}`)).toHaveLength(1);
    });

    it('R5: refuses a hamlet of another ward, or a committee that is not a hamlet (422)', async () => {
      const { json } = await introduce(introduceBody());
      const other = await receive(json.introduction.id, { hamletId: ORG.otherHamlet });
      const notHamlet = await receive(json.introduction.id, { hamletId: ORG.workplace });
      const unknown = await receive(json.introduction.id, { hamletId: 'kv-99' });
      for (const res of [other, notHamlet, unknown]) {
        expect(res.status).toBe(422);
        expect(res.json.error.rule).toBe('R5');
      }
    });

    it('R5: refuses a receipt dated before the letter, or in the future (422)', async () => {
      const { json } = await introduce(introduceBody({ issuedOn: '2026-02-20' }));
      const before = await receive(json.introduction.id, { hamletId: ORG.hamlet1, receivedOn: '2026-02-19' });
      const future = await receive(json.introduction.id, { hamletId: ORG.hamlet1, receivedOn: '2026-03-05' });
      expect(before.status).toBe(422);
      expect(future.status).toBe(422);
    });

    it('answers 400 without a hamlet or with a bad date, and 404 for an unknown introduction', async () => {
      const { json } = await introduce(introduceBody());
      const noHamlet = await receive(json.introduction.id, {});
      const badDate = await receive(json.introduction.id, {
        hamletId: ORG.hamlet1,
        receivedOn: '2026-02-30',
      });
      const unknown = await receive('gt-khong-co', { hamletId: ORG.hamlet1 });
      expect(noHamlet.status).toBe(400);
      expect(noHamlet.json.error.issues?.[0]?.path).toEqual(['hamletId']);
      expect(badDate.status).toBe(400);
      expect(unknown.status).toBe(404);
    });

    it('R5: an ended introduction cannot be received (422)', async () => {
      const { json } = await introduce(introduceBody());
      await end(json.introduction.id, { reason: 'moved' });
      const res = await receive(json.introduction.id, { hamletId: ORG.hamlet1 });
      expect(res.status).toBe(422);
      expect(res.json.error.rule).toBe('R5');
    });
  });

  describe('Function: POST /introductions/{id}/end', () => {
    it('R7: ends the contact with the reason, keeps the history, and tells the residence side', async () => {
      // Prepare
      const body = introduceBody();
      const { json } = await introduce(body);
      await receive(json.introduction.id, { hamletId: ORG.hamlet1 });

      // Act
      const res = await end(json.introduction.id, { reason: 'deceased', note: 'Từ trần ngày 01/03/2026' });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.introduction).toMatchObject({
        status: 'ended',
        end: { reason: 'deceased', endedOn: '2026-03-02', endedBy: AS.workplace.sub },
        receipt: { hamletId: ORG.hamlet1 },
      });
      const event = await outboxEvent(`IntroductionEnded:${json.introduction.id}`);
      expect(event?.event).toMatchObject({
        type: 'IntroductionEnded',
        orgIds: [ORG.workplace, ORG.residence],
      });
      expect(JSON.stringify(event?.event)).not.toContain('Từ trần');
      expect(await deps.repos.introductions.get(json.introduction.id)).toMatchObject({ status: 'ended' });
      // The member may now be introduced again (the guard is gone).
      expect((await introduce(body)).status).toBe(201);
    });

    it('answers a replay with the same reason unchanged, and another reason with 422 R7', async () => {
      const { json } = await introduce(introduceBody());
      await end(json.introduction.id, { reason: 'moved' });
      const replay = await end(json.introduction.id, { reason: 'moved' });
      const other = await end(json.introduction.id, { reason: 'left_party' });
      expect(replay.status).toBe(200);
      expect(replay.json.outcome).toBe('unchanged');
      expect(other.status).toBe(422);
      expect(other.json.error.rule).toBe('R7');
    });

    it('answers 400 for an unknown reason, for "other" without a note, and for an end before the letter', async () => {
      const { json } = await introduce(introduceBody({ issuedOn: '2026-02-01' }));
      const unknown = await end(json.introduction.id, { reason: 'retired' });
      const otherNoNote = await end(json.introduction.id, { reason: 'other' });
      const early = await end(json.introduction.id, { reason: 'moved', endedOn: '2026-01-15' });
      expect(unknown.status).toBe(400);
      expect(otherNoNote.status).toBe(400);
      expect(otherNoNote.json.error.issues?.[0]?.path).toEqual(['note']);
      expect(early.status).toBe(422);
      expect(early.json.error.rule).toBe('R7');
    });
  });

  describe('Function: POST /members/{id}/travel-notices and /exemptions', () => {
    const travel = (memberId: string, body: unknown, as: Principal = AS.workplace) =>
      call<{ travelNotice: TravelNotice } & ErrorJson>(handlers.travel, {
        method: 'POST',
        route: '/members/{id}/travel-notices',
        pathParameters: { id: memberId },
        body,
        principal: as,
      });
    const exempt = (memberId: string, body: unknown, as: Principal = AS.workplace) =>
      call<{ exemption: Exemption } & ErrorJson>(handlers.exemption, {
        method: 'POST',
        route: '/members/{id}/exemptions',
        pathParameters: { id: memberId },
        body,
        principal: as,
      });

    it('R3: records a travel notice once (201), and a replay finds it (200)', async () => {
      // Prepare
      const { json } = await introduce(introduceBody());
      const notice = { reason: 'Công tác biển đảo Trường Sa', from: '2026-04-01', until: '2026-09-30' };

      // Act
      const first = await travel(json.member.id, notice);
      const again = await travel(json.member.id, notice);

      // Assess
      expect(first.status).toBe(201);
      expect(first.json.travelNotice).toMatchObject({ ...notice, recordedBy: AS.workplace.sub });
      expect(again.status).toBe(200);
      expect(again.json.travelNotice.id).toBe(first.json.travelNotice.id);
      expect(await deps.repos.members.travelNotices(json.member.id)).toHaveLength(1);
    });

    it('R3: refuses a period that ends before it starts (422) and a missing reason (400); 404 for nobody', async () => {
      const { json } = await introduce(introduceBody());
      const backwards = await travel(json.member.id, {
        reason: 'Đi xa',
        from: '2026-05-01',
        until: '2026-04-01',
      });
      const noReason = await travel(json.member.id, { from: '2026-05-01', until: '2026-06-01' });
      const nobody = await travel('m-khong-co', { reason: 'Đi xa', from: '2026-05-01', until: '2026-06-01' });
      expect(backwards.status).toBe(422);
      expect(backwards.json.error.rule).toBe('R3');
      expect(noReason.status).toBe(400);
      expect(nobody.status).toBe(404);
    });

    it('R4: the workplace confirms an exemption once; a replay finds it', async () => {
      const { json } = await introduce(introduceBody());
      const exemption = { reason: 'Điều trị bệnh dài ngày', from: '2026-03-01', until: '2026-08-31' };
      const first = await exempt(json.member.id, exemption);
      const again = await exempt(json.member.id, exemption);
      expect(first.status).toBe(201);
      expect(first.json.exemption).toMatchObject({ ...exemption, confirmedBy: AS.workplace.sub });
      expect(again.status).toBe(200);
      expect(await deps.repos.members.exemptions(json.member.id)).toHaveLength(1);
    });

    it('R4: only the workplace confirms (403 for the residence committee); a backwards period is 400', async () => {
      const { json } = await introduce(introduceBody());
      await receive(json.introduction.id, { hamletId: ORG.hamlet1 });
      const byResidence = await exempt(json.member.id, { reason: 'Ốm', from: '2026-03-01' }, AS.residence);
      const backwards = await exempt(json.member.id, {
        reason: 'Ốm',
        from: '2026-03-01',
        until: '2026-02-01',
      });
      expect(byResidence.status).toBe(403);
      expect(byResidence.json.error.message).toContain('cấp ủy nơi công tác xác nhận');
      expect(backwards.status).toBe(400);
      expect(backwards.json.error.issues?.[0]?.path).toEqual(['until']);
    });
  });

  describe('Function: GET /committees/{id}/members', () => {
    const list = (committeeId: string, query: Record<string, string>, as: Principal) =>
      call<{ items: CommitteeMemberRow[]; cursor?: string } & ErrorJson>(handlers.list, {
        method: 'GET',
        route: '/committees/{id}/members',
        pathParameters: { id: committeeId },
        query,
        principal: as,
      });

    it('pages the members of a hamlet in Vietnamese order, and lists pending and ended ones by status', async () => {
      // Prepare: a ward of its own, so other tests' members do not mix in
      await deps.repos.committees.put({
        id: 'phuong-cai-khe',
        kind: 'residence',
        name: 'Đảng ủy phường Cái Khế',
      });
      await deps.repos.committees.put({
        id: 'ck-1',
        kind: 'hamlet_cell',
        name: 'Khu vực 1',
        parentId: 'phuong-cai-khe',
      });
      const staff = { sub: 'staff-ck', orgId: 'phuong-cai-khe', role: 'secretary' } as const;
      const names = [
        'Trần Văn Ương',
        'Lê Thị Ánh',
        'Nguyễn Văn An',
        'Phạm Đức Đạt',
        'Võ Thị Ân',
        'Đỗ Văn Dũng',
      ];
      const ids: string[] = [];
      for (const fullName of names) {
        const { json } = await introduce(
          introduceBody({ residenceOrgId: 'phuong-cai-khe', member: { fullName } }),
        );
        ids.push(json.introduction.id);
      }
      for (const id of ids.slice(0, 5)) {
        await receive(id, { hamletId: 'ck-1', receivedByName: 'Lý Thị Cúc' }, staff);
      }
      await end(ids[4] ?? '', { reason: 'moved' });

      // Act
      const page1 = await list('phuong-cai-khe', { hamlet: 'ck-1', limit: '2' }, staff);
      const page2 = await list(
        'phuong-cai-khe',
        { hamlet: 'ck-1', limit: '2', cursor: page1.json.cursor ?? '' },
        staff,
      );
      const pending = await list('phuong-cai-khe', { status: 'pending' }, staff);
      const ended = await list('phuong-cai-khe', { status: 'ended' }, staff);

      // Assess
      expect(page1.status).toBe(200);
      const active = [...page1.json.items, ...page2.json.items].map((m) => m.fullName);
      // An < Ánh (tone breaks the tie) < Đạt < Ương: given name first, in the Vietnamese alphabet.
      expect(active).toEqual(['Nguyễn Văn An', 'Lê Thị Ánh', 'Phạm Đức Đạt', 'Trần Văn Ương']);
      expect(page1.json.items[0]).toMatchObject({
        status: 'active',
        hamletId: 'ck-1',
        receivedOn: '2026-03-02',
      });
      expect(pending.json.items.map((m) => m.fullName)).toEqual(['Đỗ Văn Dũng']);
      expect(ended.json.items.map((m) => m.fullName)).toEqual(['Võ Thị Ân']);
      expect(ended.json.items[0]?.endedOn).toBe('2026-03-02');
    });

    it('lets workplace staff list the members their committee introduced', async () => {
      const res = await list(ORG.army, { status: 'pending' }, AS.army);
      expect(res.status).toBe(200);
      expect(res.json.items.map((m) => m.fullName)).toContain('Trương Công Định');
    });

    it('answers 400 for a bad status, limit or cursor, and 404 for an unknown committee', async () => {
      expect((await list(ORG.residence, { status: 'all' }, AS.residence)).status).toBe(400);
      expect((await list(ORG.residence, { limit: '0' }, AS.residence)).status).toBe(400);
      expect((await list(ORG.residence, { limit: '500' }, AS.residence)).status).toBe(400);
      const cursor = await list(ORG.residence, { cursor: 'not-a-cursor' }, AS.residence);
      expect(cursor.status).toBe(400);
      expect(cursor.json.error.issues?.[0]?.path).toEqual(['cursor']);
      // A cursor of another listing (the pending one) cannot page this one.
      const pending = await list(ORG.residence, { status: 'pending', limit: '1' }, AS.residence);
      const misused = await list(
        ORG.residence,
        { status: 'active', cursor: pending.json.cursor ?? '' },
        AS.residence,
      );
      expect(pending.json.cursor).toBeDefined();
      expect(misused.status).toBe(400);
      expect((await list('khong-co', {}, AS.residence)).status).toBe(404);
    });
  });
});
