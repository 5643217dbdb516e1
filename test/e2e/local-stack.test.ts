// E2E: `npm start` on free ports with an in-memory DynamoDB Local, driven through the chat page in headless
// Chromium like a person would, and through the HTTP API where the bot has no command for a step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEMBERS, DEMO_STAFF } from '../../local/seed.js';
import { type LaunchedBrowser, launchChromium } from './support/browser.js';
import { ChatPage, step } from './support/chat-page.js';
import { type StackProcess, startStackProcess } from './support/stack-process.js';

const E2E_TIMEOUT = 120_000;

describe('E2E: the local stack in a browser', () => {
  let stack: StackProcess;
  let browser: LaunchedBrowser;
  let chat: ChatPage;

  beforeAll(async () => {
    // May 2027: the June meeting of the year is still ahead.
    stack = await startStackProcess({ clock: '2027-05-20T09:00' });
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
    expect(output).toContain('Trần Thị Mai');
    expect(output).toMatch(/residence_staff\s+Trần Thị Mai/);
    expect(output).toContain('source ');
    expect(output).toContain('Stop: Ctrl-C');
    expect(output).not.toMatch(/NodeVersionSupportWarning/);
  });

  it('lists every demo user on the chat page, staff first, and finds them by name', async () => {
    await step(chat, 'demo-users', async () => {
      // Act
      await chat.open();
      const names = await chat.page.locator('.user .user-name').allTextContents();
      await chat.page.fill('#search', 'Bích Ngọc');
      const found = await chat.page.locator('.user .user-name').allTextContents();
      await chat.page.fill('#search', '');

      // Assess
      expect(names).toHaveLength(DEMO_STAFF.length + DEMO_MEMBERS.length);
      expect(names.slice(0, DEMO_STAFF.length)).toEqual(DEMO_STAFF.map((s) => s.fullName));
      expect(found).toEqual(['Trần Thị Bích Ngọc']);
      expect(
        await chat.page.locator('.user', { hasText: 'Châu Thị Ngọc Hân' }).locator('.badge').textContent(),
      ).toBe('chưa liên kết');
    });
  });

  it('delivers what a demo user types to the Bot API emulator as a real Telegram update', async () => {
    await step(chat, 'typing', async () => {
      // Act
      await chat.as('Nguyễn Văn An');
      await chat.send('Xin chào');
      const res = await fetch(`${stack.info.emulator}/_emulator/chats/7200000001/messages`);
      const view = (await res.json()) as {
        messages: { from: string; text?: string; message: { from?: { id: number } } }[];
      };

      // Assess
      expect(await chat.userMessages().last().textContent()).toContain('Xin chào');
      const sent = view.messages.filter((m) => m.from === 'user').map((m) => m.text);
      expect(sent).toContain('Xin chào');
      expect(view.messages.find((m) => m.text === 'Xin chào')?.message.from?.id).toBe(7200000001);
    });
  });

  it('stops everything on Ctrl-C and leaves no process behind', async () => {
    // Act & Assess: stop() fails when the stack or its Java process outlives SIGINT.
    await stack.stop();
    expect(stack.output()).toContain('Stopped. Nothing is left running.');
  });
});
