import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as createIntroduction } from '../../functions/http/introductions-create.js';
import { createHandler as endIntroduction } from '../../functions/http/introductions-end.js';
import { createHandler as letter } from '../../functions/http/introductions-letter.js';
import { createHandler as receiveIntroduction } from '../../functions/http/introductions-receive.js';
import { createHandler as contactBook } from '../../functions/http/members-contact-book.js';
import { createHandler as exemptions } from '../../functions/http/members-exemptions.js';
import { createHandler as travelNotices } from '../../functions/http/members-travel-notices.js';
import type { Introduction } from '../../shared/domain/introduction.js';
import type { Member } from '../../shared/domain/member.js';
import type { Principal } from '../../shared/domain/roles.js';
import type { ContactBook } from '../../shared/services/contact-book.js';
import { aMeeting, anInvitation } from '../support/builders.js';
import { createTestTable, type TestTable } from '../support/dynamo.js';
import { call, type ErrorJson, testClock, testDeps } from '../support/http.js';
import { pdfText } from '../support/pdf.js';
import { AS, introduceBody, ORG, seedWorld } from '../support/world.js';

type Created = { introduction: Introduction; member: Member } & ErrorJson;

describe('HTTP: the contact book and the introduction letter', () => {
  let table: TestTable;
  let deps: ReturnType<typeof testDeps>;
  const clock = testClock('2025-03-10T02:00:00Z');
  const handlers = {
    create: createIntroduction(() => deps),
    receive: receiveIntroduction(() => deps),
    end: endIntroduction(() => deps),
    travel: travelNotices(() => deps),
    exemption: exemptions(() => deps),
    book: contactBook(() => deps),
    letter: letter(() => deps),
  };
  const introduce = (body: unknown, as: Principal = AS.workplace) =>
    call<Created>(handlers.create, { method: 'POST', route: '/introductions', body, principal: as });
  const receive = (id: string, body: unknown, as: Principal = AS.residence) =>
    call(handlers.receive, {
      method: 'POST',
      route: '/introductions/{id}/receive',
      pathParameters: { id },
      body,
      principal: as,
    });
  const readBook = (memberId: string, as: Principal) =>
    call<ContactBook & ErrorJson>(handlers.book, {
      method: 'GET',
      route: '/members/{id}/contact-book',
      pathParameters: { id: memberId },
      principal: as,
    });
  const readLetter = (id: string, as: Principal) =>
    call(handlers.letter, {
      method: 'GET',
      route: '/introductions/{id}/letter.pdf',
      pathParameters: { id },
      principal: as,
    });

  beforeAll(async () => {
    table = await createTestTable();
    deps = testDeps(table, { clock });
    await seedWorld(deps.repos);
  });
  afterAll(async () => {
    await table.drop();
  });

  describe('Function: GET /members/{id}/contact-book', () => {
    let member: Member;
    let introduction: Introduction;

    beforeAll(async () => {
      // Two years of a member's life: introduced and received in March 2025, away in the summer, at the
      // June meeting, absent with a confirmed reason in October, exempt early 2026, absent (pending) in June.
      clock.set('2025-03-10T02:00:00Z');
      const created = await introduce(introduceBody({ member: { fullName: 'Nguyễn Thị Hồng Nhung' } }));
      member = created.json.member;
      introduction = created.json.introduction;
      clock.set('2025-03-20T02:00:00Z');
      await receive(introduction.id, { hamletId: ORG.hamlet1 });
      await call(handlers.travel, {
        method: 'POST',
        route: '/members/{id}/travel-notices',
        pathParameters: { id: member.id },
        body: { reason: 'Tập huấn ở Hà Nội', from: '2025-07-01', until: '2025-08-31' },
        principal: AS.workplace,
      });
      const meetings = [
        aMeeting({ id: `${ORG.residence}.2025.06`, year: 2025, round: 'june', date: '2025-06-21' }),
        aMeeting({ id: `${ORG.residence}.2025.10`, year: 2025, round: 'october', date: '2025-10-18' }),
        aMeeting({ id: `${ORG.residence}.2026.06`, year: 2026, round: 'june', date: '2026-06-20' }),
      ];
      for (const m of meetings) await deps.repos.meetings.create(m);
      const invite = { memberId: member.id, memberName: member.fullName, workplaceOrgId: ORG.workplace };
      await deps.repos.invitations.createOnce(
        anInvitation({
          ...invite,
          meetingId: meetings[0]?.id ?? '',
          meetingDate: '2025-06-21',
          rsvp: 'attending',
          attendance: 'present',
        }),
      );
      await deps.repos.invitations.createOnce(
        anInvitation({
          ...invite,
          meetingId: meetings[1]?.id ?? '',
          meetingDate: '2025-10-18',
          rsvp: 'absent',
          absence: {
            category: 'illness',
            text: 'Nằm viện',
            submittedAt: '2025-10-15T01:00:00Z',
            confirmation: 'confirmed',
            decidedBy: AS.workplace.sub,
            decidedAt: '2025-10-16T01:00:00Z',
          },
          attendance: 'absent',
        }),
      );
      await deps.repos.invitations.createOnce(
        anInvitation({
          ...invite,
          meetingId: meetings[2]?.id ?? '',
          meetingDate: '2026-06-20',
          rsvp: 'absent',
          absence: { category: 'work', submittedAt: '2026-06-18T01:00:00Z', confirmation: 'pending' },
        }),
      );
      await deps.repos.comments.add({
        id: 'c1',
        meetingId: meetings[0]?.id ?? '',
        residenceOrgId: ORG.residence,
        memberId: member.id,
        authorName: member.fullName,
        topic: 'Vệ sinh môi trường',
        text: 'Đề nghị nạo vét cống thoát nước khu vực 1',
        raisedAt: '2025-06-21T02:30:00Z',
      });
      const evaluation = {
        residenceOrgId: ORG.residence,
        memberId: member.id,
        ruleSet: 'hd02-2011' as const,
        form: {
          kind: 'hd02-4duties' as const,
          duties: {
            d1: { mark: 'good' as const, comment: 'Gương mẫu' },
            d2: { mark: 'good' as const, comment: 'Dự họp đầy đủ' },
            d3: { mark: 'good' as const, comment: 'Tham gia hội phụ nữ' },
            d4: { mark: 'good' as const, comment: 'Có đóng góp' },
          },
          proposal: 'commend' as const,
        },
        flaggedR11: false,
        version: 1,
      };
      await deps.repos.evaluations.save({ ...evaluation, year: 2025, status: 'submitted' }, 0);
      await deps.repos.yearEnd.saveSelfReport(
        {
          memberId: member.id,
          year: 2025,
          meetingsAttended: 1,
          meetingsAttendedRecorded: 1,
          activities: 'Tham gia Hội Phụ nữ khu vực 1, trồng cây xanh',
          submittedAt: '2025-12-10T03:00:00Z',
          version: 1,
        },
        0,
      );
      await deps.repos.evaluations.save({ ...evaluation, year: 2026, status: 'draft' }, 0);
      clock.set('2026-01-05T02:00:00Z');
      await call(handlers.exemption, {
        method: 'POST',
        route: '/members/{id}/exemptions',
        pathParameters: { id: member.id },
        body: { reason: 'Nghỉ sinh con', from: '2026-01-01', until: '2026-06-30' },
        principal: AS.workplace,
      });
      clock.set('2026-07-01T02:00:00Z');
    });

    it('groups the book per year: introduction with page 2, travel, meetings, reasons, comments, evaluation', async () => {
      // Act
      const res = await readBook(member.id, { sub: member.id, orgId: ORG.workplace, role: 'member' });

      // Assess
      expect(res.status).toBe(200);
      const book = res.json;
      expect(book.member.fullName).toBe('Nguyễn Thị Hồng Nhung');
      expect(book.years.map((y) => y.year)).toEqual([2025, 2026]);
      const [y2025, y2026] = book.years;
      expect(y2025?.introductions[0]).toMatchObject({
        id: introduction.id,
        receipt: { receivedOn: '2025-03-20', receivedByName: 'Trần Thị Thu', hamletId: ORG.hamlet1 },
      });
      expect(book.committees[ORG.hamlet1]?.name).toBe('Chi bộ khu vực 1');
      expect(y2025?.travelNotices.map((t) => t.reason)).toEqual(['Tập huấn ở Hà Nội']);
      expect(y2025?.meetings.map((m) => [m.date, m.state])).toEqual([
        ['2025-06-21', 'present'],
        ['2025-10-18', 'absent'],
      ]);
      expect(y2025?.meetings[1]?.absence).toMatchObject({ category: 'illness', confirmation: 'confirmed' });
      expect(y2025?.comments.map((c) => c.text)).toEqual(['Đề nghị nạo vét cống thoát nước khu vực 1']);
      expect(y2025?.evaluations.map((e) => e.form.proposal)).toEqual(['commend']);
      expect(y2025?.selfReport).toMatchObject({
        meetingsAttended: 1,
        activities: 'Tham gia Hội Phụ nữ khu vực 1, trồng cây xanh',
      });
      expect(y2026?.selfReport).toBeUndefined();
      expect(y2026?.introductions.map((i) => i.id)).toEqual([introduction.id]);
      expect(y2026?.exemptions.map((e) => e.reason)).toEqual(['Nghỉ sinh con']);
      expect(y2026?.meetings[0]).toMatchObject({
        state: 'absent-pending',
        absence: { confirmation: 'pending' },
      });
      // A draft evaluation is not yet part of the book.
      expect(y2026?.evaluations).toEqual([]);
    });

    it('shows the book to the workplace and the residence committee, not to others (403)', async () => {
      expect((await readBook(member.id, AS.workplace)).status).toBe(200);
      expect((await readBook(member.id, AS.residence)).status).toBe(200);
      expect((await readBook(member.id, AS.chair)).status).toBe(200);
      expect((await readBook(member.id, AS.otherResidence)).status).toBe(403);
      expect((await readBook(member.id, AS.otherWorkplace)).status).toBe(403);
      expect((await readBook(member.id, AS.viewer)).status).toBe(403);
      expect(
        (await readBook(member.id, { sub: 'm-other', orgId: ORG.workplace, role: 'member' })).status,
      ).toBe(403);
      expect((await readBook('m-khong-co', AS.workplace)).status).toBe(404);
    });

    it("R20: shows the workplace's direct collection of an armed-forces member's book in its year", async () => {
      // Prepare
      const { json } = await introduce(
        introduceBody({ member: { category: 'armed_forces', fullName: 'Phan Văn Trị', sex: 'male' } }),
        AS.army,
      );
      await deps.repos.yearEnd.recordDirectCollection({
        memberId: json.member.id,
        year: 2026,
        residenceOrgId: ORG.residence,
        workplaceOrgId: ORG.army,
        collectedOn: '2026-06-25',
        collectedBy: AS.army.sub,
        recordedAt: '2026-06-25T03:00:00Z',
      });

      // Act
      const res = await readBook(json.member.id, AS.army);

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.years.find((y) => y.year === 2026)?.directCollection).toMatchObject({
        collectedOn: '2026-06-25',
        workplaceOrgId: ORG.army,
      });
    });

    it('keeps the history readable by the former residence committee after the contact ended (R7)', async () => {
      // Prepare
      const { json } = await introduce(introduceBody({ member: { fullName: 'Lý Minh Khôi', sex: 'male' } }));
      await receive(json.introduction.id, { hamletId: ORG.hamlet2 });
      await call(handlers.end, {
        method: 'POST',
        route: '/introductions/{id}/end',
        pathParameters: { id: json.introduction.id },
        body: { reason: 'moved' },
        principal: AS.workplace,
      });

      // Act
      const res = await readBook(json.member.id, AS.residence);

      // Assess
      expect(res.status).toBe(200);
      expect(res.json.introductions[0]).toMatchObject({ status: 'ended', end: { reason: 'moved' } });
    });
  });

  describe('Function: GET /introductions/{id}/letter.pdf', () => {
    it('hd02-2011: a Vietnamese letter whose text keeps every diacritic, returned base64', async () => {
      // Prepare
      clock.set('2026-03-02T03:00:00Z');
      const { json } = await introduce(
        introduceBody({
          member: { fullName: 'Nguyễn Thị Hồng Nhung', category: 'travelling' },
          letterNumber: '07-GGT',
        }),
      );

      // Act
      const res = await readLetter(json.introduction.id, AS.workplace);

      // Assess
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.raw.isBase64Encoded).toBe(true);
      expect(res.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const text = await pdfText(res.bytes);
      expect(text).toContain('Nguyễn Thị Hồng Nhung');
      expect(text).toContain('GIẤY GIỚI THIỆU');
      expect(text).toContain('Kính gửi: Đảng ủy phường An Hòa');
      // A number typed by staff is printed as it is; the counter's "12-GGT" gets the issuer's "/ĐU"
      expect(text).toContain('Số 07-GGT');
      expect(text).toContain('76-QĐ/TW');
      expect(text).toContain(`Số thẻ đảng viên: ${json.member.partyCardNumber}`);
      expect(text).toContain('Cần Thơ, ngày 02 tháng 03 năm 2026');
      expect(text).toContain('thường xuyên đi công tác xa, lưu động');
    });

    it('is refused with a clear 409 while the workplace committee has no bí thư or phó bí thư to sign it', async () => {
      // Prepare: Sở Giao thông vận tải's only staff member holds no office in its committee.
      const { json } = await introduce(introduceBody(), AS.otherWorkplace);

      // Act
      const res = await readLetter(json.introduction.id, AS.otherWorkplace);

      // Assess
      expect(res.status).toBe(409);
      expect(res.json).toMatchObject({
        error: {
          code: 'no_letter_signer',
          message: expect.stringContaining('chưa có bí thư hoặc phó bí thư'),
        },
      });
    });

    it('qd213-2020: the fields of mẫu 1-213, signed T/M by the bí thư, and page 2 once received', async () => {
      // Prepare
      const { json } = await introduce(
        introduceBody({
          residenceOrgId: ORG.otherResidence,
          member: { fullName: 'Trần Quốc Tuấn', sex: 'male', dateOfBirth: '1979-11-20' },
        }),
      );
      await receive(
        json.introduction.id,
        { hamletId: ORG.otherHamlet, receivedByName: 'Đoàn Thị Điểm' },
        AS.otherResidence,
      );

      // Act
      const res = await readLetter(json.introduction.id, {
        sub: json.member.id,
        orgId: ORG.workplace,
        role: 'member',
      });

      // Assess
      expect(res.status).toBe(200);
      const text = await pdfText(res.bytes);
      for (const expected of [
        'ĐẢNG BỘ KHỐI CƠ QUAN THÀNH PHỐ CẦN THƠ',
        'ĐẢNG ỦY SỞ Y TẾ',
        'ĐẢNG CỘNG SẢN VIỆT NAM',
        `Số ${json.introduction.letterNumber}/ĐU`,
        'Kính gửi: Đảng ủy phường Xuân Khánh',
        'giới thiệu đồng chí: Trần Quốc Tuấn. Giới tính: Nam.',
        'Sinh ngày: 20/11/1979',
        'Ngày vào Đảng: 19/05/2008; ngày chính thức: 19/05/2009',
        'Hiện đang sinh hoạt tại chi bộ: Chi bộ Phòng Nghiệp vụ Y',
        'Nơi cư trú: Số 12, khu vực 3, phường An Hòa (thường trú)',
        '213-QĐ/TW',
        'T/M ĐẢNG ỦY',
        'BÍ THƯ',
        'Phạm Thị Bích Ngọc',
        'Người tiếp nhận: Đoàn Thị Điểm',
        'Chi bộ khu vực Xuân Khánh 1',
        // Page 2's receipt is signed for the residence committee by whoever received the member
        'NGƯỜI TIẾP NHẬN',
        'Trang 2/2',
      ]) {
        expect(text).toContain(expected);
      }
    });

    it('is seen by the workplace, the residence committee and the member only', async () => {
      const { json } = await introduce(introduceBody());
      const self = { sub: json.member.id, orgId: ORG.workplace, role: 'member' } as const;
      expect((await readLetter(json.introduction.id, AS.residence)).status).toBe(200);
      expect((await readLetter(json.introduction.id, self)).status).toBe(200);
      expect((await readLetter(json.introduction.id, AS.otherWorkplace)).status).toBe(403);
      expect((await readLetter(json.introduction.id, AS.otherResidence)).status).toBe(403);
      expect((await readLetter(json.introduction.id, AS.viewer)).status).toBe(403);
      expect((await readLetter(json.introduction.id, { ...self, sub: 'm-other' })).status).toBe(403);
      expect((await readLetter('gt-khong-co', AS.workplace)).status).toBe(404);
    });
  });
});
