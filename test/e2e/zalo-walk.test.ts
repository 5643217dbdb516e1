// E2E: issue 15's "Done when" on `npm start`, in headless Chromium through the chat page — a member linked on Zalo gets
// the June invitation and answers "Vắng mặt" with a reason, the workplace (on Telegram) confirms it, and the ward's
// secretary (on Zalo) takes attendance and signs the minutes, receiving the PDF as a file card in her Zalo chat; and a
// new person added on Zalo follows the OA and links with a code.
import { readFileSync } from 'node:fs';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoUser } from '../../local/control-protocol.js';
import { DEMO_WARD, DEMO_ZALO_ACCOUNTS, DEMO_ZALO_MEMBER, DEMO_ZALO_SECRETARY } from '../../local/seed.js';
import { Api, readTokens } from './support/api.js';
import { type LaunchedBrowser, launchChromium } from './support/browser.js';
import { ChatPage, step } from './support/chat-page.js';
import { type StackProcess, startStackProcess } from './support/stack-process.js';

const E2E_TIMEOUT = 180_000;
const STEP_TIMEOUT = 120_000;
const MEETING = `${DEMO_WARD}.2027.06`;
/** Zalo's blue, as the chat page draws the header of a Zalo conversation. */
const ZALO_BLUE = 'rgb(0, 104, 255)';

// The demo people of the walk (local/seed.ts): who is on which channel.
const MAI = 'Trần Thị Mai'; // residence staff, phường An Hòa — Telegram
const HA = 'Lê Thị Thu Hà'; // workplace staff, Sở Y tế — Telegram
const LAN_ANH = 'Dương Thị Lan Anh'; // dv-12, Sở Y tế, phường An Hòa — Zalo (and Telegram)
const BINH = 'Nguyễn Văn Bình'; // the chair — Telegram
const DIEP = 'Lê Thị Ngọc Diệp'; // the secretary — Zalo (and Telegram)
const HAN = 'Châu Thị Ngọc Hân'; // dv-13, not linked: a new Zalo account links as her with DEMODV13
const REASON = 'Đi khám sức khỏe định kỳ tại Hà Nội từ 18 đến 22/6';

interface ZaloMessageView {
  seq: number;
  from: 'user' | 'oa';
  text?: string;
  hidden?: boolean;
}

