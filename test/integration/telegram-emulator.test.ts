// Integration tests of the Telegram Bot API emulator, driven by a real grammY client and a grammY webhook bot.
import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, GrammyError, InlineKeyboard, InputFile, webhookCallback } from 'grammy';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type ChatView,
  DESCRIPTIONS,
  type RateLimits,
  TelegramEmulator,
} from '../../local/telegram-emulator/index.js';

const alice = { id: 1001, first_name: 'Alice', last_name: 'Nguyen', username: 'alice', language_code: 'vi' };
const bob = { id: 1002, first_name: 'Bob' };
const SECRET = 'webhook-secret_1';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until the emulator holds a long poll open: a busy machine may take any time to get the call there. */
async function untilPolling(emulator: TelegramEmulator): Promise<void> {
  const guard = Date.now() + 30_000;
  while (!emulator.longPollWaiting) {
    if (Date.now() > guard) throw new Error('no long poll reached the emulator');
    await sleep(5);
  }
}

/** The GrammyError a call fails with (the test fails if it succeeds or fails otherwise). */
async function apiError(call: Promise<unknown>): Promise<GrammyError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof GrammyError) return error;
    throw error;
  }
  throw new Error('The call succeeded but an error was expected');
}

async function listen(handler: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function close(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

describe('Class: TelegramEmulator', () => {
  // A fake clock that only moves forward: tests skip flood windows instead of sleeping through them.
  let skew = 0;
  const emu = new TelegramEmulator({ now: () => Date.now() + skew, firstUpdateId: 500 });
  let bot: Bot;

  beforeAll(async () => {
    await emu.start();
    bot = new Bot(emu.token, { client: { apiRoot: emu.url }, botInfo: emu.botInfo });
  });

  afterAll(async () => {
    await emu.stop();
  });

  beforeEach(() => {
    emu.reset();
    emu.disableRateLimits();
  });

  describe('Bot API methods', () => {
    it('answers getMe with the bot user of the token', async () => {
      // Act
      const me = await bot.api.getMe();

      // Assess
      expect(me).toMatchObject({
        id: 1234567890,
        is_bot: true,
        username: 'emulated_bot',
        can_join_groups: true,
      });
      expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it('adds the configured network round trip to every call, half of it before the call is recorded', async () => {
      // Prepare
      emu.setApiLatency(200);

      // Act
      const t0 = Date.now();
      await bot.api.getMe();
      const took = Date.now() - t0;
      emu.setApiLatency(0);
      const recordedAt = emu.callsOf('getMe').at(-1)?.time ?? 0;

      // Assess: lower bounds only (a busy machine adds time, never removes it); timers may fire 1 ms early
      expect(took).toBeGreaterThanOrEqual(198);
      expect(recordedAt - skew - t0).toBeGreaterThanOrEqual(98);
    });

    it('sends a message with HTML and an inline keyboard as a real Message', async () => {
      // Prepare
      const keyboard = new InlineKeyboard().text('Có', 'rsvp:yes').text('Không', 'rsvp:no');

      // Act
      const message = await bot.api.sendMessage(alice.id, '<b>Mời họp</b> ngày 15/6 &amp; 16/6', {
        parse_mode: 'HTML',
        reply_markup: keyboard,
      });

      // Assess
      expect(message).toMatchObject({
        message_id: 1,
        from: { id: emu.botInfo.id, is_bot: true, username: 'emulated_bot' },
        chat: { id: alice.id, type: 'private' },
        text: 'Mời họp ngày 15/6 & 16/6',
        entities: [{ type: 'bold', offset: 0, length: 7 }],
        reply_markup: {
          inline_keyboard: [
            [
              { text: 'Có', callback_data: 'rsvp:yes' },
              { text: 'Không', callback_data: 'rsvp:no' },
            ],
          ],
        },
      });
      expect(message.date).toBeGreaterThan(1_600_000_000);
      expect(emu.lastBotMessage(alice.id)).toMatchObject({ messageId: 1, from: 'bot', text: message.text });
    });

    it('edits the text (edit_date, history) and the reply markup of a bot message', async () => {
      // Prepare
      const keyboard = new InlineKeyboard().text('Có', 'rsvp:yes');
      const sent = await bot.api.sendMessage(alice.id, 'Bạn sẽ dự họp?', { reply_markup: keyboard });

      // Act
      const edited = await bot.api.editMessageText(alice.id, sent.message_id, 'Bạn sẽ dự họp? (nhắc lại)', {
        reply_markup: keyboard,
      });
      const unmarked = await bot.api.editMessageReplyMarkup(alice.id, sent.message_id, {
        reply_markup: new InlineKeyboard().text('Đã trả lời', 'done'),
      });

      // Assess
      expect(edited).toMatchObject({ message_id: sent.message_id, text: 'Bạn sẽ dự họp? (nhắc lại)' });
      expect(typeof (edited as { edit_date?: number }).edit_date).toBe('number');
      expect(unmarked).toMatchObject({
        reply_markup: { inline_keyboard: [[{ text: 'Đã trả lời', callback_data: 'done' }]] },
      });
      const stored = emu.message(alice.id, sent.message_id);
      expect(stored?.text).toBe('Bạn sẽ dự họp? (nhắc lại)');
      expect(stored?.history.map((h) => h.text)).toEqual(['Bạn sẽ dự họp?', 'Bạn sẽ dự họp? (nhắc lại)']);
    });

    it('drops the inline keyboard when editMessageText has no reply_markup, as Telegram does', async () => {
      // Prepare
      const sent = await bot.api.sendMessage(alice.id, 'Q', {
        reply_markup: new InlineKeyboard().text('A', 'a'),
      });

      // Act
      const edited = await bot.api.editMessageText(alice.id, sent.message_id, 'Q2');

      // Assess
      expect((edited as { reply_markup?: unknown }).reply_markup).toBeUndefined();
      expect(emu.message(alice.id, sent.message_id)?.replyMarkup).toBeUndefined();
    });

    it('answers a callback query the user made and keeps the answer', async () => {
      // Prepare
      const sent = await bot.api.sendMessage(alice.id, 'Q', {
        reply_markup: new InlineKeyboard().text('A', 'a'),
      });
      const press = await emu.pressButton({ user: alice, messageId: sent.message_id, data: 'a' });
      const queryId = press.update.callback_query?.id ?? '';

      // Act
      const answered = await bot.api.answerCallbackQuery(queryId, { text: 'Đã ghi nhận', show_alert: true });

      // Assess
      expect(answered).toBe(true);
      expect(emu.callbackAnswer(queryId)).toEqual({ text: 'Đã ghi nhận', show_alert: true });
    });

    it('sends chat actions, sets commands and deletes messages', async () => {
      // Prepare
      const sent = await bot.api.sendMessage(alice.id, 'to delete');

      // Act
      const typing = await bot.api.sendChatAction(alice.id, 'typing');
      const commands = await bot.api.setMyCommands([
        { command: 'start', description: 'Bắt đầu' },
        { command: 'lich_hop', description: 'Lịch họp' },
      ]);
      const listed = await bot.api.getMyCommands();
      const deleted = await bot.api.deleteMessage(alice.id, sent.message_id);

      // Assess
      expect([typing, commands, deleted]).toEqual([true, true, true]);
      expect(emu.chatActions(alice.id).map((a) => a.action)).toEqual(['typing']);
      expect(listed.map((c) => c.command)).toEqual(['start', 'lich_hop']);
      expect(emu.commands().map((c) => c.command)).toEqual(['start', 'lich_hop']);
      expect(emu.message(alice.id, sent.message_id)?.deleted).toBe(true);
      expect(emu.botMessages(alice.id)).toEqual([]);
    });

    it('sets, reports and deletes a webhook', async () => {
      // Act
      const set = await bot.api.setWebhook('http://127.0.0.1:9/hook', { secret_token: SECRET });
      const info = await bot.api.getWebhookInfo();
      const removed = await bot.api.deleteWebhook();
      const after = await bot.api.getWebhookInfo();

      // Assess
      expect([set, removed]).toEqual([true, true]);
      expect(info).toMatchObject({
        url: 'http://127.0.0.1:9/hook',
        has_custom_certificate: false,
        pending_update_count: 0,
      });
      expect(after).toEqual({ url: '', has_custom_certificate: false, pending_update_count: 0 });
      expect(emu.callsOf('setWebhook')[0]?.params).toMatchObject({ secret_token: SECRET });
    });

    it('takes url-encoded and query-string parameters and answers with Telegram descriptions', async () => {
      // Prepare
      const base = `${emu.url}/bot${emu.token}`;

      // Act
      const form = await fetch(`${base}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          chat_id: String(alice.id),
          text: 'form',
          reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'x', callback_data: 'x' }]] }),
        }),
      });
      const query = await fetch(`${base}/SENDMESSAGE?chat_id=${bob.id}&text=query`);
      const hook = await fetch(`${base}/setWebhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'http://127.0.0.1:9/x' }),
      });

      // Assess
      expect(form.status).toBe(200);
      expect(await form.json()).toMatchObject({
        ok: true,
        result: { text: 'form', reply_markup: { inline_keyboard: [[{ text: 'x' }]] } },
      });
      expect(await query.json()).toMatchObject({ ok: true, result: { chat: { id: bob.id }, text: 'query' } });
      expect(await hook.json()).toEqual({ ok: true, result: true, description: 'Webhook was set' });
    });
  });

  describe('Documents', () => {
    it('takes a multipart sendDocument from grammY and serves the same bytes at /files/<file_id>', async () => {
      // Prepare: bytes that look like multipart delimiters must come back untouched.
      const bytes = Buffer.concat([Buffer.from('%PDF-1.7\r\n--boundary\r\n\r\n'), randomBytes(70_000)]);

      // Act
      const message = await bot.api.sendDocument(alice.id, new InputFile(bytes, 'bien-ban.pdf'), {
        caption: '<i>Biên bản</i>',
        parse_mode: 'HTML',
      });
      const fileId = message.document?.file_id ?? '';
      const download = await fetch(`${emu.url}/files/${fileId}`);

      // Assess
      expect(message.document).toMatchObject({
        file_name: 'bien-ban.pdf',
        mime_type: 'application/pdf',
        file_size: bytes.length,
      });
      expect(message.document?.file_unique_id).toEqual(expect.any(String));
      expect(message).toMatchObject({
        caption: 'Biên bản',
        caption_entities: [{ type: 'italic', offset: 0, length: 8 }],
      });
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
      expect(emu.document(fileId)?.bytes.equals(bytes)).toBe(true);
      expect(emu.lastBotMessage(alice.id)?.document).toMatchObject({
        fileName: 'bien-ban.pdf',
        url: `/files/${fileId}`,
      });
    });

    it('takes a browser-style FormData upload, resends by file_id, and serves getFile paths', async () => {
      // Prepare
      const bytes = Buffer.from('Họ tên,Chi bộ\r\nAn,Chi bộ 1\r\n', 'utf8');
      const form = new FormData();
      form.set('chat_id', String(bob.id));
      form.set('document', new Blob([bytes], { type: 'text/csv' }), 'danh sách.csv');

      // Act
      const upload = await fetch(`${emu.url}/bot${emu.token}/sendDocument`, { method: 'POST', body: form });
      const uploaded = (await upload.json()) as {
        result: { document: { file_id: string; file_name: string } };
      };
      const again = await bot.api.sendDocument(alice.id, uploaded.result.document.file_id);
      const file = await bot.api.getFile(uploaded.result.document.file_id);
      const download = await fetch(`${emu.url}/file/bot${emu.token}/${file.file_path}`);

      // Assess
      expect(uploaded.result.document).toMatchObject({ file_name: 'danh sách.csv', mime_type: 'text/csv' });
      expect(again.document?.file_id).toBe(uploaded.result.document.file_id);
      expect(file).toMatchObject({
        file_size: bytes.length,
        file_path: expect.stringMatching(/^documents\/file_\d+\.csv$/),
      });
      expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    });
  });

  describe('Errors', () => {
    it('answers 400 when the message to edit does not exist', async () => {
      // Act
      const error = await apiError(bot.api.editMessageText(alice.id, 999, 'x'));

      // Assess
      expect(error.error_code).toBe(400);
      expect(error.description).toBe('Bad Request: message to edit not found');
    });

    it('answers 400 when an edit changes neither text nor markup', async () => {
      // Prepare
      const keyboard = new InlineKeyboard().text('A', 'a');
      const sent = await bot.api.sendMessage(alice.id, '<b>Same</b>', {
        parse_mode: 'HTML',
        reply_markup: keyboard,
      });

      // Act
      const text = await apiError(
        bot.api.editMessageText(alice.id, sent.message_id, '<b>Same</b>', {
          parse_mode: 'HTML',
          reply_markup: keyboard,
        }),
      );
      const markup = await apiError(
        bot.api.editMessageReplyMarkup(alice.id, sent.message_id, { reply_markup: keyboard }),
      );

      // Assess
      expect(text.description).toMatch(/^Bad Request: message is not modified: /);
      expect(markup.error_code).toBe(400);
      expect(markup.description).toBe(`Bad Request: ${DESCRIPTIONS.notModified}`);
    });

    it('answers 400 for text over 4096 characters and callback_data over 64 bytes', async () => {
      // Act
      const long = await apiError(bot.api.sendMessage(alice.id, 'x'.repeat(4097)));
      const data = await apiError(
        bot.api.sendMessage(alice.id, 'Q', { reply_markup: new InlineKeyboard().text('A', 'đ'.repeat(33)) }),
      );
      const fits = await bot.api.sendMessage(alice.id, 'y'.repeat(4096), {
        reply_markup: new InlineKeyboard().text('A', 'a'.repeat(64)),
      });

      // Assess
      expect([long.error_code, long.description]).toEqual([400, 'Bad Request: message is too long']);
      expect([data.error_code, data.description]).toEqual([400, 'Bad Request: BUTTON_DATA_INVALID']);
      expect(fits.text).toHaveLength(4096);
    });

    it('answers 400 for an unknown or already answered callback query id', async () => {
      // Prepare
      const sent = await bot.api.sendMessage(alice.id, 'Q', {
        reply_markup: new InlineKeyboard().text('A', 'a'),
      });
      const press = await emu.pressButton({ user: alice, messageId: sent.message_id, text: 'A' });
      await bot.api.answerCallbackQuery(press.update.callback_query?.id ?? '');

      // Act
      const unknown = await apiError(bot.api.answerCallbackQuery('4242'));
      const twice = await apiError(bot.api.answerCallbackQuery(press.update.callback_query?.id ?? ''));

      // Assess
      const expected = 'Bad Request: query is too old and response timeout expired or query ID is invalid';
      expect([unknown.error_code, unknown.description]).toEqual([400, expected]);
      expect(twice.description).toBe(expected);
    });

    it('answers 404 for an unknown method and 401 for an unknown token', async () => {
      // Prepare
      const stranger = new Bot('42:not-the-token', { client: { apiRoot: emu.url }, botInfo: emu.botInfo });

      // Act
      const unknown = await fetch(`${emu.url}/bot${emu.token}/sendTelepathy`, { method: 'POST' });
      const unauthorized = await apiError(stranger.api.getMe());

      // Assess
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({
        ok: false,
        error_code: 404,
        description: 'Not Found: method not found',
      });
      expect([unauthorized.error_code, unauthorized.description]).toEqual([401, 'Unauthorized']);
    });

    it('rejects malformed parse_mode input the way Telegram does', async () => {
      // Act
      const markdown = await apiError(
        bot.api.sendMessage(alice.id, 'Họp lúc 8.30', { parse_mode: 'MarkdownV2' }),
      );
      const html = await apiError(bot.api.sendMessage(alice.id, '<b>open', { parse_mode: 'HTML' }));
      const escaped = await bot.api.sendMessage(alice.id, '*Họp* lúc 8\\.30', { parse_mode: 'MarkdownV2' });

      // Assess
      expect(markdown.description).toBe(
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
      );
      expect(html.description).toMatch(/^Bad Request: can't parse entities: Can't find end tag/);
      expect(escaped).toMatchObject({
        text: 'Họp lúc 8.30',
        entities: [{ type: 'bold', offset: 0, length: 3 }],
      });
    });

    it('ends a pending long poll when a webhook is set, and refuses getUpdates while it is', async () => {
      // Prepare
      const pending = apiError(bot.api.getUpdates({ timeout: 10 }));
      await untilPolling(emu);

      // Act
      await bot.api.setWebhook('http://127.0.0.1:9/hook');
      const terminated = await pending;
      const error = await apiError(bot.api.getUpdates());

      // Assess
      expect([terminated.error_code, terminated.description]).toEqual([
        409,
        'Conflict: terminated by setWebhook request',
      ]);
      expect(error.error_code).toBe(409);
      expect(error.description).toMatch(/^Conflict: can't use getUpdates method while webhook is active/);
    });
  });

  describe('Flood limits', () => {
    it('answers 429 with retry_after past the per-chat limit, and lets the send through after waiting', async () => {
      // Prepare
      emu.setRateLimits({ perChatPerSecond: 1, globalPerSecond: 30 });
      await bot.api.sendMessage(alice.id, 'first');

      // Act
      const limited = await apiError(bot.api.sendMessage(alice.id, 'second'));
      const otherChat = await bot.api.sendMessage(bob.id, 'other chat is fine');
      const edit = await apiError(bot.api.editMessageText(bob.id, otherChat.message_id, 'edits count too'));
      skew += (limited.parameters.retry_after ?? 0) * 1000;
      const later = await bot.api.sendMessage(alice.id, 'second, later');

      // Assess
      expect(limited.error_code).toBe(429);
      expect(limited.description).toBe('Too Many Requests: retry after 1');
      expect(limited.parameters.retry_after).toBe(1);
      expect(edit.error_code).toBe(429);
      expect(later.text).toBe('second, later');
    });

    it('answers 429 past the global limit over all chats', async () => {
      // Prepare
      emu.setRateLimits({ globalPerSecond: 3, perChatPerSecond: 100 });
      for (const chatId of [1, 2, 3]) await bot.api.sendMessage(chatId, 'burst');

      // Act
      const limited = await apiError(bot.api.sendMessage(4, 'one too many'));
      skew += (limited.parameters.retry_after ?? 0) * 1000;
      const later = await bot.api.sendMessage(4, 'after the window');

      // Assess
      expect(limited.error_code).toBe(429);
      expect(limited.parameters.retry_after).toBeGreaterThanOrEqual(1);
      expect(later.chat.id).toBe(4);
    });

    it('slides a short real window, and can be switched off', async () => {
      // Prepare
      emu.setRateLimits({ perChatPerSecond: 2, globalPerSecond: 30, windowMs: 150 });
      await bot.api.sendMessage(alice.id, '1');
      await bot.api.sendMessage(alice.id, '2');
      const limited = await apiError(bot.api.sendMessage(alice.id, '3'));

      // Act
      await sleep(200);
      const afterWindow = await bot.api.sendMessage(alice.id, '3');
      emu.disableRateLimits();
      const burst = await Promise.all(
        [1, 2, 3, 4, 5].map((n) => bot.api.sendMessage(alice.id, `burst ${n}`)),
      );

      // Assess
      expect(limited.error_code).toBe(429);
      expect(afterWindow.text).toBe('3');
      expect(burst).toHaveLength(5);
      expect(emu.rateLimits.enabled).toBe(false);
    });
  });

  describe('Blocked users and faults', () => {
    it('answers 403 for sends to a user who blocked the bot, until unblocked', async () => {
      // Prepare
      emu.blockUser(alice.id);

      // Act
      const send = await apiError(bot.api.sendMessage(alice.id, 'hi'));
      const action = await apiError(bot.api.sendChatAction(alice.id, 'typing'));
      const other = await bot.api.sendMessage(bob.id, 'hi');
      emu.unblockUser(alice.id);
      const again = await bot.api.sendMessage(alice.id, 'hi again');

      // Assess
      expect([send.error_code, send.description]).toEqual([403, 'Forbidden: bot was blocked by the user']);
      expect(action.error_code).toBe(403);
      expect(other.text).toBe('hi');
      expect(again.text).toBe('hi again');
    });

    it('makes the next matching calls fail with injected faults, then recovers', async () => {
      // Prepare
      emu.injectFault({ method: 'sendMessage', status: 500, times: 2 });
      emu.injectFault({ method: 'sendDocument', status: 429, retryAfter: 7 });
      emu.injectFault({ status: 400, description: 'Bad Request: chat not found', chatId: bob.id });

      // Act
      const first = await apiError(bot.api.sendMessage(alice.id, 'a'));
      const second = await apiError(bot.api.sendMessage(alice.id, 'b'));
      const third = await bot.api.sendMessage(alice.id, 'c');
      const flood = await apiError(bot.api.sendDocument(alice.id, new InputFile(Buffer.from('x'), 'x.txt')));
      const wrongChat = await apiError(bot.api.sendChatAction(bob.id, 'typing'));

      // Assess
      expect([first.error_code, first.description]).toEqual([500, 'Internal Server Error']);
      expect(second.error_code).toBe(500);
      expect(third.text).toBe('c');
      expect([flood.error_code, flood.parameters.retry_after, flood.description]).toEqual([
        429,
        7,
        'Too Many Requests: retry after 7',
      ]);
      expect([wrongChat.error_code, wrongChat.description]).toEqual([400, 'Bad Request: chat not found']);
      expect(emu.faults).toEqual([]);
    });

    it('logs every call with its params, chat and outcome', async () => {
      // Prepare
      emu.injectFault({ method: 'sendMessage', status: 403 });
      await apiError(bot.api.sendMessage(alice.id, 'refused'));
      await bot.api.sendMessage(alice.id, 'accepted', { reply_markup: new InlineKeyboard().text('A', 'a') });

      // Act
      const sends = emu.callsOf('sendMessage');

      // Assess
      expect(sends).toHaveLength(2);
      expect(sends[0]).toMatchObject({ method: 'sendMessage', chatId: alice.id, ok: false, errorCode: 403 });
      expect(sends[1]).toMatchObject({
        ok: true,
        params: { chat_id: alice.id, text: 'accepted', reply_markup: { inline_keyboard: [[{ text: 'A' }]] } },
      });
      expect(sends[1]?.time).toEqual(expect.any(Number));
      emu.clearCalls();
      expect(emu.calls).toEqual([]);
    });
  });

  describe('getUpdates', () => {
    it('returns queued updates in Telegram shape and forgets them once confirmed by offset', async () => {
      // Prepare
      await emu.sendUserMessage({ user: alice, text: '/start invite-42' });
      await emu.sendUserMessage({ user: alice, text: 'xin chào' });

      // Act
      const first = await bot.api.getUpdates({ limit: 1 });
      const rest = await bot.api.getUpdates({ offset: (first[0]?.update_id ?? 0) + 1 });
      const confirmed = await bot.api.getUpdates({ offset: (rest[0]?.update_id ?? 0) + 1 });

      // Assess
      expect(first).toHaveLength(1);
      expect(first[0]?.message).toMatchObject({
        message_id: 1,
        from: { id: alice.id, is_bot: false, first_name: 'Alice', username: 'alice', language_code: 'vi' },
        chat: { id: alice.id, type: 'private', first_name: 'Alice', last_name: 'Nguyen' },
        text: '/start invite-42',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      });
      expect(rest.map((u) => u.message?.text)).toEqual(['xin chào']);
      expect(rest[0]?.update_id).toBe((first[0]?.update_id ?? 0) + 1);
      expect(confirmed).toEqual([]);
      expect(emu.pendingUpdates).toEqual([]);
    });

    it('holds a long poll open until an update arrives', async () => {
      // Prepare
      const started = Date.now();
      const poll = bot.api.getUpdates({ timeout: 10 });
      await untilPolling(emu);

      // Act
      await emu.sendUserMessage({ user: bob, text: 'ping' });
      const updates = await poll;

      // Assess
      expect(updates.map((u) => u.message?.text)).toEqual(['ping']);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('answers an empty long poll after its timeout', async () => {
      // Prepare
      const started = Date.now();

      // Act
      const updates = await bot.api.getUpdates({ timeout: 1 });

      // Assess
      expect(updates).toEqual([]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });

    it('serves a polling grammY bot that answers a user', async () => {
      // Prepare
      const poller = new Bot(emu.token, { client: { apiRoot: emu.url }, botInfo: emu.botInfo });
      poller.on('message:text', (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
      const running = poller.start({ timeout: 5 });

      // Act
      await emu.sendUserMessage({ user: alice, text: 'hello poller' });
      const reply = await emu.waitForBotMessage(alice.id, { timeoutMs: 5000 });
      await poller.stop();
      await running;

      // Assess
      expect(reply.text).toBe('echo: hello poller');
      expect(emu.callsOf('deleteWebhook')).toHaveLength(1);
    });

    it('queues my_chat_member when the user blocks the bot', async () => {
      // Act
      await emu.userBlocksBot(alice);
      const updates = await bot.api.getUpdates();
      const refused = await apiError(bot.api.sendMessage(alice.id, 'still there?'));

      // Assess
      expect(updates[0]?.my_chat_member).toMatchObject({
        chat: { id: alice.id, type: 'private' },
        from: { id: alice.id },
        old_chat_member: { status: 'member', user: { id: emu.botInfo.id, is_bot: true } },
        new_chat_member: { status: 'kicked', until_date: 0 },
      });
      expect(refused.error_code).toBe(403);
    });
  });

  describe('Webhook delivery to a grammY bot', () => {
    let hookBot: Bot;
    let hook: { server: Server; url: string };
    const seen: Update[] = [];

    beforeAll(async () => {
      hookBot = new Bot(emu.token, { client: { apiRoot: emu.url }, botInfo: emu.botInfo });
      hookBot.use(async (ctx, next) => {
        seen.push(ctx.update);
        await next();
      });
      hookBot.command('start', (ctx) =>
        ctx.reply(`Xin chào ${ctx.from?.first_name}, mã mời: ${ctx.match}`, {
          reply_markup: new InlineKeyboard().text('Tôi sẽ dự', 'rsvp:yes').text('Vắng', 'rsvp:no'),
        }),
      );
      hookBot.callbackQuery(/^rsvp:(yes|no)$/, async (ctx) => {
        await ctx.answerCallbackQuery({ text: 'Đã ghi nhận' });
        await ctx.editMessageText(ctx.match[1] === 'yes' ? 'Bạn sẽ dự họp.' : 'Bạn báo vắng.');
      });
      hookBot.on('edited_message:text', (ctx) => ctx.reply(`Đã sửa: ${ctx.editedMessage.text}`));
      hook = await listen(webhookCallback(hookBot, 'http', { secretToken: SECRET }));
    });

    afterAll(async () => {
      await close(hook.server);
    });

    beforeEach(async () => {
      seen.length = 0;
      await hookBot.api.setWebhook(hook.url, { secret_token: SECRET });
    });

    it('delivers a /start with payload to the bot and records its reply', async () => {
      // Act
      const delivery = await emu.sendUserMessage({ user: alice, text: '/start invite-42' });

      // Assess
      expect(delivery).toMatchObject({ via: 'webhook', status: 200 });
      expect(seen[0]?.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
      const reply = emu.lastBotMessage(alice.id);
      expect(reply?.text).toBe('Xin chào Alice, mã mời: invite-42');
      expect(reply?.replyMarkup?.inline_keyboard[0]?.map((b) => b.text)).toEqual(['Tôi sẽ dự', 'Vắng']);
      expect(emu.conversation(alice.id).map((m) => m.from)).toEqual(['user', 'bot']);
    });

    it('delivers a button press as a callback_query and sees the answer and the edit', async () => {
      // Prepare
      await emu.sendUserMessage({ user: alice, text: '/start x' });
      const invitation = emu.lastBotMessage(alice.id);

      // Act
      const delivery = await emu.pressButton({
        user: alice,
        messageId: invitation?.messageId ?? 0,
        data: 'rsvp:yes',
      });

      // Assess
      const query = delivery.update.callback_query;
      expect(delivery.status).toBe(200);
      expect(query).toMatchObject({
        from: { id: alice.id },
        data: 'rsvp:yes',
        chat_instance: expect.stringMatching(/^-?\d+$/),
        message: { message_id: invitation?.messageId, from: { is_bot: true } },
      });
      expect(emu.callbackAnswer(query?.id ?? '')).toEqual({ text: 'Đã ghi nhận' });
      const edited = emu.message(alice.id, invitation?.messageId ?? 0);
      expect(edited).toMatchObject({
        text: 'Bạn sẽ dự họp.',
        history: [{ text: 'Xin chào Alice, mã mời: x' }],
      });
      expect(edited?.editDate).toEqual(expect.any(Number));
    });

    it('delivers edited messages and the same update twice when asked', async () => {
      // Prepare
      const update = emu.nextUpdate.message({ user: bob, text: '/start twice' });
      const sent = await emu.sendUserMessage({ user: bob, text: 'typo' });

      // Act
      const once = await emu.deliver(update);
      const twice = await emu.deliver(update);
      await emu.editUserMessage({
        user: bob,
        messageId: sent.update.message?.message_id ?? 0,
        text: 'fixed',
      });

      // Assess
      expect([once.status, twice.status]).toEqual([200, 200]);
      expect(seen.filter((u) => u.update_id === update.update_id)).toHaveLength(2);
      expect(seen.at(-1)?.edited_message).toMatchObject({ text: 'fixed', edit_date: expect.any(Number) });
      expect(emu.botMessages(bob.id).map((m) => m.text)).toEqual([
        'Xin chào Bob, mã mời: twice',
        'Xin chào Bob, mã mời: twice',
        'Đã sửa: fixed',
      ]);
    });

    it('returns the webhook status when the secret is wrong, and records the error', async () => {
      // Prepare
      await hookBot.api.setWebhook(hook.url, { secret_token: 'not-the-secret' });

      // Act
      const delivery = await emu.sendUserMessage({ user: alice, text: '/start' });
      const info = await hookBot.api.getWebhookInfo();

      // Assess
      expect(delivery.status).toBe(401);
      expect(seen).toEqual([]);
      expect(info.last_error_message).toBe('Wrong response from the webhook: 401 Unauthorized');
    });

    it('runs a method returned in the webhook response body', async () => {
      // Prepare: a bare webhook that answers the way grammY does with webhook replies on.
      const replier = await listen((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ method: 'sendMessage', chat_id: alice.id, text: 'via webhook reply' }));
        });
      });
      await bot.api.setWebhook(replier.url);

      // Act
      const delivery = await emu.sendUserMessage({ user: alice, text: 'hi' });
      await close(replier.server);

      // Assess
      expect(delivery.status).toBe(200);
      expect(emu.lastBotMessage(alice.id)?.text).toBe('via webhook reply');
      expect(emu.callsOf('sendMessage')[0]?.viaWebhookReply).toBe(true);
    });

    describe('Control API', () => {
      const control = (path: string, init?: RequestInit) => fetch(`${emu.url}/_emulator${path}`, init);
      const post = (path: string, body: unknown) =>
        control(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });

      it('answers a CORS preflight from the allowed origin only, naming that origin', async () => {
        // Prepare
        emu.allowOrigin('http://localhost:5173');
        const preflight = (origin: string) =>
          control('/chats/1001/send', {
            method: 'OPTIONS',
            headers: {
              origin,
              'access-control-request-method': 'POST',
              'access-control-request-private-network': 'true',
            },
          });

        // Act
        const allowed = await preflight('http://localhost:5173');
        const other = await preflight('https://evil.example');

        // Assess
        expect(allowed.status).toBe(204);
        expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
        expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
        expect(allowed.headers.get('access-control-allow-headers')).toContain('content-type');
        expect(allowed.headers.get('access-control-allow-private-network')).toBe('true');
        expect(other.status).toBe(403);
        expect(other.headers.get('access-control-allow-origin')).toBeNull();
        expect(other.headers.get('access-control-allow-private-network')).toBeNull();
      });

      it('refuses a page of another origin, and a Host that is not a loopback name, before doing anything', async () => {
        // Prepare
        const messagesBefore = emu.chatView(alice.id).messages.length;

        // Act: a page elsewhere posts as Alice; a rebinding page reads the chats and calls the bot API
        const fromTool = await post(`/chats/${alice.id}/send`, { user: alice, text: '/start tool' }).then(
          (r) => r.status,
        );
        const withOrigin = await fetch(`${emu.url}/_emulator/chats/${alice.id}/send`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
          body: JSON.stringify({ user: alice, text: '/start evil' }),
        });
        const rebound = await rawGet(emu.url, '/_emulator/chats', 'evil.example');
        const reboundApi = await rawGet(emu.url, `/bot${emu.token}/getMe`, 'evil.example');

        // Assess
        expect(fromTool).toBe(200); // no Origin: the bot, a test or curl, not a browser
        expect(withOrigin.status).toBe(403);
        expect(rebound).toBe(403);
        expect(reboundApi).toBe(403);
        // Only the tool's /start and the bot's answer: nothing of the refused page's message
        expect(emu.chatView(alice.id).messages.length).toBe(messagesBefore + 2);
      });

      it('sends as the user, lists the conversation, presses a button and lists calls', async () => {
        // Act
        const sent = await post(`/chats/${alice.id}/send`, { user: alice, text: '/start page' });
        const view = (await (await control(`/chats/${alice.id}/messages`)).json()) as ChatView;
        const botMessage = view.messages.find((m) => m.from === 'bot');
        const pressed = await post(`/chats/${alice.id}/press`, {
          messageId: botMessage?.messageId,
          data: 'rsvp:no',
        });
        const after = (await (
          await control(`/chats/${alice.id}/messages?since=${view.seq}`)
        ).json()) as ChatView;
        const calls = (await (await control('/calls?method=answerCallbackQuery')).json()) as unknown[];

        // Assess
        expect(sent.status).toBe(200);
        expect(sent.headers.get('access-control-allow-origin')).toBeNull();
        expect(await sent.json()).toMatchObject({ via: 'webhook', status: 200 });
        expect(view.messages.map((m) => [m.from, m.text])).toEqual([
          ['user', '/start page'],
          ['bot', 'Xin chào Alice, mã mời: page'],
        ]);
        expect(view.user).toMatchObject({ id: alice.id, first_name: 'Alice' });
        expect(await pressed.json()).toMatchObject({ via: 'webhook', status: 200 });
        expect(after.messages.map((m) => m.text)).toEqual(['Bạn báo vắng.']);
        expect(after.callbackQueries[0]).toMatchObject({ data: 'rsvp:no', answer: { text: 'Đã ghi nhận' } });
        expect(calls).toHaveLength(1);
      });

      it('lists the chats, changes only the limits given, takes faults it knows and shows the webhook', async () => {
        // Prepare
        await emu.sendUserMessage({ user: alice, text: '/start list' });
        const before = emu.rateLimits;

        // Act
        const chats = (await (await control('/chats')).json()) as { chatId: number; messages: number }[];
        const limits = (await (await post('/rate-limits', { perChatPerSecond: 7 })).json()) as RateLimits;
        const unknownFault = await post('/faults', { status: 418, method: 'sendMessage' });
        const fault = await post('/faults', { status: 429, method: 'sendMessage', times: 1 });
        const webhook = (await (await control('/webhook')).json()) as { url?: string } | null;
        const missing = await control('/nothing-here');

        // Assess
        expect(chats.find((c) => c.chatId === alice.id)?.messages).toBeGreaterThanOrEqual(2);
        expect(limits).toEqual({ ...before, perChatPerSecond: 7 });
        expect([unknownFault.status, fault.status, missing.status]).toEqual([400, 200, 404]);
        expect(emu.faults).toHaveLength(1);
        expect(webhook?.url).toBe(hook.url);
      });

      it('long-polls the conversation until the bot sends something', async () => {
        // Prepare
        const { seq } = (await (await control(`/chats/${bob.id}/messages`)).json()) as ChatView;
        const started = Date.now();
        const waiting = control(`/chats/${bob.id}/messages?since=${seq}&wait=5000`);

        // Act
        await sleep(50);
        await bot.api.sendMessage(bob.id, 'Nhắc lịch họp');
        const view = (await (await waiting).json()) as ChatView;
        const idle = (await (
          await control(`/chats/${bob.id}/messages?since=${view.seq}&wait=100`)
        ).json()) as ChatView;

        // Assess
        expect(view.messages.map((m) => m.text)).toEqual(['Nhắc lịch họp']);
        expect(view.seq).toBeGreaterThan(seq);
        expect(Date.now() - started).toBeLessThan(2000);
        expect(idle.messages).toEqual([]);
      });

      it('sets faults and rate limits, and answers 400 for a bad request', async () => {
        // Act
        const fault = await post('/faults', { method: 'getMe', status: 500, times: 1 });
        const limits = await post('/rate-limits', { enabled: true, perChatPerSecond: 5 });
        const failed = await apiError(bot.api.getMe());
        const bad = await post(`/chats/${alice.id}/send`, { user: bob, text: 'wrong chat' });

        // Assess
        expect(fault.status).toBe(200);
        expect(await limits.json()).toMatchObject({
          enabled: true,
          perChatPerSecond: 5,
          globalPerSecond: 30,
        });
        expect(failed.error_code).toBe(500);
        expect(bad.status).toBe(400);
        expect(await bad.json()).toEqual({ error: `user.id ${bob.id} is not the private chat ${alice.id}` });
      });
    });
  });

  describe('Lifecycle', () => {
    it('ends pending long polls on stop', async () => {
      // Prepare
      const other = new TelegramEmulator();
      const { url } = await other.start();
      const client = new Bot(other.token, { client: { apiRoot: url }, botInfo: other.botInfo });
      const poll = client.api.getUpdates({ timeout: 30 }).catch((error: unknown) => error);
      const page = fetch(`${url}/_emulator/chats/1/messages?wait=30000`).catch((error: unknown) => error);
      await untilPolling(other);
      const started = Date.now();

      // Act
      await other.stop();
      await Promise.all([poll, page]);

      // Assess
      expect(Date.now() - started).toBeLessThan(1000);
      expect(() => other.url).toThrow('not started');
    });
  });
});

/** A GET with the Host header a DNS-rebinding page would send (fetch cannot set Host). */
function rawGet(base: string, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { host }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}
