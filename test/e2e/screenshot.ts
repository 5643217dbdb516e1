// Takes docs/chat-page.png for the README: starts the local stack, talks to the bot on the chat page, shoots.
// Run: npx tsx test/e2e/screenshot.ts
import { join } from 'node:path';
import { REPO_ROOT } from '../../local/settings.js';
import { launchChromium } from './support/browser.js';
import { ChatPage } from './support/chat-page.js';
import { startStackProcess } from './support/stack-process.js';

const stack = await startStackProcess({ clock: '2027-05-20T09:00' });
const browser = await launchChromium();
try {
  const chat = new ChatPage(await browser.context.newPage(), `${stack.info.gateway}/chat/`);
  await chat.open();
  await chat.as('Nguyễn Văn An');
  await chat.send('/start');
  await chat.botMessages().first().waitFor({ timeout: 15_000 });
  await chat.page.waitForTimeout(500);
  const path = join(REPO_ROOT, 'docs', 'chat-page.png');
  await chat.page.screenshot({ path });
  process.stdout.write(`saved ${path}\n`);
} finally {
  await browser.close();
  await stack.stop();
}
