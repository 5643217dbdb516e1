// Integration tests of the Zalo OA API emulator over loopback: answers as Zalo shapes them, tokens, webhook events, limits, faults.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  isZaloSignatureValid,
  parseZaloEvent,
  ZaloApiClient,
  ZaloApiError,
  ZaloRateLimitedError,
  ZaloTokenExpiredError,
  ZaloTokenRefreshError,
  ZaloTransportError,
  ZaloUserNotFollowingError,
} from '../../chat/channels/zalo/index.js';
import { ZaloEmulator } from '../../local/zalo-emulator/index.js';
import { startZaloWebhookReceiver, type ZaloWebhookReceiver } from '../support/zalo-webhook.js';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const ALICE = '8100000000000000001';
const BOB = '8100000000000000002';

/** Posts JSON to the emulator as a plain client would, to see Zalo's answer exactly. */
async function postJson(url: string, body: unknown, accessToken?: string): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accessToken ? { access_token: accessToken } : {}) },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return res.json();
}

/** The error a call fails with, caught at once (the test fails if the call succeeds). */
async function failure(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('The call succeeded but an error was expected');
}

describe('Class: ZaloEmulator', () => {
  // A clock that only moves forward: tests pass 25 hours or a rate window without waiting for them.
  let skew = 0;
  const emu = new ZaloEmulator({ now: () => Date.now() + skew, rateLimits: false });
  let client: ZaloApiClient;
  let receiver: ZaloWebhookReceiver;
  let token: string;

  beforeAll(async () => {
    await emu.start();
    receiver = await startZaloWebhookReceiver();
    emu.webhookUrl = receiver.url;
    client = new ZaloApiClient({ apiBaseUrl: emu.url, oauthBaseUrl: emu.url });
  });

  afterAll(async () => {
    await emu.stop();
    await receiver.close();
  });

  beforeEach(async () => {
    emu.reset();
    emu.disableRateLimits();
    receiver.received.length = 0;
    token = emu.issueTokens().accessToken;
    await emu.follow(ALICE);
  });

  describe('Endpoint: POST /v3.0/oa/message/cs', () => {
    it('answers {data: {message_id, user_id}, error: 0, message} and records the text in the conversation', async () => {
      // Act
      const answer = await postJson(
        `${emu.url}/v3.0/oa/message/cs`,
        { recipient: { user_id: ALICE }, message: { text: 'Xin chào' } },
        token,
      );

      // Assess
      expect(answer).toEqual({
        data: { message_id: expect.stringMatching(/^[0-9a-f]{32}$/), user_id: ALICE },
        error: 0,
        message: 'Success',
      });
      const sent = emu.oaMessages(ALICE);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ from: 'oa', text: 'Xin chào' });
      expect(sent[0]?.messageId).toBe((answer as { data: { message_id: string } }).data.message_id);
    });

    it('answers -213 to a user who does not follow the OA, and after an unfollow', async () => {
      // Prepare
      emu.addUser({ id: BOB });

      // Act
      const toStranger = await postJson(
        `${emu.url}/v3.0/oa/message/cs`,
        { recipient: { user_id: BOB }, message: { text: 'x' } },
        token,
      );
      await emu.unfollow(ALICE);
      const afterUnfollow = await failure(client.sendText(token, ALICE, 'x'));

      // Assess
      expect(toStranger).toEqual({ error: -213, message: 'User has not followed OA' });
      expect(afterUnfollow).toBeInstanceOf(ZaloUserNotFollowingError);
      expect(emu.oaMessages(BOB)).toEqual([]);
    });

    it('answers -216 once the access token is 25 hours old, and at once when told to expire tokens', async () => {
      // Prepare
      const other = emu.issueTokens().accessToken;
      await client.sendText(token, ALICE, 'before');

      // Act
      skew += 25 * 3600 * 1000;
      const late = await postJson(
        `${emu.url}/v3.0/oa/message/cs`,
        { recipient: { user_id: ALICE }, message: { text: 'late' } },
        token,
      );
      const fresh = emu.issueTokens().accessToken;
      await client.sendText(fresh, ALICE, 'fresh token');
      emu.expireAccessTokens();
      const expiredOnDemand = await failure(client.sendText(fresh, ALICE, 'x'));

      // Assess
      expect(late).toEqual({ error: -216, message: 'Access token is invalid' });
      expect(expiredOnDemand).toBeInstanceOf(ZaloTokenExpiredError);
      await expect(client.sendText(other, ALICE, 'x')).rejects.toBeInstanceOf(ZaloTokenExpiredError);
      await expect(client.sendText('not-a-token', ALICE, 'x')).rejects.toBeInstanceOf(ZaloTokenExpiredError);
      expect(emu.oaMessages(ALICE).map((m) => m.text)).toEqual(['before', 'fresh token']);
    });

    it('keeps buttons under the message; a press comes back to the webhook as the payload text, signed', async () => {
      // Prepare
      const sent = await client.sendButtons(token, ALICE, 'Họp chi bộ tháng 6', [
        { title: 'Tham dự', payload: 'rsvp:m1:yes' },
        { title: 'Vắng mặt', payload: 'rsvp:m1:no', type: 'oa.query.show' },
      ]);

      // Act
      const pressed = await emu.pressButton(ALICE, sent.messageId, { title: 'Tham dự' });
      await emu.pressButton(ALICE, sent.messageId, { index: 1 });

      // Assess
      expect(emu.oaMessages(ALICE)[0]?.buttons).toEqual([
        { title: 'Tham dự', type: 'oa.query.hide', payload: 'rsvp:m1:yes' },
        { title: 'Vắng mặt', type: 'oa.query.show', payload: 'rsvp:m1:no' },
      ]);
      expect(pressed.status).toBe(200);
      const posted = receiver.received.at(-2);
      const event = JSON.parse(posted?.rawBody ?? '{}');
      expect(event).toMatchObject({
        app_id: emu.appId,
        event_name: 'user_send_text',
        sender: { id: ALICE },
        recipient: { id: emu.oaId },
        message: { text: 'rsvp:m1:yes', msg_id: expect.any(String) },
      });
      expect(posted?.signature).toMatch(/^mac=[0-9a-f]{64}$/);
      expect(
        isZaloSignatureValid(
          { appId: emu.appId, oaSecretKey: emu.oaSecretKey },
          posted?.rawBody ?? '',
          String(event.timestamp),
          posted?.signature,
        ),
      ).toBe(true);
      const userMessages = emu.conversation(ALICE).filter((m) => m.from === 'user');
      expect(userMessages.map((m) => [m.text, m.hidden ?? false])).toEqual([
        ['rsvp:m1:yes', true],
        ['rsvp:m1:no', false],
      ]);
    });

    it('refuses an empty text, a text over 2,000 characters and more than 5 buttons, and sends nothing', async () => {
      // Act
      const empty = await postJson(
        `${emu.url}/v3.0/oa/message/cs`,
        { recipient: { user_id: ALICE }, message: { text: '' } },
        token,
      );
      const long = await failure(client.sendText(token, ALICE, 'a'.repeat(2001)));
      const many = await failure(
        client.sendButtons(
          token,
          ALICE,
          'x',
          Array.from({ length: 6 }, (_, i) => ({ title: `B${i}`, payload: `p${i}` })),
        ),
      );

      // Assess
      expect(empty).toEqual({ error: -201, message: 'message.text is invalid!' });
      expect(long).toMatchObject({ code: -210 });
      expect(many).toMatchObject({ code: -210 });
      expect(emu.oaMessages(ALICE)).toEqual([]);
    });

    it('quotes the user message a reply answers (react_message_id)', async () => {
      // Prepare
      await emu.sendText(ALICE, 'Tôi muốn báo vắng');
      const userMessage = emu.conversation(ALICE).find((m) => m.from === 'user');

      // Act
      await client.sendText(token, ALICE, 'Đã nhận', { quote: userMessage?.messageId ?? '' });

      // Assess
      expect(emu.oaMessages(ALICE)[0]?.quotes).toBe(userMessage?.messageId);
    });

    it('counts a message quoting the last user message in 48 hours as a reply, 8 at most; anything else proactive', async () => {
      // Prepare
      await emu.sendText(ALICE, 'Cho tôi hỏi');
      const asked = emu.conversation(ALICE).findLast((m) => m.from === 'user')?.messageId ?? '';

      // Act
      for (let i = 0; i < 9; i++) await client.sendText(token, ALICE, `trả lời ${i}`, { quote: asked });
      await client.sendText(token, ALICE, 'không trích dẫn');
      await emu.sendText(ALICE, 'Câu hỏi mới');
      const later = emu.conversation(ALICE).findLast((m) => m.from === 'user')?.messageId ?? '';
      skew += 48 * 3600 * 1000 + 1;
      const lateToken = emu.issueTokens().accessToken;
      await client.sendText(lateToken, ALICE, 'quá 48 giờ', { quote: later });

      // Assess
      expect(emu.oaMessages(ALICE).map((m) => m.kind)).toEqual([
        ...Array.from({ length: 8 }, () => 'reply'),
        'proactive',
        'proactive',
        'proactive',
      ]);
    });

    it('answers -230 when told to keep the 7-day interaction window and the user has been silent longer', async () => {
      // Prepare
      let clock = Date.now();
      const strict = new ZaloEmulator({ now: () => clock, interactionWindowMs: 7 * 24 * 3600 * 1000 });
      await strict.start();
      try {
        const strictClient = new ZaloApiClient({ apiBaseUrl: strict.url, oauthBaseUrl: strict.url });
        await strict.follow(ALICE);
        const strictToken = strict.issueTokens().accessToken;
        await strictClient.sendText(strictToken, ALICE, 'trong 7 ngày');

        // Act
        clock += 7 * 24 * 3600 * 1000 + 1;
        const lateToken = strict.issueTokens().accessToken;
        const silent = await failure(strictClient.sendText(lateToken, ALICE, 'quá 7 ngày'));
        await strict.sendText(ALICE, 'Tôi đây');
        await strictClient.sendText(lateToken, ALICE, 'sau khi nhắn');

        // Assess
        expect(silent).toMatchObject({ code: -230 });
        expect(strict.oaMessages(ALICE).map((m) => m.text)).toEqual(['trong 7 ngày', 'sau khi nhắn']);
      } finally {
        await strict.stop();
      }
    });
  });

  describe('Endpoint: POST /v2.0/oa/upload/file', () => {
    it('takes a PDF (multipart) for a token that a file message then sends', async () => {
      // Act
      const fileToken = await client.uploadFile(token, {
        bytes: PDF,
        fileName: 'bien-ban.pdf',
        mimeType: 'application/pdf',
      });
      const sent = await client.sendFile(token, ALICE, fileToken);

      // Assess
      expect(emu.upload(fileToken)?.bytes.equals(PDF)).toBe(true);
      expect(emu.oaMessages(ALICE)[0]).toMatchObject({
        messageId: sent.messageId,
        file: { token: fileToken, fileName: 'bien-ban.pdf', mimeType: 'application/pdf', size: PDF.length },
      });
      const download = await fetch(`${emu.url}/files/${fileToken}`);
      expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    });

    it('refuses a type Zalo does not take, an unknown file token, and an upload without a valid token', async () => {
      // Act
      const csv = await failure(
        client.uploadFile(token, { bytes: Buffer.from('a,b\n'), fileName: 'x.csv', mimeType: 'text/csv' }),
      );
      const unknown = await failure(client.sendFile(token, ALICE, 'zft-unknown'));
      const noToken = await failure(
        client.uploadFile('expired', { bytes: PDF, fileName: 'a.pdf', mimeType: 'application/pdf' }),
      );

      // Assess
      expect(csv).toMatchObject({ code: -201 });
      expect(unknown).toMatchObject({ code: -100 });
      expect(noToken).toBeInstanceOf(ZaloTokenExpiredError);
    });
  });

  describe('Endpoint: POST /v4/oa/access_token', () => {
    const app = { appId: emu.appId, appSecret: emu.appSecret };

    it('gives a new access token and a new refresh token; the old refresh token works only once', async () => {
      // Prepare
      const first = emu.issueTokens();

      // Act
      const next = await client.refreshTokens(app, first.refreshToken);
      const again = await failure(client.refreshTokens(app, first.refreshToken));
      const raw = await fetch(`${emu.url}/v4/oa/access_token`, {
        method: 'POST',
        headers: { secret_key: emu.appSecret, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          app_id: emu.appId,
          refresh_token: first.refreshToken,
          grant_type: 'refresh_token',
        }),
      });

      // Assess
      expect(next.accessToken).not.toBe(first.accessToken);
      expect(next.refreshToken).not.toBe(first.refreshToken);
      expect(next.expiresInSeconds).toBe(90_000);
      await client.sendText(next.accessToken, ALICE, 'with the new token');
      expect(again).toBeInstanceOf(ZaloTokenRefreshError);
      expect(await raw.json()).toMatchObject({ error: -14014 });
      expect(emu.callsOf('access_token')).toHaveLength(3);
    });

    it('refuses a wrong secret key without spending the refresh token', async () => {
      // Prepare
      const pair = emu.issueTokens();

      // Act
      const wrong = await failure(client.refreshTokens({ ...app, appSecret: 'nope' }, pair.refreshToken));

      // Assess
      expect(wrong).toBeInstanceOf(ZaloTokenRefreshError);
      await expect(client.refreshTokens(app, pair.refreshToken)).resolves.toMatchObject({
        accessToken: expect.any(String),
      });
    });
  });

  describe('Webhook delivery', () => {
    it('POSTs follow, unfollow and user_send_text (with msg_id) as Zalo shapes them, each signed', async () => {
      // Act
      await emu.follow(BOB);
      await emu.sendText(BOB, 'ABC123');
      await emu.unfollow(BOB);

      // Assess
      const events = receiver.received.slice(-3).map((r) => JSON.parse(r.rawBody));
      expect(events.map((e) => e.event_name)).toEqual(['follow', 'user_send_text', 'unfollow']);
      expect(events[0]).toMatchObject({ app_id: emu.appId, oa_id: emu.oaId, follower: { id: BOB } });
      expect(events[1]).toMatchObject({
        sender: { id: BOB },
        message: { text: 'ABC123', msg_id: expect.any(String) },
      });
      for (const request of receiver.received.slice(-3)) {
        const timestamp = String(JSON.parse(request.rawBody).timestamp);
        expect(request.contentType).toBe('application/json');
        expect(
          isZaloSignatureValid(
            { appId: emu.appId, oaSecretKey: emu.oaSecretKey },
            request.rawBody,
            timestamp,
            request.signature,
          ),
        ).toBe(true);
      }
      expect(emu.user(BOB)?.following).toBe(false);
    });

    it('POSTs user_send_file with the attachment URL where the file is served, signed, parsed by the channel', async () => {
      // Prepare
      const csv = 'so_the_dang,ho_ten\r\n1,Nguyễn Văn A\r\n';

      // Act
      const delivery = await emu.sendFile(ALICE, {
        fileName: 'danh-sach.csv',
        bytes: csv,
        mimeType: 'text/csv',
      });

      // Assess
      const request = receiver.received.at(-1);
      const event = JSON.parse(request?.rawBody ?? '{}');
      expect(delivery.status).toBe(200);
      expect(event).toMatchObject({
        event_name: 'user_send_file',
        sender: { id: ALICE },
        recipient: { id: emu.oaId },
        message: {
          msg_id: expect.any(String),
          attachments: [
            { type: 'file', payload: { name: 'danh-sach.csv', size: String(Buffer.byteLength(csv)) } },
          ],
        },
      });
      expect(
        isZaloSignatureValid(
          { appId: emu.appId, oaSecretKey: emu.oaSecretKey },
          request?.rawBody ?? '',
          String(event.timestamp),
          request?.signature,
        ),
      ).toBe(true);
      const url = String(event.message.attachments[0].payload.url);
      expect(url.startsWith(`${emu.url}/files/`)).toBe(true);
      const served = await fetch(url);
      expect(served.headers.get('content-type')).toBe('text/csv');
      expect(await served.text()).toBe(csv);
      expect(parseZaloEvent(event)).toEqual({
        ok: true,
        event: {
          kind: 'file',
          appId: emu.appId,
          userId: ALICE,
          msgId: event.message.msg_id,
          file: {
            url,
            name: 'danh-sach.csv',
            size: Buffer.byteLength(csv),
            checksum: event.message.attachments[0].payload.checksum,
          },
          at: Number(event.timestamp),
        },
      });
      expect(emu.conversation(ALICE).at(-1)).toMatchObject({
        from: 'user',
        file: { fileName: 'danh-sach.csv', mimeType: 'text/csv', size: Buffer.byteLength(csv) },
      });
    });

    it('redelivers the same signed bytes (a retry or a replay)', async () => {
      // Prepare
      const delivery = await emu.sendText(ALICE, 'once');

      // Act
      const again = await emu.redeliver(delivery);

      // Assess
      expect(again.status).toBe(200);
      const [a, b] = receiver.received.slice(-2);
      expect(b?.rawBody).toBe(a?.rawBody);
      expect(b?.signature).toBe(a?.signature);
    });
  });

  describe('Knobs: rate limits, faults, the call record', () => {
    it('answers -32 past the call limit of the window, and lets calls through once it slides', async () => {
      // Prepare
      emu.setRateLimits({ perWindow: 2, windowMs: 1000 });

      // Act
      await client.sendText(token, ALICE, '1');
      await client.sendText(token, ALICE, '2');
      const third = client.sendText(token, ALICE, '3');
      await expect(third).rejects.toBeInstanceOf(ZaloRateLimitedError);
      skew += 1001;
      await client.sendText(token, ALICE, '4');

      // Assess
      expect(emu.oaMessages(ALICE).map((m) => m.text)).toEqual(['1', '2', '4']);
      expect(emu.callsOf('message').map((c) => (c.answer as { error: number }).error)).toEqual([
        0, 0, -32, 0,
      ]);
    });

    it('fails the next matching calls with an injected code or HTTP status, then recovers', async () => {
      // Prepare
      emu.injectFault({ endpoint: 'message', userId: ALICE, error: -200 });
      emu.injectFault({ endpoint: 'message', httpStatus: 502 });

      // Act
      const first = client.sendText(token, ALICE, 'a');
      await expect(first).rejects.toMatchObject({ code: -200 });
      const second = client.sendText(token, ALICE, 'b');
      await expect(second).rejects.toBeInstanceOf(ZaloTransportError);
      await client.sendText(token, ALICE, 'c');

      // Assess
      expect(emu.faults).toEqual([]);
      expect(emu.oaMessages(ALICE).map((m) => m.text)).toEqual(['c']);
      await expect(first).rejects.toBeInstanceOf(ZaloApiError);
    });

    it('records every call without its access token, refresh token or secret', async () => {
      // Prepare
      const pair = emu.issueTokens();

      // Act
      await client.sendText(pair.accessToken, ALICE, 'x');
      await client.refreshTokens({ appId: emu.appId, appSecret: emu.appSecret }, pair.refreshToken);

      // Assess
      expect(emu.calls.map((c) => c.endpoint)).toEqual(['message', 'access_token']);
      const recorded = JSON.stringify(emu.calls);
      expect(recorded).not.toContain(pair.accessToken);
      expect(recorded).not.toContain(pair.refreshToken);
      expect(recorded).not.toContain(emu.appSecret);
    });
  });

  describe('Endpoint: POST /message/template (ZNS)', () => {
    const TEMPLATE = '401001';
    const template = (data: Record<string, string>, phone = '84912345678', id = TEMPLATE) => ({
      phone,
      template_id: id,
      template_data: data,
      tracking_id: 't-1',
    });

    beforeEach(() => {
      emu.approveZnsTemplate(TEMPLATE, ['member_name', 'meeting_time']);
    });

    it('answers {data: {msg_id, sent_time, quota}} to an approved template and records what was sent', async () => {
      // Act
      const answer = await postJson(
        `${emu.url}/message/template`,
        template({ member_name: 'Lan', meeting_time: '08:00 20/06/2026' }),
        token,
      );

      // Assess
      expect(answer).toMatchObject({
        error: 0,
        data: { msg_id: expect.any(String), sent_time: expect.any(String), quota: expect.any(Object) },
      });
      expect(emu.znsMessages()).toEqual([
        expect.objectContaining({
          phone: '84912345678',
          templateId: TEMPLATE,
          templateData: { member_name: 'Lan', meeting_time: '08:00 20/06/2026' },
          trackingId: 't-1',
        }),
      ]);
    });

    it("answers Zalo's ZNS codes: -124 token, -108 phone, -109 template, -112 data, -118 no Zalo account", async () => {
      // Prepare
      const data = { member_name: 'Lan', meeting_time: '08:00 20/06/2026' };
      emu.setZnsUnreachable('0987000111');
      const code = async (body: unknown, accessToken = token) =>
        ((await postJson(`${emu.url}/message/template`, body, accessToken)) as { error: number }).error;

      // Act
      const codes = [
        await code(template(data), 'zat-unknown'),
        await code(template(data, '0912345678')),
        await code(template(data, '84912345678', '999999')),
        await code(template({ member_name: 'Lan' })),
        await code(template(data, '84987000111')),
      ];

      // Assess
      expect(codes).toEqual([-124, -108, -109, -112, -118]);
      expect(emu.znsMessages()).toEqual([]);
    });

    it('takes faults on the zns endpoint, and a control API lists the sent messages and marks phones', async () => {
      // Prepare
      emu.injectFault({ endpoint: 'zns', httpStatus: 502 });
      const body = template({ member_name: 'Lan', meeting_time: '08:00' });

      // Act
      const failed = await fetch(`${emu.url}/message/template`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', access_token: token },
        body: JSON.stringify(body),
      });
      await postJson(`${emu.url}/message/template`, body, token);
      await postJson(`${emu.url}/_emulator/zns/unreachable`, { phone: '84912345678' });
      const refused = await postJson(`${emu.url}/message/template`, body, token);
      const listed = (await (await fetch(`${emu.url}/_emulator/zns`)).json()) as unknown[];

      // Assess
      expect(failed.status).toBe(502);
      expect(refused).toMatchObject({ error: -118 });
      expect(listed).toEqual([expect.objectContaining({ templateId: TEMPLATE, phone: '84912345678' })]);
    });
  });

  describe('Control API', () => {
    it('lets a page make a user type, press and read what the OA sent', async () => {
      // Prepare
      const sent = await client.sendButtons(token, ALICE, 'Chọn', [{ title: 'OK', payload: 'ok' }]);

      // Act
      const typed = await postJson(`${emu.url}/_emulator/users/${ALICE}/send`, { text: 'hello' });
      const pressed = await postJson(`${emu.url}/_emulator/users/${ALICE}/press`, {
        messageId: sent.messageId,
        index: 0,
      });
      const view = (await (await fetch(`${emu.url}/_emulator/users/${ALICE}/messages?since=0`)).json()) as {
        messages: { from: string; text?: string }[];
      };

      // Assess
      expect(typed).toMatchObject({ status: 200, event: { event_name: 'user_send_text' } });
      expect(pressed).toMatchObject({ status: 200, event: { message: { text: 'ok' } } });
      expect(view.messages.map((m) => [m.from, m.text])).toEqual([
        ['oa', 'Chọn'],
        ['user', 'hello'],
        ['user', 'ok'],
      ]);
    });

    it('lets a page make a user send a file (base64 in JSON), then serves it at the URL of the event', async () => {
      // Act
      const sent = (await postJson(`${emu.url}/_emulator/users/${ALICE}/file`, {
        fileName: 'don-vi.csv',
        mimeType: 'text/csv',
        base64: Buffer.from('ma,ten\r\n').toString('base64'),
      })) as {
        status: number;
        event: { event_name: string; message: { attachments: { payload: { url: string } }[] } };
      };
      const refused = await fetch(`${emu.url}/_emulator/users/${ALICE}/file`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ base64: 'AA==' }),
      });

      // Assess
      expect(sent).toMatchObject({ status: 200, event: { event_name: 'user_send_file' } });
      const served = await fetch(sent.event.message.attachments[0]?.payload.url ?? '');
      expect(await served.text()).toBe('ma,ten\r\n');
      expect(refused.status).toBe(400);
    });

    it("answers a browser only from the chat page's origin, naming it, and refuses any other page", async () => {
      // Prepare
      emu.allowOrigin('http://127.0.0.1:3000');
      const before = emu.conversation(ALICE).length;

      // Act
      const page = await fetch(`${emu.url}/_emulator/users`, {
        headers: { origin: 'http://127.0.0.1:3000' },
      });
      const evil = await fetch(`${emu.url}/_emulator/users/${ALICE}/send`, {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'gửi thay' }),
      });

      // Assess
      expect(page.status).toBe(200);
      expect(page.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
      expect(evil.status).toBe(403);
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
      expect(emu.conversation(ALICE)).toHaveLength(before);
    });
  });
});
