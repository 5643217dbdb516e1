import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as getEvaluationHandler } from '../../functions/http/get-evaluation.js';
import { createHandler as listHandler } from '../../functions/http/list-evaluations.js';
import { createHandler as requestHandler } from '../../functions/http/record-comment-request.js';
import { createHandler as consultationHandler } from '../../functions/http/record-consultation.js';
import { createHandler as frontHandler } from '../../functions/http/record-front-consultation.js';
import { createHandler as draftHandler } from '../../functions/http/save-evaluation-draft.js';
import { createHandler as signHandler } from '../../functions/http/sign-evaluation-for-cell.js';
import { createHandler as submitHandler } from '../../functions/http/submit-evaluation.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import type { Introduction } from '../../shared/domain/introduction.js';
import type { Principal } from '../../shared/domain/roles.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { type ApiRequest, call, type TestApp, testApp } from '../support/http.js';
import {
  aCommittee,
  hd02Form,
  type MeetingCode,
  seedCommittees,
  seedInvitation,
  seedMeeting,
  seedMember,
} from '../support/year-end-seed.js';

const A = 'phuong-an-hoa'; // hd02-2011
const X = 'phuong-xuan-khanh'; // qd213-2020
const YEAR = 2026;

const staffA: Principal = { sub: 'staff-a', orgId: A, role: 'residence_staff' };
const secretaryA: Principal = { sub: 'secretary-a', orgId: A, role: 'secretary' };
const chairA: Principal = { sub: 'chair-a', orgId: A, role: 'chair' };
const staffX: Principal = { sub: 'staff-x', orgId: X, role: 'residence_staff' };
const chairX: Principal = { sub: 'chair-x', orgId: X, role: 'chair' };
const workplaceStaff: Principal = { sub: 'staff-work', orgId: 'so-y-te', role: 'workplace_staff' };

const qd213Full = (proposal: 'commend' | 'none' | 'criticise' = 'none') => ({
  kind: 'qd213-full' as const,
  criteria: { c1: 1 as const, c2: 2 as const, c3: 1 as const, c4: 2 as const, c5: 1 as const },
  proposal,
  otherComments: 'Gương mẫu, nhiệt tình với công việc của khu vực.',
});
const qd213Short = (proposal: 'commend' | 'none' | 'criticise' = 'none') => ({
  kind: 'qd213-short' as const,
  criteria: { c1: 1 as const, c2: 1 as const },
  proposal,
  otherComments: '',
});
const consultation = {
  hamletHeadName: 'Trần Văn Ấp',
  hamletHeadOpinion: 'Chấp hành tốt nội quy khu trọ, tham gia dọn vệ sinh khu vực.',
  policeHeadName: 'Lê Văn Công An',
  policeHeadOpinion: 'Không vi phạm pháp luật, đăng ký tạm trú đầy đủ.',
  consultedOn: '2026-10-25',
};

