// E2E support: the chat page as a person uses it — pick a demo user on Telegram or Zalo, type, tap buttons, download
// what the bot sends. Both looks share the same marks (.row.bot, .row.user, .inline-button, .document), so every
// helper works on either; the Zalo look's own parts (its header, buttons inside the message) have their own.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import type { DemoChannel } from '../../../local/control-protocol.js';
import { REPO_ROOT } from '../../../local/settings.js';

export const RESULTS_DIR = join(REPO_ROOT, 'test-results', 'e2e');

export class ChatPage {
  constructor(
    readonly page: Page,
    private readonly url: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(this.url);
    // The list shows before the page has wired its controls; acting earlier would type into a dead search box.
    await this.page.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
    await this.page.locator('.user').first().waitFor();
  }

  /**
   * Clicks the demo user's account on `channel` in the list (by full name) and waits for that conversation to
   * load; a person on both channels has one row per channel.
   */
  async as(name: string, channel: DemoChannel = 'telegram'): Promise<void> {
    await this.page.fill('#search', name);
    await this.page.locator(`.user[data-channel="${channel}"]`, { hasText: name }).first().click();
    await this.page.locator('#head-name', { hasText: name }).waitFor();
    await this.page.locator(`#chat[data-channel="${channel}"]`).waitFor();
    await this.page.fill('#search', '');
  }

  /**
   * Adds a person nobody has linked yet with the page's "+ Người mới" control, and waits for their (empty)
   * conversation; resolves with the Telegram id the page gave them.
   */
  async addNewPerson(name: string): Promise<number> {
    return Number(await this.addNewAccount(name, 'telegram'));
  }

  /** The same on Zalo; resolves with the Zalo user id the page gave them on the emulator's OA. */
  async addNewZaloPerson(name: string): Promise<string> {
    return this.addNewAccount(name, 'zalo');
  }

  private async addNewAccount(name: string, channel: DemoChannel): Promise<string> {
    await this.page.fill('#new-person-name', name);
    await this.page.selectOption('#new-person-channel', channel);
    await this.page.click('#new-person button[type=submit]');
    await this.page.locator('#head-name', { hasText: name }).waitFor();
    await this.page.locator(`#chat[data-channel="${channel}"]`).waitFor();
    const item = this.page.locator(`.user.active[data-channel="${channel}"]`, { hasText: name });
    return (await item.getAttribute(channel === 'zalo' ? 'data-zalo-user-id' : 'data-telegram-id')) ?? '';
  }

  /** Types into the message box and presses Enter. */
  async send(text: string): Promise<void> {
    const before = await this.userMessages().count();
    await this.page.fill('#text', text);
    await this.page.press('#text', 'Enter');
    await this.userMessages().nth(before).waitFor();
  }

  userMessages(): Locator {
    return this.page.locator('.row.user');
  }

  botMessages(): Locator {
    return this.page.locator('.row.bot');
  }

  /** The newest bot message whose text matches, once it is there. */
  async botSays(text: string | RegExp, timeout = 30_000): Promise<Locator> {
    const message = this.botMessages().filter({ hasText: text }).last();
    await message.waitFor({ timeout });
    return message;
  }

  /** Taps an inline button under the newest bot message that has one with this label. */
  async tap(label: string | RegExp, timeout = 30_000): Promise<void> {
    const button = this.page.locator('.row.bot .inline-button', { hasText: label }).last();
    await button.waitFor({ timeout });
    await button.click();
  }

  /** The labels of the buttons under a bot message, in order (on Zalo: the full-width rows inside it). */
  async buttonsOf(message: Locator): Promise<string[]> {
    return message.locator('.inline-button').allTextContents();
  }

  /** Zalo's look: the conversation's header colour (Zalo's blue when a Zalo account is played). */
  async headColour(): Promise<string> {
    return this.page.locator('#chat-head').evaluate((head) => {
      // Runs in the page (the tests' types have no DOM).
      const page = globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } };
      return page.getComputedStyle(head).backgroundColor;
    });
  }

  /** Clicks a document the bot sent and returns the browser's download. */
  async download(fileName: string | RegExp, timeout = 30_000): Promise<Download> {
    const card = this.page.locator('.document', { hasText: fileName }).last();
    await card.waitFor({ timeout });
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout }), card.click()]);
    return download;
  }

  /** Moves the stack's clock from the page's test tools ("Công cụ thử nghiệm"), as a demo user would. */
  async setClock(wallClock: string): Promise<void> {
    const tools = this.page.locator('.tools details');
    if ((await tools.getAttribute('open')) === null) await this.page.click('.tools summary');
    await this.page.fill('#clock-input', wallClock);
    await this.page.click('#clock-form button[type=submit]');
    const [date, time] = wallClock.split('T');
    const [y, m, d] = (date ?? '').split('-');
    await this.page.locator('#clock-now', { hasText: `${d}/${m}/${y}` }).waitFor();
    await this.page.locator('#clock-now', { hasText: time ?? '' }).waitFor();
  }

  /** A screenshot into test-results/e2e/ (git-ignored). */
  async screenshot(name: string): Promise<string> {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const path = join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }
}

/** Runs one step of a walk; on failure saves a screenshot named after the step, then fails with the step's name. */
export async function step<T>(chat: ChatPage, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const shot = await chat.screenshot(`failed-${name}`).catch(() => 'no screenshot');
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Step "${name}" failed (screenshot: ${shot}): ${message}`, { cause: error });
  }
}
