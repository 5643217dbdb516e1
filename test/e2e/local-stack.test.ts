// E2E: `npm start` on free ports with an in-memory DynamoDB Local, driven through the chat page in headless
// Chromium like a person would — and through the HTTP API where the bot has no command (introductions) —
// over a whole year: introduce, receive, plan the June meeting, invite, answer, confirm, attendance,
// minutes, October, evaluation, the October report; and the administrator's set-up of a new ward whose new chair
// links a fresh chat and plans its first meeting.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoUser } from '../../local/control-protocol.js';
import { DEMO_DISTRICT, DEMO_MEMBERS, DEMO_STAFF, DEMO_WARD, DEMO_ZALO_ACCOUNTS } from '../../local/seed.js';
import { createDynamoContext } from '../../shared/adapters/dynamodb/client.js';
import { createRepositories } from '../../shared/adapters/dynamodb/index.js';
import { DEFAULT_TABLE_NAME } from '../../shared/config/table.js';
import { Api, readTokens } from './support/api.js';
import { type LaunchedBrowser, launchChromium } from './support/browser.js';
import { ChatPage, step } from './support/chat-page.js';
import { type StackProcess, startStackProcess } from './support/stack-process.js';

const E2E_TIMEOUT = 180_000;
const STEP_TIMEOUT = 120_000;
const MEETING = `${DEMO_WARD}.2027.06`;

// The demo people of the walk (local/seed.ts).
const MAI = 'Trần Thị Mai'; // residence staff, phường An Hòa
const HA = 'Lê Thị Thu Hà'; // workplace staff, Sở Y tế
const MEMBER_A = 'Nguyễn Văn An'; // dv-01, attends
const MEMBER_B = 'Trần Thị Bích Ngọc'; // dv-02, absent with a reason
const HAN = 'Châu Thị Ngọc Hân'; // dv-13, links her chat with /start DEMODV13
const BINH = 'Nguyễn Văn Bình'; // the chair, phường An Hòa
const DIEP = 'Lê Thị Ngọc Diệp'; // the secretary, phường An Hòa
const QUAN = 'Đặng Minh Quân'; // the district's administrator

/** What the walk expects the October report to count, from the seed and the walk's own steps. */
const wardMembers = DEMO_MEMBERS.filter((m) => m.residenceOrgId === DEMO_WARD);
const receivedBySeed = wardMembers.filter((m) => m.intro === 'received');
const waitingBySeed = wardMembers.filter((m) => m.intro === 'issued');
const invited = receivedBySeed.length + 1; // + the member introduced and received in May
const linkedInvited = receivedBySeed.filter((m) => m.linked).length + 1; // + Hân, who links in May