describe('E2E: the year on Zalo (issue 15, Done when)', () => {
  let stack: StackProcess;
  let browser: LaunchedBrowser;
  let chat: ChatPage;
  let api: Api;

  /** The Zalo conversation as the emulator keeps it (what the OA and the user really sent). */
  const zaloConversation = async (zaloUserId: string) =>
    (
      (await (await fetch(`${stack.info.zaloEmulator}/_emulator/users/${zaloUserId}/messages`)).json()) as {
        messages: ZaloMessageView[];
      }
    ).messages;

  beforeAll(async () => {
    // 20 May 2027: the June meeting of the year is ahead.
    stack = await startStackProcess({ clock: '2027-05-20T09:00' });
    api = new Api(stack.info.gateway, readTokens(stack.dataDir));
    browser = await launchChromium();
    chat = new ChatPage(await browser.context.newPage(), `${stack.info.gateway}/chat/`);
  }, E2E_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop().catch(() => undefined);
  }, E2E_TIMEOUT);

  it('lists the Zalo accounts with a "Zalo" badge, each right after the same person on Telegram', async () => {
    await step(chat, 'zalo-list', async () => {
      // Act
      await chat.open();
      const zaloRows = chat.page.locator('.user[data-channel="zalo"]');
      const names = await zaloRows.locator('.user-name').allTextContents();
      const badges = await zaloRows.locator('.channel-badge').allTextContents();
      const diepRows = await Promise.all(
        (await chat.page.locator('.user', { hasText: DIEP }).all()).map((r) =>
          r.getAttribute('data-channel'),
        ),
      );
      const users = (await (await fetch(`${stack.info.gateway}/_local/demo-users`)).json()) as DemoUser[];

      // Assess
      expect(names).toEqual([DIEP, LAN_ANH]);
      expect(badges).toEqual(['Zalo', 'Zalo']);
      expect(diepRows).toEqual(['telegram', 'zalo']);
      expect(users.filter((u) => u.channel === 'zalo').map((u) => [u.id, u.zaloUserId, u.linked])).toEqual(
        DEMO_ZALO_ACCOUNTS.map((a) => [a.subject.id, a.zaloUserId, true]),
      );
      expect(stack.output()).toContain(`on Zalo too (their "Zalo" row on the chat page): ${DIEP}`);
    });
  });

  it(
    'May: the ward plans the June meeting (API) and sends the invitations from the chat page (/moi, on Telegram)',
    async () => {
      await step(chat, 'zalo-invite', async () => {
        // Prepare
        await api.expect(201, 'RESIDENCE_STAFF', 'POST', `/committees/${DEMO_WARD}/meetings`, {
          year: 2027,
          round: 'june',
          date: '2027-06-20',
          time: '08:00',
          place: 'Hội trường Đảng ủy phường An Hòa',
          chairStaffId: 'st-ah-binh',
        });

        // Act
        await chat.as(MAI);
        await chat.send('/moi');
        await chat.tap(/Họp tháng 6\/2027/);
        const done = await chat.botSays(/Đã gửi xong thư mời/, 60_000);

        // Assess
        expect(await done.textContent()).toMatch(/\d+\/\d+/);
      });
    },
    STEP_TIMEOUT,
  );

  it(
    'May: the member on Zalo gets the invitation drawn like Zalo, presses "Vắng mặt" and types her reason',
    async () => {
      await step(chat, 'zalo-absent', async () => {
        // Act
        await chat.as(LAN_ANH, 'zalo');
        const invitation = await chat.botSays(/THƯ MỜI HỌP/, 60_000);
        const invitationText = await invitation.textContent();
        const buttons = await chat.buttonsOf(invitation);
        const rowsInCard = await invitation.locator('.zalo-card .zalo-buttons .zalo-button').count();
        const headColour = await chat.headColour();
        const typedBefore = await chat.userMessages().count();
        await chat.tap('Vắng mặt');
        const categories = await chat.buttonsOf(await chat.botSays(/chọn lý do vắng mặt/));
        await chat.tap('Ốm đau');
        await chat.botSays(/lời giải thích/);
        await chat.send(REASON);
        const sent = await chat.botSays(/Đã gửi lý do vắng mặt/);
        const conversation = await zaloConversation(DEMO_ZALO_MEMBER.zaloUserId);

        // Assess: Zalo's look — the blue OA header, the buttons inside the message, under its text.
        expect(headColour).toBe(ZALO_BLUE);
        expect(buttons).toEqual(['Tham dự', 'Vắng mặt']);
        expect(rowsInCard).toBe(2);
        expect(invitationText).toContain('20/06/2027');
        expect(categories).toContain('Bận công tác');
        expect(await sent.textContent()).toContain('cấp ủy nơi công tác');
        // The presses went to the OA as hidden texts (oa.query.hide): not in her chat; only the reason is.
        const presses = conversation.filter((m) => m.from === 'user' && m.hidden);
        expect(presses.length).toBeGreaterThanOrEqual(2);
        expect(presses.every((m) => m.text?.startsWith('#'))).toBe(true);
        expect(await chat.userMessages().count()).toBe(typedBefore + 1);
        expect(await chat.userMessages().last().textContent()).toContain(REASON);
        // No edits on Zalo: the invitation is still there as it came, and nothing reads "đã sửa".
        expect(
          await chat
            .botMessages()
            .filter({ hasText: /THƯ MỜI HỌP/ })
            .first()
            .textContent(),
        ).toBe(invitationText);
        expect(await chat.page.locator('.edited').count()).toBe(0);
      });
    },
    STEP_TIMEOUT,
  );

  it(
    'June: the workplace (on Telegram) confirms her reason, and she is told on Zalo',
    async () => {
      await step(chat, 'zalo-confirm', async () => {
        // Act
        await chat.as(HA);
        const request = await chat.botSays(/ĐỀ NGHỊ XÁC NHẬN LÝ DO VẮNG MẶT/, 30_000);
        const requestText = await request.textContent();
        await chat.tap(/^Xác nhận$/);
        await chat.botSays(/Đã xác nhận lý do vắng mặt/);
        const telegramHead = await chat.headColour();
        await chat.as(LAN_ANH, 'zalo');
        const told = await chat.botSays(/đã xác nhận lý do vắng mặt/, 30_000);

        // Assess
        expect(requestText).toContain(LAN_ANH);
        expect(requestText).toContain(REASON);
        expect(telegramHead).not.toBe(ZALO_BLUE);
        expect(await told.textContent()).toContain('20/06/2027');
      });
    },
    STEP_TIMEOUT,
  );

  it(
    '20 June: the secretary (on Zalo) takes attendance (/diemdanh); each tap is a new sheet, never an edit',
    async () => {
      await step(chat, 'zalo-attendance', async () => {
        // Prepare: the meeting day, set from the chat page's test tools.
        await chat.setClock('2027-06-20T08:30');

        // Act
        await chat.as(DIEP, 'zalo');
        await chat.send('/diemdanh');
        const opened = await chat.botSays(/ĐIỂM DANH/);
        const openedText = (await opened.textContent()) ?? '';
        const invited = Number(/Tổng số: (\d+)/.exec(openedText)?.[1]);
        const sheetsBefore = await chat
          .botMessages()
          .filter({ hasText: /ĐIỂM DANH/ })
          .count();
        await chat.tap(/Nguyễn Văn An → có mặt/);
        const taken = await chat.botSays(/Có mặt: 1 —/);
        const sheetsAfter = await chat
          .botMessages()
          .filter({ hasText: /ĐIỂM DANH/ })
          .count();

        // Assess
        expect(invited).toBeGreaterThan(10);
        expect(openedText).toContain(`Tổng số: ${invited} — Có mặt: 0 — Vắng mặt: ${invited}`);
        expect(await taken.textContent()).toContain(
          `Tổng số: ${invited} — Có mặt: 1 — Vắng mặt: ${invited - 1}`,
        );
        expect(sheetsAfter).toBe(sheetsBefore + 1);
        // The first sheet still reads as it did: Zalo cannot edit a message.
        expect(
          await chat
            .botMessages()
            .filter({ hasText: /ĐIỂM DANH/ })
            .first()
            .textContent(),
        ).toBe(openedText);
      });
    },
    STEP_TIMEOUT,
  );

  it(
    '20 June: the secretary writes the minutes (/bienban) on Zalo; the chair signs on Telegram, she signs on Zalo and receives the PDF',
    async () => {
      await step(chat, 'zalo-minutes', async () => {
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
        await chat.as(DIEP, 'zalo');
        await chat.send('/ky');
        const sealed = await chat.botSays(/niêm phong/, 30_000);
        const card = chat.page.locator('.row.bot .zalo-file', { hasText: `bien-ban-${MEETING}.pdf` }).last();
        await card.waitFor({ timeout: 30_000 });
        const href = (await card.getAttribute('href')) ?? '';
        const download = await chat.download(`bien-ban-${MEETING}.pdf`);
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
        const oaFiles = await (
          await fetch(`${stack.info.zaloEmulator}/_emulator/calls?endpoint=upload`)
        ).json();

        // Assess
        expect(await sealed.textContent()).toContain('Bản PDF được gửi cho đồng chí chủ trì và thư ký');
        expect(href.startsWith(`${stack.info.zaloEmulator}/files/`)).toBe(true);
        expect(download.suggestedFilename()).toBe(`bien-ban-${MEETING}.pdf`);
        expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
        expect(text).toContain(BINH);
        expect(text).toContain(DIEP);
        expect(text).toContain('Phần 2.6: nội dung đã thống nhất tại cuộc họp.');
        expect(minutes.body.seal?.verifies).toBe(true);
        expect(JSON.stringify(oaFiles)).toContain(`bien-ban-${MEETING}.pdf`);
        // She signed as the secretary from her Zalo account (the OA got her /ky as a text).
        const sentByHer = (await zaloConversation(DEMO_ZALO_SECRETARY.zaloUserId)).filter(
          (m) => m.from === 'user' && !m.hidden,
        );
        expect(sentByHer.map((m) => m.text)).toContain('/ky');
      });
    },
    STEP_TIMEOUT,
  );

  it(
    'a new person on Zalo ("+ Người mới", Zalo) follows the OA ("Quan tâm"), is greeted and links with a code',
    async () => {
      await step(chat, 'zalo-new-person', async () => {
        // Act
        const zaloUserId = await chat.addNewZaloPerson(HAN);
        const notice = chat.page.locator('#link-notice', { hasText: 'chưa quan tâm OA' });
        await notice.waitFor();
        const before = await notice.textContent();
        await chat.page.click('#link-notice .follow-button');
        const greeting = await chat.botSays(/quan tâm Official Account/);
        await chat.page.locator('#link-notice', { hasText: 'Người mới, chưa liên kết' }).waitFor();
        await chat.send('/start DEMODV13');
        // The purpose notice first (issue 18): she agrees.
        await chat.botSays(/THÔNG BÁO VỀ XỬ LÝ DỮ LIỆU CÁ NHÂN/);
        await chat.tap(/^\s*Đồng ý\s*$/); // not «Không đồng ý», which holds the same words
        const linked = await chat.botSays(`Đã liên kết tài khoản với đảng viên ${HAN}`);
        await chat.page.locator('#link-notice').waitFor({ state: 'hidden' });
        const users = (await (await fetch(`${stack.info.gateway}/_local/demo-users`)).json()) as DemoUser[];

        // Assess
        expect(zaloUserId).toMatch(/^\d+$/);
        expect(before).toContain('chưa quan tâm OA');
        expect(await greeting.textContent()).toContain('mã liên kết');
        expect(await linked.textContent()).toContain('qua đây');
        expect(await chat.page.locator('.user.active .channel-badge').textContent()).toBe('Zalo');
        expect(users.find((u) => u.key === `zalo:${zaloUserId}`)).toMatchObject({
          channel: 'zalo',
          kind: 'new',
          id: 'dv-13',
          role: 'member',
          linked: true,
        });
      });
    },
    STEP_TIMEOUT,
  );

  it(
    'stops everything on Ctrl-C and leaves no process behind',
    async () => {
      // Prepare: the notices of the last steps delivered (the relay's stop waits for a delivery in flight — the
      // sealed minutes' PDF took seconds on a loaded machine — and the stack forces its exit after 10 s).
      await fetch(`${stack.info.gateway}/_local/outbox/drain`, { method: 'POST' });

      // Act & Assess
      await stack.stop();
      expect(stack.output()).toContain('Stopped. Nothing is left running.');
    },
    E2E_TIMEOUT,
  );
});
