// E2E support: the chat page as a person uses it — pick a demo user, type, tap buttons, download what the bot sends.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
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

  /** Clicks the demo user in the list (by full name) and waits for their conversation to load. */
  async as(name: string): Promise<void> {
    await this.page.fill('#search', name);
    await this.page.locator('.user', { hasText: name }).first().click();
    await this.page.locator('#head-name', { hasText: name }).waitFor();
    await this.page.fill('#search', '');
  }

  /**
   * Adds a person nobody has linked yet with the page's "+ Người mới" control, and waits for their (empty)
   * conversation; resolves with the Telegram id the page gave them.
   */
  async addNewPerson(name: string): Promise<number> {
    await this.page.fill('#new-person-name', name);
    await this.page.click('#new-person button[type=submit]');
    await this.page.locator('#head-name', { hasText: name }).waitFor();
    const item = this.page.locator('.user.active', { hasText: name });
    return Number(await item.getAttribute('data-telegram-id'));
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