describe('Year end: evaluations under both rule sets (R11, R17, R18)', () => {
  let table: TestTable;
  let app: TestApp;
  const intros = new Map<string, Introduction>();
  const route = (suffix = '') => `/committees/{id}/evaluations/{year}/{memberId}${suffix}`;
  const at = (orgId: string, memberId: string) => ({ id: orgId, year: String(YEAR), memberId });
  const outboxOf = async (type: DomainEvent['type']) =>
    (await app.repos.outbox.pending(500)).events.filter((e) => e.type === type);

  const handlers = {
    list: () => listHandler(() => app.deps),
    get: () => getEvaluationHandler(() => app.deps),
    draft: () => draftHandler(() => app.deps),
    consult: () => consultationHandler(() => app.deps),
    submit: () => submitHandler(() => app.deps),
    front: () => frontHandler(() => app.deps),
    sign: () => signHandler(() => app.deps),
    request: () => requestHandler(() => app.deps),
  };
  const draft = (principal: Principal, orgId: string, memberId: string, body: unknown) =>
    call(handlers.draft(), {
      method: 'PUT',
      route: route(),
      pathParameters: at(orgId, memberId),
      principal,
      body,
    });
  const submit = (principal: Principal, orgId: string, memberId: string, body: unknown = {}) =>
    call(handlers.submit(), {
      method: 'POST',
      route: route('/submit'),
      pathParameters: at(orgId, memberId),
      principal,
      body,
    });
  const view = (principal: Principal, orgId: string, memberId: string) =>
    call(handlers.get(), { method: 'GET', route: route(), pathParameters: at(orgId, memberId), principal });
  const list = (principal: Principal, orgId: string, query: Record<string, string>) =>
    call(handlers.list(), {
      method: 'GET',
      route: '/committees/{id}/evaluations/{year}',
      pathParameters: { id: orgId, year: String(YEAR) },
      query,
      principal,
    } satisfies ApiRequest);

  beforeAll(async () => {
    table = await createTestTable();
    // 30 October 2026, 10:00 in Vietnam: both meetings are over.
    app = testApp(table, '2026-10-30T03:00:00Z');
    await seedCommittees(app.repos, [
      aCommittee({ id: 'quan-ninh-kieu', kind: 'board', name: 'Quận ủy Ninh Kiều' }),
      aCommittee({ id: A, kind: 'residence', name: 'Đảng ủy phường An Hòa', parentId: 'quan-ninh-kieu' }),
      aCommittee({
        id: X,
        kind: 'residence',
        name: 'Đảng ủy phường Xuân Khánh',
        parentId: 'quan-ninh-kieu',
        ruleSet: 'qd213-2020',
      }),
      aCommittee({ id: 'so-y-te', kind: 'workplace', name: 'Đảng ủy Sở Y tế' }),
      aCommittee({ id: 'truong-dhct', kind: 'school', name: 'Đảng ủy Trường Đại học Cần Thơ' }),
      aCommittee({ id: 'bo-chqs', kind: 'armed_forces_unit', name: 'Đảng ủy Bộ Chỉ huy Quân sự' }),
    ]);
    const june = { a: { id: '', date: '2026-06-20' }, x: { id: '', date: '2026-06-21' } };
    const october = { a: { id: '', date: '2026-10-17' }, x: { id: '', date: '2026-10-18' } };
    june.a.id = await seedMeeting(app.repos, A, YEAR, 'june', june.a.date);
    october.a.id = await seedMeeting(app.repos, A, YEAR, 'october', october.a.date);
    june.x.id = await seedMeeting(app.repos, X, YEAR, 'june', june.x.date);
    october.x.id = await seedMeeting(app.repos, X, YEAR, 'october', october.x.date);
    const people: [
      string,
      string,
      'regular' | 'student' | 'armed_forces',
      string,
      string,
      MeetingCode,
      MeetingCode,
    ][] = [
      ['a-regular', 'Nguyễn Văn Bình', 'regular', 'so-y-te', A, 'P', 'P'],
      ['a-student', 'Phạm Thị Ánh', 'student', 'truong-dhct', A, 'P', 'N'],
      ['a-r11', 'Võ Văn Hùng', 'regular', 'so-y-te', A, 'N', 'R'],
      ['a-r11b', 'Đặng Thị Lan', 'regular', 'so-y-te', A, 'U', 'N'],
      ['x-regular', 'Huỳnh Văn Đạt', 'regular', 'so-y-te', X, 'P', 'C'],
      ['x-armed', 'Bùi Văn Sơn', 'armed_forces', 'bo-chqs', X, 'P', 'P'],
      ['x-exempt', 'Lê Thị Thảo', 'regular', 'so-y-te', X, 'C', 'C'],
      ['x-student', 'Trần Thị Yến', 'student', 'truong-dhct', X, 'P', 'P'],
    ];
    for (const [id, name, category, workplaceOrgId, residenceOrgId, j, o] of people) {
      const intro = await seedMember(app.repos, {
        id,
        name,
        category,
        workplaceOrgId,
        residenceOrgId,
        status: 'received',
        hamletId: residenceOrgId === A ? 'kv-1' : 'kv-a',
      });
      intros.set(id, intro);
      const m = residenceOrgId === A ? 'a' : 'x';
      await seedInvitation(app.repos, j, june[m], intro, name);
      await seedInvitation(app.repos, o, october[m], intro, name);
    }
    await app.repos.members.addExemption({
      id: 'ex-1',
      memberId: 'x-exempt',
      reason: 'Đi học lớp cao cấp lý luận chính trị 12 tháng',
      from: '2026-03-01',
      until: '2027-02-28',
      category: 'long_course',
      confirmedBy: 'staff-work',
      confirmedAt: '2026-02-20T02:00:00Z',
    });
    // 33-HD/BTCTW: an armed-forces member is exempt when the workplace records the case (living in barracks);
    // x-student, with no exemption, is commented on every year like any member.
    await app.repos.members.addExemption({
      id: 'ex-2',
      memberId: 'x-armed',
      reason: 'Ở tập trung tại doanh trại',
      from: '2026-01-01',
      category: 'armed_forces_barracks',
      confirmedBy: 'staff-bo-chqs',
      confirmedAt: '2026-01-05T02:00:00Z',
    });
  });

  afterAll(async () => {
    await table.drop();
  });

  describe('Rule set hd02-2011: the 4-duties form', () => {
    it('offers the 4 duties with marks and the proposal, and saves a draft (residence staff)', async () => {
      // Act
      const before = await view(staffA, A, 'a-regular');
      const saved = await draft(staffA, A, 'a-regular', { form: hd02Form('commend') });

      // Assess
      expect(before.status).toBe(200);
      expect(before.json).toMatchObject({ ruleSet: 'hd02-2011', formKind: 'hd02-4duties', state: 'missing' });
      const questionnaire = before.json.questionnaire as { questions: { key: string }[] };
      expect(questionnaire.questions).toHaveLength(9);
      expect(saved.status).toBe(200);
      expect(saved.json).toMatchObject({ state: 'draft', version: 1, proposal: 'commend' });
      const stored = await app.repos.evaluations.get(A, YEAR, 'a-regular');
      expect(stored?.form).toEqual(hd02Form('commend'));
      expect(stored?.updatedBy).toBe('staff-a');
    });

    it('refuses the other rule set’s form (R17), a bad body (400) and a stale version (409)', async () => {
      const wrong = await draft(staffA, A, 'a-regular', { form: qd213Full() });
      const bad = await draft(staffA, A, 'a-regular', { form: { kind: 'hd02-4duties', proposal: 'none' } });
      const stale = await draft(secretaryA, A, 'a-regular', { form: hd02Form('none'), version: 0 });
      expect(wrong.status).toBe(422);
      expect(wrong.json.error).toMatchObject({ rule: 'R17' });
      expect(bad.status).toBe(400);
      expect(stale.status).toBe(409);
      expect(stale.json.error?.code).toBe('stale_version');
    });

    it('saving the same content again stores no new version', async () => {
      const again = await draft(staffA, A, 'a-regular', { form: hd02Form('commend'), version: 1 });
      expect(again.json).toMatchObject({ version: 1 });
      expect((await app.repos.evaluations.get(A, YEAR, 'a-regular'))?.version).toBe(1);
    });

    it('lets only the chair submit, then sends it to the workplace and into the contact book; a replay changes nothing', async () => {
      // Act
      const bySecretary = await submit(secretaryA, A, 'a-regular');
      const byChair = await submit(chairA, A, 'a-regular');
      const replay = await submit(chairA, A, 'a-regular');
      const editAfter = await draft(staffA, A, 'a-regular', { form: hd02Form('none') });

      // Assess
      expect(bySecretary.status).toBe(403);
      expect(byChair.status).toBe(200);
      expect(byChair.json).toMatchObject({ state: 'submitted', version: 2 });
      expect(replay.json).toMatchObject({ state: 'submitted', version: 2 });
      expect(editAfter.status).toBe(409);
      expect(editAfter.json.error?.code).toBe('evaluation_submitted');
      const recorded = await outboxOf('EvaluationRecorded');
      expect(recorded.map((e) => e.id)).toEqual([`EvaluationRecorded:${A}:${YEAR}:a-regular`]);
      expect(recorded[0]?.orgIds).toEqual(['so-y-te', A]);
      expect(recorded[0]?.data).toEqual({
        memberId: 'a-regular',
        year: YEAR,
        residenceOrgId: A,
        workplaceOrgId: 'so-y-te',
      });
      const contactBook = await app.repos.evaluations.ofMember('a-regular');
      expect(contactBook.map((e) => [e.year, e.status, e.submittedBy])).toEqual([
        [YEAR, 'submitted', 'chair-a'],
      ]);
    });

    it('lets the former ward read the evaluation of a member whose contact ended during the year (R7, R17)', async () => {
      // Prepare: the workplace ends the contact (R7) after the evaluation was submitted.
      const intro = (await app.repos.introductions.ofMember('a-regular')).find(
        (i) => i.status === 'received',
      );
      if (!intro) throw new Error('seed: a-regular has no received introduction');
      await app.repos.introductions.save(
        {
          ...intro,
          status: 'ended',
          end: { endedOn: '2026-10-29', reason: 'moved', endedBy: 'staff-work' },
          version: intro.version + 1,
        },
        'Nguyễn Văn Bình',
        intro.version,
      );

      // Act
      const read = await view(staffA, A, 'a-regular');
      const otherWard = await view(staffX, X, 'a-regular');

      // Assess
      expect(read.status).toBe(200);
      expect(read.json).toMatchObject({ memberId: 'a-regular', state: 'submitted', version: 2 });
      expect(otherWard.status).toBe(404);
    });

    it('keeps other committees, the workplace and members out (403)', async () => {
      const results = await Promise.all([
        draft(staffX, A, 'a-student', { form: hd02Form('none') }),
        draft(workplaceStaff, A, 'a-student', { form: hd02Form('none') }),
        draft({ sub: 'a-student', orgId: A, role: 'member' }, A, 'a-student', { form: hd02Form('none') }),
        draft({ sub: 'v', orgId: A, role: 'viewer' }, A, 'a-student', { form: hd02Form('none') }),
        submit(chairX, A, 'a-student'),
        list(workplaceStaff, A, {}),
      ]);
      expect(results.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
      const unknown = await draft(staffA, A, 'x-regular', { form: hd02Form('none') });
      expect(unknown.status).toBe(404);
    });
  });

  describe('R18: a student member needs the hamlet heads’ opinions', () => {
    it('blocks the submission until the consultation is recorded, then lets the chair submit', async () => {
      // Prepare
      await draft(staffA, A, 'a-student', { form: hd02Form('none') });
      const consult = (body: unknown) =>
        call(handlers.consult(), {
          method: 'POST',
          route: route('/consultation'),
          pathParameters: at(A, 'a-student'),
          principal: secretaryA,
          body,
        });

      // Act
      const blocked = await submit(chairA, A, 'a-student');
      const incomplete = await consult({ ...consultation, policeHeadOpinion: '' });
      const recorded = await consult(consultation);
      const again = await consult(consultation);
      const submitted = await submit(chairA, A, 'a-student');

      // Assess
      expect(blocked.status).toBe(422);
      expect(blocked.json.error).toMatchObject({ rule: 'R18' });
      expect(incomplete.status).toBe(400);
      expect(recorded.status).toBe(200);
      expect(recorded.json).toMatchObject({ needsConsultation: false, version: 2 });
      expect(again.json).toMatchObject({ version: 2 });
      expect(submitted.status).toBe(200);
      const stored = await app.repos.evaluations.get(A, YEAR, 'a-student');
      expect(stored?.studentConsultation).toEqual({ ...consultation, recordedBy: 'secretary-a' });
      expect(stored?.status).toBe('submitted');
    });

    it('refuses a consultation without a draft (404)', async () => {
      const answer = await call(handlers.consult(), {
        method: 'POST',
        route: route('/consultation'),
        pathParameters: at(X, 'x-student'),
        principal: staffX,
        body: consultation,
      });
      expect(answer.status).toBe(404);
    });
  });

  describe('R11: missed both meetings without a confirmed reason', () => {
    it('flags the member and pre-sets criticism', async () => {
      const answer = await view(staffA, A, 'a-r11');
      expect(answer.json).toMatchObject({ flaggedR11: true, presetProposal: 'criticise', state: 'missing' });
      const other = await view(staffA, A, 'a-student');
      expect(other.json).toMatchObject({ flaggedR11: false, presetProposal: 'none' });
    });

    it('needs a reason to change the proposal, and notifies the workplace exactly once', async () => {
      // Act
      const noReason = await draft(staffA, A, 'a-r11', { form: hd02Form('none', ['d2']) });
      const first = await draft(staffA, A, 'a-r11', { form: hd02Form('criticise', ['d2']) });
      const changed = await draft(staffA, A, 'a-r11', {
        form: hd02Form('none', ['d2']),
        proposalChangeReason: 'Điều trị dài ngày tại bệnh viện, gia đình báo muộn',
      });
      const submitted = await submit(chairA, A, 'a-r11');

      // Assess
      expect(noReason.status).toBe(422);
      expect(noReason.json.error).toMatchObject({ rule: 'R11' });
      expect(first.status).toBe(200);
      expect(changed.status).toBe(200);
      expect(submitted.status).toBe(200);
      const stored = await app.repos.evaluations.get(A, YEAR, 'a-r11');
      expect(stored).toMatchObject({
        flaggedR11: true,
        status: 'submitted',
        proposalChangeReason: 'Điều trị dài ngày tại bệnh viện, gia đình báo muộn',
      });
      const notices = await outboxOf('BothMeetingsMissed');
      expect(notices.map((e) => e.id)).toEqual([`BothMeetingsMissed:${YEAR}:a-r11`]);
      expect(notices[0]?.orgIds).toEqual(['so-y-te', A]);
      expect(await app.repos.evaluations.bothMeetingsMissedNoticed('a-r11', YEAR)).toBe(true);
    });

    it('raises the notice on submission when no draft raised it, still once', async () => {
      // Prepare: a draft saved before the October sheet existed would not have flagged; simulate by the repository
      await app.repos.evaluations.save(
        {
          residenceOrgId: A,
          memberId: 'a-r11b',
          year: YEAR,
          ruleSet: 'hd02-2011',
          form: hd02Form('criticise'),
          flaggedR11: false,
          status: 'draft',
          version: 1,
        },
        0,
      );

      // Act
      const submitted = await submit(chairA, A, 'a-r11b');
      const replay = await submit(chairA, A, 'a-r11b');

      // Assess
      expect(submitted.json).toMatchObject({ flaggedR11: true, state: 'submitted' });
      expect(replay.status).toBe(200);
      const notices = (await outboxOf('BothMeetingsMissed')).map((e) => e.id).sort();
      expect(notices).toEqual([`BothMeetingsMissed:${YEAR}:a-r11`, `BothMeetingsMissed:${YEAR}:a-r11b`]);
    });
  });

  describe('Rule set qd213-2020: six criteria, and the short form for introduced-but-exempt members', () => {
    const step = (suffix: string, principal: Principal, memberId: string, body: unknown) =>
      call(handlers[suffix as 'front' | 'sign' | 'request'](), {
        method: 'POST',
        route: route(
          `/${{ front: 'front-consultation', sign: 'cell-signature', request: 'comment-request' }[suffix as 'front']}`,
        ),
        pathParameters: at(X, memberId),
        principal,
        body,
      });
    const front = {
      name: 'Nguyễn Thị Mặt Trận',
      position: 'Trưởng ban công tác mặt trận khu vực',
      opinion: 'Gương mẫu, tham gia tốt các phong trào của khu vực.',
      consultedOn: '2026-10-26',
    };
    const signature = { signerName: 'Lê Văn Bí Thư', signerTitle: 'bi_thu', signedOn: '2026-10-28' };

    it('asks the full form of regular, armed-forces and student members, and the short form only under one of the guidance’s cases', async () => {
      const forms = await Promise.all(
        ['x-regular', 'x-armed', 'x-student', 'x-exempt'].map(async (id) => (await view(staffX, X, id)).json),
      );
      expect(forms.map((f) => [f.memberId, f.formKind, f.owed, f.introducedButExempt])).toEqual([
        ['x-regular', 'qd213-full', true, false],
        ['x-armed', 'qd213-short', false, true],
        // Being a student is not a case by itself (33-HD/BTCTW): x-student is commented on every year.
        ['x-student', 'qd213-full', true, false],
        ['x-exempt', 'qd213-short', false, true],
      ]);
      expect(forms[0]?.steps).toEqual(['draft', 'cell_signed', 'submitted']);
      const questions =
        (forms[0]?.questionnaire as { questions: { key: string }[] } | undefined)?.questions ?? [];
      expect(questions.map((q) => q.key)).toEqual([
        'c1',
        'c2',
        'c3',
        'c4',
        'c5',
        'proposal',
        'otherComments',
      ]);
    });

    it('lists the members owed a routine comment as due, and refuses any comment on an exempt member without a request', async () => {
      // Act
      const due = await list(staffX, X, { status: 'due' });
      const wrong = await draft(staffX, X, 'x-exempt', { form: qd213Full() });
      const unrequested = await draft(staffX, X, 'x-exempt', { form: qd213Short() });
      const hd02 = await draft(staffX, X, 'x-regular', { form: hd02Form('none') });

      // Assess
      expect((due.json.items as { memberId: string }[]).map((r) => r.memberId)).toEqual([
        'x-regular',
        'x-student',
      ]);
      expect(wrong.status).toBe(422);
      expect(wrong.json.error).toMatchObject({ rule: 'R17' });
      expect(unrequested.status).toBe(422);
      expect(String(unrequested.json.error?.message)).toContain('chỉ nhận xét khi có đề nghị');
      expect(await app.repos.evaluations.get(X, YEAR, 'x-exempt')).toBeUndefined();
      expect(hd02.status).toBe(422);
    });

    it('delivers a comment only once the Front was consulted, the cell signed and the ward confirmed', async () => {
      // Prepare
      const before = (await outboxOf('EvaluationRecorded')).length;
      await draft(staffX, X, 'x-regular', { form: qd213Full('commend') });

      // Act
      const tooEarly = await submit(chairX, X, 'x-regular');
      const unconsulted = await step('sign', staffX, 'x-regular', signature);
      const consulted = await step('front', staffX, 'x-regular', front);
      const signed = await step('sign', staffX, 'x-regular', signature);
      const signedAgain = await step('sign', staffX, 'x-regular', signature);
      const editAfterSigning = await draft(staffX, X, 'x-regular', { form: qd213Full('none') });
      const afterSigning = (await outboxOf('EvaluationRecorded')).length;
      const confirmed = await submit(chairX, X, 'x-regular');

      // Assess
      expect(tooEarly.status).toBe(422);
      expect(unconsulted.status).toBe(422);
      expect([consulted.status, signed.status, signedAgain.status]).toEqual([200, 200, 200]);
      expect(signedAgain.json.version).toBe(signed.json.version);
      expect(signed.json.state).toBe('signed');
      expect(editAfterSigning.status).toBe(409);
      expect(afterSigning).toBe(before);
      expect(confirmed.status).toBe(200);
      const stored = await app.repos.evaluations.get(X, YEAR, 'x-regular');
      expect(stored).toMatchObject({
        status: 'submitted',
        submittedBy: 'chair-x',
        frontConsultation: { ...front, recordedBy: 'staff-x' },
        cellSignature: { ...signature, hamletId: 'kv-a', recordedBy: 'staff-x' },
      });
      expect((await outboxOf('EvaluationRecorded')).length).toBe(before + 1);
    });

    it('writes the short form of an exempt member once a comment is requested (who asked, why, when)', async () => {
      // Act
      const request = {
        reason: 'appointment',
        requestedBy: 'Đảng ủy Bộ Chỉ huy Quân sự',
        requestedOn: '2026-10-29',
      };
      const recorded = await step('request', staffX, 'x-armed', request);
      const again = await step('request', staffX, 'x-armed', { ...request, reason: 'reward' });
      const regular = await step('request', staffX, 'x-student', request);
      const bad = await step('request', staffX, 'x-armed', { ...request, reason: 'promotion' });
      const short = await draft(staffX, X, 'x-armed', { form: qd213Short('none') });
      await step('front', staffX, 'x-armed', front);
      await step('sign', staffX, 'x-armed', { ...signature, signerTitle: 'pho_bi_thu' });
      const confirmed = await submit(chairX, X, 'x-armed');
      const done = await list(staffX, X, { status: 'done' });
      const dueAfter = await list(staffX, X, { status: 'due' });

      // Assess
      expect([recorded.status, again.status]).toEqual([201, 200]);
      expect(recorded.json.commentRequest).toMatchObject({ ...request, recordedBy: 'staff-x' });
      expect(again.json.commentRequest).toMatchObject({ reason: 'appointment' });
      expect(regular.status).toBe(422);
      expect(bad.status).toBe(400);
      expect([short.status, confirmed.status]).toEqual([200, 200]);
      expect((await app.repos.evaluations.get(X, YEAR, 'x-armed'))?.commentRequest).toMatchObject({
        reason: 'appointment',
      });
      expect(
        (done.json.items as { memberId: string; proposal: string }[]).map((r) => [r.memberId, r.proposal]),
      ).toEqual([
        // Vietnamese order by given name: Đạt before Sơn.
        ['x-regular', 'commend'],
        ['x-armed', 'none'],
      ]);
      expect((dueAfter.json.items as { memberId: string }[]).map((r) => r.memberId)).toEqual(['x-student']);
    });
  });

  describe('The list of members due (paged, for /nhanxet)', () => {
    it('pages through the members still due with a cursor, in Vietnamese order', async () => {
      // Prepare: a-regular, a-student and a-r11 are submitted; a-r11b too. Add three more due members.
      for (const [id, name] of [
        ['a-due-1', 'Nguyễn Thị Châu'],
        ['a-due-2', 'Trần Văn Khánh'],
        ['a-due-3', 'Lê Văn Minh'],
      ] as const) {
        await seedMember(app.repos, {
          id,
          name,
          category: 'regular',
          workplaceOrgId: 'so-y-te',
          residenceOrgId: A,
          status: 'received',
          hamletId: 'kv-2',
        });
      }

      // Act
      const first = await list(staffA, A, { status: 'due', limit: '2' });
      const second = await list(staffA, A, { status: 'due', limit: '2', cursor: String(first.json.cursor) });

      // Assess
      const names = [
        ...(first.json.items as { memberName: string }[]),
        ...(second.json.items as { memberName: string }[]),
      ];
      expect(names.map((r) => r.memberName)).toEqual(['Nguyễn Thị Châu', 'Trần Văn Khánh', 'Lê Văn Minh']);
      expect(first.json.cursor).toBeTypeOf('string');
    });
  });
});