describe('E2E: the local stack in a browser', () => {
  let stack: StackProcess;
  let browser: LaunchedBrowser;
  let chat: ChatPage;
  let api: Api;

  beforeAll(async () => {
    // 20 May 2027: the June meeting of the year is ahead.
    stack = await startStackProcess({ clock: '2027-05-20T09:00' });
    api = new Api(stack.info.gateway, readTokens(stack.dataDir));
    browser = await launchChromium();
    chat = new ChatPage(await browser.context.newPage(), `${stack.info.gateway}/chat/`);
  }, E2E_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    // A failed test must not leave the stack running either; stop() is a no-op after the last test stopped it.
    await stack?.stop().catch(() => undefined);
  }, E2E_TIMEOUT);

  it('prints the URLs, the demo users, sample tokens and how to stop', () => {
    // Assess
    const output = stack.output();
    expect(output).toContain(`Chat page (open in a browser) ${stack.info.gateway}/chat/`);
    expect(output).toContain('Telegram Bot API emulator');
    expect(output).toContain('Zalo OA API emulator');
    expect(output).toMatch(/residence_staff\s+Trần Thị Mai/);
    expect(output).toContain('source ');
    expect(output).toContain('bot webhook set to');
    expect(output).toContain('Stop: Ctrl-C');
    expect(output).not.toMatch(/NodeVersionSupportWarning/);
  });

  it('answers the chat page, and refuses any other web page the developer has open (403, nothing done)', async () => {
    // Prepare
    const evil = { origin: 'https://evil.example', 'content-type': 'application/json' };

    // Act
    const clockBefore = await (await fetch(`${stack.info.gateway}/_local/clock`)).json();
    const movedByEvil = await fetch(`${stack.info.gateway}/_local/clock`, {
      method: 'POST',
      headers: evil,
      body: JSON.stringify({ now: '2030-01-01T08:00' }),
    });
    const readByEvil = await fetch(`${stack.info.emulator}/_emulator/chats`, { headers: evil });
    const readByPage = await fetch(`${stack.info.emulator}/_emulator/chats`, {
      headers: { origin: new URL(stack.info.gateway).origin },
    });
    const clockAfter = await (await fetch(`${stack.info.gateway}/_local/clock`)).json();

    // Assess
    expect(movedByEvil.status).toBe(403);
    expect(readByEvil.status).toBe(403);
    expect(readByPage.status).toBe(200);
    expect(readByPage.headers.get('access-control-allow-origin')).toBe(new URL(stack.info.gateway).origin);
    expect((clockAfter as { now: string }).now.slice(0, 10)).toBe(
      (clockBefore as { now: string }).now.slice(0, 10),
    );
  });

  it('lists every demo user on the chat page, staff first, and finds them by name', async () => {
    await step(chat, 'demo-users', async () => {
      // Act
      await chat.open();
      const rows = await chat.page.locator('.user .user-name').count();
      const names = await chat.page.locator('.user[data-channel="telegram"] .user-name').allTextContents();
      await chat.page.fill('#search', 'Bích Ngọc');
      const found = await chat.page.locator('.user .user-name').allTextContents();
      await chat.page.fill('#search', '');

      // Assess: one row per chat account — everyone on Telegram, and a second row for those on Zalo too.
      expect(rows).toBe(DEMO_STAFF.length + DEMO_MEMBERS.length + DEMO_ZALO_ACCOUNTS.length);
      expect(names).toHaveLength(DEMO_STAFF.length + DEMO_MEMBERS.length);
      expect(names.slice(0, DEMO_STAFF.length)).toEqual(DEMO_STAFF.map((s) => s.fullName));
      expect(found).toEqual([MEMBER_B]);
      expect(await chat.page.locator('.user', { hasText: HAN }).locator('.badge').textContent()).toBe(
        'chưa liên kết',
      );
    });
  });

  it('talks to the bot behind its webhook: /start greets a linked member by name', async () => {
    await step(chat, 'start', async () => {
      // Act
      await chat.as(MEMBER_A);
      await chat.send('/start');
      const greeting = await chat.botSays(/Xin chào/);

      // Assess
      expect(await greeting.textContent()).toContain(MEMBER_A);
      const view = (await (
        await fetch(`${stack.info.emulator}/_emulator/chats/7200000001/messages`)
      ).json()) as {
        messages: { from: string; text?: string; message: { from?: { id: number } } }[];
      };
      expect(view.messages.find((m) => m.text === '/start')?.message.from?.id).toBe(7200000001);
    });
  });

  describe('a year of contact, May to October 2027', () => {
    let introductionId = '';

    it(
      'May: the workplace introduces a member (API) and the ward receives her into a hamlet (API)',
      async () => {
        await step(chat, 'introduce-receive', async () => {
          // Act
          const introduced = await api.expect<{ introduction: { id: string; status: string } }>(
            201,
            'WORKPLACE_STAFF',
            'POST',
            '/introductions',
            {
              residenceOrgId: DEMO_WARD,
              member: {
                partyCardNumber: '79000999',
                fullName: 'Đinh Thị Thu Hằng',
                dateOfBirth: '1988-09-02',
                sex: 'female',
                phone: '0912000999',
                category: 'regular',
                residence: {
                  kind: 'permanent',
                  address: 'Số 8 đường Mậu Thân, khu vực 2, phường An Hòa',
                  registeredFrom: '2015-03-01',
                },
              },
              followerName: HA,
            },
          );
          introductionId = introduced.body.introduction.id;
          const received = await api.expect<{
            introduction: { status: string; receipt?: { hamletId: string } };
          }>(200, 'RESIDENCE_STAFF', 'POST', `/introductions/${introductionId}/receive`, {
            hamletId: 'an-hoa-kv2',
          });

          // Assess
          expect(introduced.body.introduction.status).toBe('issued');
          expect(received.body.introduction).toMatchObject({
            status: 'received',
            receipt: { hamletId: 'an-hoa-kv2' },
          });
        });
      },
      STEP_TIMEOUT,
    );

    it(
      'May: a member not linked yet links her chat with /start <code>',
      async () => {
        await step(chat, 'link', async () => {
          // Act
          await chat.as(HAN);
          await chat.page.click('.link-button');
          // The purpose notice first: nothing is linked before she agrees (the personal data law, issue 18).
          await chat.botSays(/THÔNG BÁO VỀ XỬ LÝ DỮ LIỆU CÁ NHÂN/);
          await chat.tap(/^\s*Đồng ý\s*$/); // not «Không đồng ý», which holds the same words
          const linked = await chat.botSays(new RegExp(HAN));

          // Assess
          expect(await linked.textContent()).toContain(HAN);
          await chat.page.locator('#link-notice').waitFor({ state: 'hidden' });
        });
      },
      STEP_TIMEOUT,
    );

    it(
      'May: the ward plans the June meeting in the bot (/hop), tapping through the steps',
      async () => {
        await step(chat, 'plan', async () => {
          // Act
          await chat.as(MAI);
          await chat.send('/hop');
          await chat.tap('Đợt tháng 6/2027');
          await chat.tap('CN 20/06/2027');
          await chat.tap('08:00');
          await chat.botSays(/Gõ địa điểm họp/);
          await chat.send('Hội trường Đảng ủy phường An Hòa');
          await chat.tap('Nguyễn Văn Bình');
          await chat.tap('Dùng nội dung theo hướng dẫn');
          await chat.botSays(/Xác nhận lịch họp đợt tháng 6\/2027/);
          await chat.tap(/^Xác nhận$/);
          const planned = await chat.botSays(/Đã lên lịch cuộc họp đợt tháng 6\/2027/);

          // Assess
          expect(await planned.textContent()).toContain('20/06/2027');
          expect(await planned.textContent()).toContain('Hội trường Đảng ủy phường An Hòa');
        });
      },
      STEP_TIMEOUT,
    );

    it(
      'May: the ward sends the invitations (/moi); members without a chat are listed for a paper letter',
      async () => {
        await step(chat, 'invite', async () => {
          // Act
          await chat.send('/moi');
          await chat.tap(/Họp tháng 6\/2027/);
          const done = await chat.botSays(/Đã gửi xong thư mời/, 60_000);
          const paper = await chat.botSays(/cần gửi thư mời giấy/);
          const sms = (await (await fetch(`${stack.info.gateway}/_local/sms`)).json()) as unknown[];

          // Assess
          expect(await done.textContent()).toContain(`${linkedInvited}/${invited}`);
          // The stack's Zalo OA has approved ZNS templates: the members no chat reaches get the template on their
          // phone (the SMS is for a phone ZNS cannot reach); the member on Zalo got her letter there.
          expect(await done.textContent()).toContain(`(Telegram ${linkedInvited - 1}, Zalo 1)`);
          expect(await done.textContent()).toContain(
            `Đã báo qua số điện thoại: ${invited - linkedInvited} tin Zalo (ZNS).`,
          );
          expect(await paper.textContent()).toContain('Lê Thị Cẩm Tú — Khu vực 1 — đã gửi tin Zalo (ZNS)');
          expect(await paper.textContent()).toContain('Đinh Thị Thu Hằng');
          expect(sms).toHaveLength(0);
        });
      },
      STEP_TIMEOUT,
    );

    it(
      'May: member A taps "Tham dự" under her invitation',
      async () => {
        await step(chat, 'attend', async () => {
          // Act
          await chat.as(MEMBER_A);
          await chat.botSays(/THƯ MỜI HỌP/);
          await chat.tap('Tham dự');
          const answered = await chat.botSays(/Đồng chí đã trả lời: THAM DỰ/);

          // Assess
          expect(await answered.textContent()).toContain('20/06/2027');
        });
      },
      STEP_TIMEOUT,
    );

    it(
      'May: member B is absent for work and types the reason',
      async () => {
        await step(chat, 'absent', async () => {
          // Act
          await chat.as(MEMBER_B);
          await chat.botSays(/THƯ MỜI HỌP/);
          await chat.tap('Vắng mặt');
          await chat.tap('Bận công tác');
          await chat.botSays(/lời giải thích/);
          await chat.send('Đi công tác Hà Nội từ 18 đến 22/6');
          const sent = await chat.botSays(/Đã gửi lý do vắng mặt/);

          // Assess
          expect(await sent.textContent()).toContain('cấp ủy nơi công tác');
        });
      },
      STEP_TIMEOUT,
    );

    it(
      "June: the workplace confirms B's reason with one tap, and B is told",
      async () => {
        await step(chat, 'confirm', async () => {
          // Act
          await chat.as(HA);
          const request = await chat.botSays(/ĐỀ NGHỊ XÁC NHẬN LÝ DO VẮNG MẶT/, 30_000);
          const requestText = await request.textContent();
          await chat.tap(/^Xác nhận$/);
          await chat.botSays(/Đã xác nhận lý do vắng mặt/);
          await chat.as(MEMBER_B);
          const told = await chat.botSays(/đã xác nhận lý do vắng mặt/, 30_000);

          // Assess
          expect(requestText).toContain(MEMBER_B);
          expect(requestText).toContain('Đi công tác Hà Nội');
          expect(await told.textContent()).toContain('20/06/2027');
        });
      },
      STEP_TIMEOUT,
    );

    it(
      '20 June: the secretary takes attendance in the bot (/diemdanh), shown from the answers',
      async () => {
        await step(chat, 'attendance', async () => {
          // Prepare: the meeting day, set from the chat page's test tools.
          await chat.setClock('2027-06-20T08:30');

          // Act
          await chat.as(DIEP);
          await chat.send('/diemdanh');
          const opened = await chat.botSays(/ĐIỂM DANH/);
          const openedText = await opened.textContent();
          // A member who never answered came anyway: on the sheet's second page, which is in Vietnamese order
          // (by given name), where Phúc comes after the first ten.
          await chat.tap('Trang sau ▶');
          await chat.tap(/Lê Hoàng Phúc → có mặt/);
          const taken = await chat.botSays(/Có mặt: 2 —/);

          // Assess
          expect(openedText).toContain(`Tổng số: ${invited} — Có mặt: 1 — Vắng mặt: ${invited - 1}`);
          expect(await taken.textContent()).toContain(
            `Tổng số: ${invited} — Có mặt: 2 — Vắng mặt: ${invited - 2}`,
          );
        });
      },
      STEP_TIMEOUT,
    );

    it(
      '20 June: the secretary writes the minutes part by part (/bienban); chair and secretary sign (/ky); the PDF comes to both',
      async () => {
        await step(chat, 'minutes', async () => {
          // Act
          await chat.send('/bienban');
          await chat.botSays(/BIÊN BẢN CUỘC HỌP/);
          for (const part of ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6']) {
            await chat.tap(new RegExp(`^${part.replace('.', '\\.')} `));
            await chat.botSays(`Gửi nội dung phần ${part}`);
            await chat.send(`Phần ${part}: nội dung đã thống nhất tại cuộc họp.`);
            await chat.botSays(`Đã ghi phần ${part}`);
          }
          await chat.as(BINH);
          await chat.send('/ky');
          await chat.botSays(/chờ thư ký ký/);
          await chat.as(DIEP);
          await chat.send('/ky');
          const sealed = await chat.botSays(/niêm phong/, 30_000);
          const download = await chat.download(/bien-ban-.*\.pdf/);
          const pdf = readFileSync(await download.path());
          const parser = new PDFParse({ data: pdf });
          const { text } = await parser.getText();
          await parser.destroy();
          const minutes = await api.expect<{ seal?: { verifies?: boolean } }>(
            200,
            'CHAIR',
            'GET',
            `/meetings/${MEETING}/minutes`,
          );

          // Assess
          expect(await sealed.textContent()).toContain('Bản PDF được gửi cho đồng chí chủ trì và thư ký');
          expect(download.suggestedFilename()).toBe(`bien-ban-${MEETING}.pdf`);
          expect(text).toContain(BINH);
          expect(text).toContain(DIEP);
          expect(text).toContain('Phần 2.6: nội dung đã thống nhất tại cuộc họp.');
          expect(minutes.body.seal?.verifies).toBe(true);
        });
      },
      STEP_TIMEOUT,
    );

    it(
      'October comes: the daily jobs run as of October (npm run job -- <name> --now)',
      async () => {
        await step(chat, 'october-jobs', async () => {
          // Act
          await chat.setClock('2027-10-25T09:00');
          const notices = await stack.job('absence-notices', '2027-10-25T20:00');
          const reminders = await stack.job('reminders', '2027-10-26T08:00');

          // Assess: the R10 notices went out when the minutes were sealed; a later run sends none again.
          expect(notices).toContain('absence-notices ran as of 2027-10-25T13:00:00.000Z');
          // The job's run record: every committee done, none failed, and no notice raised a second time.
          expect(notices).toMatch(/"failed": \[\]/);
          expect(notices).not.toMatch(/"raised": [1-9]/);
          expect(reminders).toContain('reminders ran as of 2027-10-26T01:00:00.000Z');
        });
      },
      STEP_TIMEOUT,
    );

    it(
      "October: the ward writes A's evaluation in the bot (/nhanxet), the chair sends it, the workplace is told",
      async () => {
        await step(chat, 'evaluation', async () => {
          // Act: four duties, each "Tốt" and a comment (typed for the first, "Bỏ qua" for the others).
          await chat.as(MAI);
          await chat.send('/nhanxet');
          await chat.tap(new RegExp(`^${MEMBER_A} \\(`));
          for (let duty = 0; duty < 4; duty++) {
            await chat.botSays(`Câu ${duty * 2 + 1}/9`);
            await chat.tap(/^Tốt$/);
            await chat.botSays(`Câu ${duty * 2 + 2}/9`);
            if (duty === 0) await chat.send('Gương mẫu, vận động gia đình chấp hành tốt');
            else await chat.tap(/^Bỏ qua$/);
          }
          await chat.botSays('Câu 9/9');
          await chat.tap(/^Biểu dương$/);
          await chat.botSays(/TÓM TẮT NHẬN XÉT/);
          await chat.tap(/^Lưu nhận xét$/);
          await chat.botSays(/Đã lưu bản nhận xét năm 2027/);
          await chat.as(BINH);
          await chat.send('/nhanxet');
          await chat.tap(new RegExp(`^${MEMBER_A} .*nháp`));
          await chat.tap(/^Gửi$/);
          const sent = await (await chat.botSays(/Đã gửi nhận xét năm 2027/)).textContent();
          await chat.as(HA);
          const told = await (await chat.botSays(/đã gửi nhận xét cuối năm 2027/, 30_000)).textContent();
          const book = await api.expect<Record<string, unknown>>(
            200,
            'MEMBER',
            'GET',
            '/members/dv-01/contact-book',
          );

          // Assess
          expect(sent).toContain(MEMBER_A);
          expect(told).toContain(MEMBER_A);
          expect(JSON.stringify(book.body)).toContain('Gương mẫu, vận động gia đình chấp hành tốt');
        });
      },
      STEP_TIMEOUT,
    );

    it(
      '31 October: the report job runs, the ward asks the bot for the report (/baocao) and downloads the XLSX; its numbers add up',
      async () => {
        await step(chat, 'october-report', async () => {
          // Act
          const run = await stack.job('october-report', '2027-10-31T17:00');
          await chat.as(MAI);
          await chat.send('/baocao');
          // The narrative's sections come first (none written in this walk); «Tổng hợp báo cáo» compiles
          await chat.tap('Tổng hợp báo cáo');
          const version = await chat.botSays(/Báo cáo kết quả năm 2027, phiên bản/, 60_000);
          const xlsxDownload = await chat.download(/bao-cao-.*\.xlsx/);
          const pdfDownload = await chat.download(/bao-cao-.*\.pdf/);
          const workbook = new ExcelJS.Workbook();
          await workbook.xlsx.load(
            readFileSync(await xlsxDownload.path()) as unknown as Parameters<typeof workbook.xlsx.load>[0],
          );
          const rows = (sheet: string) =>
            (workbook.getWorksheet(sheet)?.getSheetValues() ?? [])
              .filter(Array.isArray)
              .map((r) => (r as unknown[]).slice(1));
          const figure = (sheet: string, label: string) => rows(sheet).find((r) => r[0] === label)?.[1];
          const june = rows('Cuộc họp').find((r) => r[1] === '20/06/2027');

          // Assess
          expect(run).toContain('october-report ran as of 2027-10-31T10:00:00.000Z');
          expect(await version.textContent()).toMatch(/phiên bản \d+/);
          expect(xlsxDownload.suggestedFilename()).toBe(`bao-cao-lien-he-noi-cu-tru-${DEMO_WARD}-2027.xlsx`);
          expect(
            readFileSync(await pdfDownload.path())
              .subarray(0, 5)
              .toString(),
          ).toBe('%PDF-');
          expect(figure('Đảng viên', 'Tổng số đảng viên được giới thiệu')).toBe(
            invited + waitingBySeed.length,
          );
          expect(figure('Đảng viên', 'Đã tiếp nhận')).toBe(invited);
          expect(figure('Đảng viên', 'Chưa tiếp nhận')).toBe(waitingBySeed.length);
          expect(figure('Đảng viên', 'Đang giữ mối liên hệ')).toBe(invited);
          // invited, present, absent with a confirmed reason, absent unconfirmed, no reply, absent while exempt,
          // absent on a travel notice: the seed's three travelling members are away (R3) and counted apart.
          expect(june?.slice(2, 9)).toEqual([invited, 2, 1, 0, invited - 6, 0, 3]);
          expect(figure('Nhận xét', 'Đã nhận xét (đã gửi)')).toBe(1);
          expect(figure('Nhận xét', 'Đề nghị: Biểu dương')).toBe(1);
          expect(rows('Biểu dương, phê bình').map((r) => r[1])).toContain(MEMBER_A);
        });
      },
      STEP_TIMEOUT,
    );
  });

  describe('the administrator sets up a new ward from the chat', () => {
    // Ids and names no seed record and no other test uses, so the walk runs alone or in any order.
    const WARD_ID = 'phuong-an-binh-e2e';
    const WARD_NAME = 'Đảng ủy phường An Bình';
    const HAMLETS = [
      { id: 'an-binh-e2e-kv1', name: 'Khu vực Bình Nhựt' },
      { id: 'an-binh-e2e-kv2', name: 'Khu vực Bình Yên' },
    ];
    const CHAIR = 'Huỳnh Văn Thới';
    const CHAIR_EMAIL = 'thoi.huynh@example.org';
    const CHAIR_ROLE = 'chủ trì cuộc họp';
    const PLACE = 'Nhà văn hóa khu vực Bình Nhựt';

    it(
      "creates a ward with two hamlets (/donvimoi), assigns its chair (/canbo); the chair links a new person's chat and plans the June meeting (/hop)",
      async () => {
        // Prepare: the page open (this test may run alone), the clock in May 2028 whatever the year walk did,
        // so that the rounds and dates offered are known; put back afterwards for whatever runs next.
        await chat.open();
        const before = (await (await fetch(`${stack.info.gateway}/_local/clock`)).json()) as {
          now: string;
          real: boolean;
        };
        await chat.setClock('2028-05-16T09:00');
        const ctx = createDynamoContext({ endpoint: stack.info.dynamodb, tableName: DEFAULT_TABLE_NAME });
        const repos = createRepositories(ctx);
        try {
          // Act & Assess, step by step: what the administrator and then the new chair see.
          await step(chat, 'admin-new-ward', async () => {
            await chat.as(QUAN);
            await chat.send('/donvimoi');
            await chat.botSays('Tạo đơn vị mới — chọn đơn vị cấp trên:');
            await chat.tap('Quận ủy Ninh Kiều');
            await chat.botSays('Chọn loại đơn vị:');
            await chat.tap('Đảng ủy xã, phường, thị trấn');
            await chat.botSays(/Gửi theo mẫu: mã; tên; các ấp, khu vực/);
            await chat.send(
              `${WARD_ID}; ${WARD_NAME}; ${HAMLETS.map((h) => `${h.id}=${h.name}`).join(', ')}`,
            );
            const created = await (await chat.botSays(`Đã tạo ${WARD_NAME}.`)).textContent();

            expect(created).toContain(`Ấp, khu vực: ${HAMLETS.map((h) => h.name).join(', ')}.`);
            expect(created).toContain('/canbo');
            // Users read hamlets by name, never by id.
            expect(created).not.toContain(HAMLETS[0]?.id);
          });

          const code = await step(chat, 'admin-assign-chair', async () => {
            await chat.send('/canbo');
            await chat.botSays('Giao vai trò cho cán bộ — chọn đơn vị:');
            await chat.tap(WARD_NAME);
            await chat.botSays(`${WARD_NAME} — chọn vai trò:`);
            const roles = await chat.botMessages().last().locator('.inline-button').allTextContents();
            await chat.tap(CHAIR_ROLE);
            await chat.botSays(`Gửi họ và tên của ${CHAIR_ROLE} tại ${WARD_NAME}:`);
            await chat.send(CHAIR);
            // A sign-in account for the HTTP API comes with an e-mail (on the local stack: recorded only).
            await chat.botSays(`Gửi địa chỉ e-mail của đồng chí ${CHAIR}`);
            await chat.send(CHAIR_EMAIL);
            const assigned = (await (await chat.botSays(/Mã liên kết: /)).textContent()) ?? '';
            const linkCode = /Mã liên kết: (\S+)/.exec(assigned)?.[1] ?? '';

            expect(roles).toEqual([
              'cán bộ cấp ủy nơi cư trú',
              CHAIR_ROLE,
              'thư ký cuộc họp',
              'cán bộ theo dõi',
            ]);
            expect(assigned).toContain(`Đã giao ${CHAIR_ROLE} tại ${WARD_NAME} cho đồng chí ${CHAIR}.`);
            expect(assigned).toContain(`?start=${linkCode}`);
            expect(assigned).toContain(`Tài khoản đăng nhập trang quản trị: ${CHAIR_EMAIL}`);
            expect(linkCode).toMatch(/^[A-Z0-9]{6,}$/);
            // The QR code of the deep link comes as a picture to forward.
            await chat.page.locator('.document', { hasText: `lien-ket-${linkCode}.png` }).waitFor();
            return linkCode;
          });

          const chairChat = await step(chat, 'new-person-links', async () => {
            const telegramId = await chat.addNewPerson(CHAIR);
            await chat.page.locator('#link-notice', { hasText: 'chưa liên kết' }).waitFor();
            await chat.send(`/start ${code}`);
            const linked = await (
              await chat.botSays(`Đã liên kết tài khoản với đồng chí ${CHAIR} (${CHAIR_ROLE}).`)
            ).textContent();
            await chat.page.locator('#link-notice').waitFor({ state: 'hidden' });
            await chat.page.locator('#head-sub', { hasText: WARD_NAME }).waitFor();
            // The linked chat got its role's commands in the "/" menu.
            await chat.page.click('#menu-button');
            await chat.page.locator('#command-menu .command-name', { hasText: /^\/hop$/ }).waitFor();
            await chat.page.click('#menu-button');
            await chat.page.locator('#command-menu').waitFor({ state: 'hidden' });

            expect(telegramId).toBeGreaterThan(0);
            expect(DEMO_STAFF.map((s) => s.telegramId)).not.toContain(telegramId);
            expect(linked).toContain('/hop');
            return telegramId;
          });

          await step(chat, 'new-chair-plans', async () => {
            await chat.send('/hop');
            await chat.botSays('Lên lịch cuộc họp giữ mối liên hệ. Chọn đợt họp:');
            await chat.tap('Đợt tháng 6/2028');
            await chat.tap('CN 18/06/2028');
            await chat.tap('19:30');
            // The new ward has no address yet: the prompt offers none.
            await chat.botSays('Gõ địa điểm họp (ví dụ: Hội trường Đảng ủy phường):');
            await chat.send(PLACE);
            await chat.botSays('Chọn đồng chí chủ trì cuộc họp (thường trực cấp ủy):');
            await chat.tap(CHAIR);
            await chat.tap('Dùng nội dung theo hướng dẫn');
            const summary = await (await chat.botSays(/Xác nhận lịch họp đợt tháng 6\/2028/)).textContent();
            await chat.tap(/^Xác nhận$/);
            const planned = await (
              await chat.botSays(/Đã lên lịch cuộc họp đợt tháng 6\/2028/)
            ).textContent();

            expect(summary).toContain('18/06/2028');
            expect(summary).toContain(CHAIR);
            expect(planned).toContain('19:30');
            expect(planned).toContain('18/06/2028');
            expect(planned).toContain(PLACE);
          });

          // Assess: what the table holds, read from DynamoDB Local, and who the chat page says the new person is.
          const ward = await repos.committees.get(WARD_ID);
          const cells = await Promise.all(HAMLETS.map((h) => repos.committees.get(h.id)));
          const staff = await repos.staff.ofCommittee(WARD_ID);
          const link = await repos.chatLinks.byChat('telegram', String(chairChat));
          const meetings = await repos.meetings.ofCommittee(WARD_ID);
          const users = (await (await fetch(`${stack.info.gateway}/_local/demo-users`)).json()) as DemoUser[];

          expect(ward).toMatchObject({
            name: WARD_NAME,
            kind: 'residence',
            parentId: DEMO_DISTRICT,
            hamlets: HAMLETS,
          });
          expect(cells.map((c) => [c?.name, c?.kind, c?.parentId])).toEqual(
            HAMLETS.map((h) => [h.name, 'hamlet_cell', WARD_ID]),
          );
          expect(staff.map((s) => [s.fullName, s.role])).toEqual([[CHAIR, 'chair']]);
          expect(link).toMatchObject({ kind: 'staff', id: staff[0]?.id });
          expect(meetings).toHaveLength(1);
          expect(meetings[0]).toMatchObject({
            id: `${WARD_ID}.2028.06`,
            year: 2028,
            round: 'june',
            date: '2028-06-18',
            time: '19:30',
            place: PLACE,
            chairStaffId: staff[0]?.id,
            chairName: CHAIR,
          });
          expect(users.find((u) => u.telegramId === chairChat)).toMatchObject({
            name: CHAIR,
            kind: 'new',
            linked: true,
            role: 'chair',
            orgId: WARD_ID,
            orgName: WARD_NAME,
          });
        } finally {
          ctx.client.destroy();
          await fetch(`${stack.info.gateway}/_local/clock`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(before.real ? { reset: true } : { now: before.now }),
          });
        }
      },
      E2E_TIMEOUT,
    );
  });

  it(
    'stops everything on Ctrl-C and leaves no process behind',
    async () => {
      // Act & Assess: stop() fails when the stack or its Java process outlives SIGINT.
      await stack.stop();
      expect(stack.output()).toContain('Stopped. Nothing is left running.');
    },
    E2E_TIMEOUT,
  );
});
