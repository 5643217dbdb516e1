// Takes docs/chat-page.png and docs/chat-page-zalo.png for the README: starts the local stack, plans and sends a
// meeting's invitations through the API, then answers one on the chat page as a member on Telegram and one as a
// member on Zalo, and shoots each. Run: npx tsx test/e2e/screenshot.ts
import { join } from 'node:path';
import { REPO_ROOT } from '../../local/settings.js';
import { Api, readTokens } from './support/api.js';
import { launchChromium } from './support/browser.js';
import { ChatPage } from './support/chat-page.js';
import { startStackProcess } from './support/stack-process.js';

const stack = await startStackProcess({ clock: '2027-05-20T09:00' });
const browser = await launchChromium();
try {
  const api = new Api(stack.info.gateway, readTokens(stack.dataDir));
  const planned = await api.expect<{ meeting: { id: string } }>(
    201,
    'RESIDENCE_STAFF',
    'POST',
    '/committees/phuong-an-hoa/meetings',
    {
      year: 2027,
      round: 'june',
      date: '2027-06-20',
      time: '08:00',
      place: 'Hội trường Đảng ủy phường An Hòa',
      chairStaffId: 'st-ah-binh',
    },
  );
  await api.expect(202, 'RESIDENCE_STAFF', 'POST', `/meetings/${planned.body.meeting.id}/invitations`);

  const chat = new ChatPage(await browser.context.newPage(), `${stack.info.gateway}/chat/`);
  await chat.open();
  await chat.as('Trần Thị Bích Ngọc');
  await chat.botSays(/THƯ MỜI HỌP/, 60_000);
  await chat.tap('Vắng mặt');
  await chat.tap('Bận công tác');
  await chat.botSays(/lời giải thích/);
  await chat.send('Đi công tác Hà Nội từ 18 đến 22/6');
  await chat.botSays(/Đã gửi lý do vắng mặt/);
  // The bot then edits the invitation (its "Bỏ qua" button goes); the toast fades after 3 s.
  await chat.page.locator('.inline-button', { hasText: 'Bỏ qua' }).waitFor({ state: 'detached' });
  await chat.page.locator('#toast').waitFor({ state: 'hidden' });
  await chat.page.locator('.user', { hasText: 'Trần Thị Bích Ngọc' }).scrollIntoViewIfNeeded();
  const path = join(REPO_ROOT, 'docs', 'chat-page.png');
  await chat.page.screenshot({ path });
  process.stdout.write(`saved ${path}\n`);

  // The same answer on Zalo: the invitation's buttons under it, and a new message for each new state.
  await chat.as('Dương Thị Lan Anh', 'zalo');
  await chat.botSays(/THƯ MỜI HỌP/, 60_000);
  await chat.tap('Vắng mặt');
  await chat.tap('Ốm đau');
  await chat.botSays(/lời giải thích/);
  await chat.send('Đi khám sức khỏe định kỳ từ 18 đến 22/6');
  await chat.botSays(/Đã gửi lý do vắng mặt/);
  await chat.page
    .locator('.user[data-channel="zalo"]', { hasText: 'Dương Thị Lan Anh' })
    .scrollIntoViewIfNeeded();
  const zaloPath = join(REPO_ROOT, 'docs', 'chat-page-zalo.png');
  await chat.page.screenshot({ path: zaloPath });
  process.stdout.write(`saved ${zaloPath}\n`);
} finally {
  await browser.close();
  await stack.stop();
}
