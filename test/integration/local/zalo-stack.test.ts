// integration tests: the local stack with its Zalo OA emulator (issue 15) — started beside the Telegram one, its
// token pair installed, its signed events POSTed to the gateway's /zalo/webhook and answered by the bot.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZaloApiClient } from '../../../chat/channels/zalo/api-client.js';
import { znsTemplateFor } from '../../../chat/channels/zalo/zns.js';
import type { DemoUser, LocalConfig } from '../../../local/control-protocol.js';
import { DEMO_MEMBERS, DEMO_STAFF, DEMO_ZALO_ACCOUNTS, DEMO_ZALO_MEMBER } from '../../../local/seed.js';
import { readSettings } from '../../../local/settings.js';
import { DEMO_ZNS_TEMPLATES, type LocalStack, startLocalStack } from '../../../local/stack.js';
import { loadZaloConfig } from '../../../shared/config/zalo.js';
import { aMeeting } from '../../support/builders.js';
import { localEndpoint } from '../../support/dynamo.js';

describe('Function: startLocalStack with the Zalo OA emulator', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lien-he-zalo-stack-'));
  const lines: string[] = [];
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startLocalStack(
      readSettings({
        DYNAMODB_ENDPOINT: localEndpoint(),
        TABLE_NAME: `t-zalo-stack-${Date.now()}`,
        GATEWAY_PORT: '0',
        EMULATOR_PORT: '0',
        ZALO_EMULATOR_PORT: '0',
        LOCAL_DATA_DIR: dataDir,
        LOCAL_CLOCK: '2027-05-20T09:00',
      }),
      (line) => lines.push(line),
    );
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the Zalo emulator and its webhook, and tells the chat page where its control API is', async () => {
    // Act
    const config = (await (await fetch(`${stack.urls.gateway}/_local/config`)).json()) as LocalConfig;

    // Assess
    const printed = (text: string) => lines.some((l) => l.includes(text));
    expect(
      printed(
        `Zalo OA API emulator on ${stack.urls.zaloEmulator} (control API ${stack.urls.zaloEmulator}/_emulator/)`,
      ),
    ).toBe(true);
    expect(printed(`Zalo webhook set to ${stack.urls.gateway}/zalo/webhook`)).toBe(true);
    expect(stack.zalo.webhookUrl).toBe(`${stack.urls.gateway}/zalo/webhook`);
    expect(config.zaloEmulatorUrl).toBe(stack.urls.zaloEmulator);
    expect(config.zaloUsers).toEqual(
      DEMO_ZALO_ACCOUNTS.map((a) => ({ id: a.subject.id, zaloUserId: a.zaloUserId })),
    );
    expect(config.zaloUsers).toContainEqual({
      id: DEMO_ZALO_MEMBER.memberId,
      zaloUserId: DEMO_ZALO_MEMBER.zaloUserId,
    });
  });

  it("lists each demo Zalo account after the same person's Telegram one, with its Zalo user id, following the OA", async () => {
    // Act
    const users = (await (await fetch(`${stack.urls.gateway}/_local/demo-users`)).json()) as DemoUser[];

    // Assess
    for (const account of DEMO_ZALO_ACCOUNTS) {
      const index = users.findIndex((u) => u.channel === 'zalo' && u.zaloUserId === account.zaloUserId);
      expect(users[index]).toMatchObject({
        key: `zalo:${account.zaloUserId}`,
        id: account.subject.id,
        kind: account.subject.kind,
        linked: true,
      });
      expect(users[index - 1]).toMatchObject({ channel: 'telegram', id: account.subject.id });
      expect(stack.zalo.user(account.zaloUserId)?.following).toBe(true);
    }
    expect(users.filter((u) => u.channel === 'telegram')).toHaveLength(
      DEMO_STAFF.length + DEMO_MEMBERS.length,
    );
  });

  it('adds a new person on Zalo: a fresh Zalo user the OA knows, not following it yet and not linked', async () => {
    // Act
    const res = await fetch(`${stack.urls.gateway}/_local/people`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Phan Thị Mỹ Duyên', channel: 'zalo' }),
    });
    const added = (await res.json()) as DemoUser;

    // Assess
    expect(res.status).toBe(201);
    expect(added).toMatchObject({ channel: 'zalo', kind: 'new', name: 'Phan Thị Mỹ Duyên', linked: false });
    expect(added.key).toBe(`zalo:${added.zaloUserId}`);
    expect(added.telegramId).toBeUndefined();
    expect(stack.zalo.user(added.zaloUserId ?? '')).toMatchObject({
      name: 'Phan Thị Mỹ Duyên',
      following: false,
    });
  });

  it('delivers a signed follow through the gateway to the bot, which greets a new Zalo user', async () => {
    // Prepare
    const userId = '8800000000000000999';

    // Act
    const delivery = await stack.zalo.follow(userId);

    // Assess: the webhook answers once the bot has answered, through the OA API with the installed token
    expect(delivery.status).toBe(200);
    const [greeting] = stack.zalo.oaMessages(userId);
    expect(greeting?.text).toContain('mã liên kết');
    expect(stack.zalo.callsOf('access_token')).toEqual([]);
  });

  it('knows the seeded demo member on Zalo: her follow is greeted by name', async () => {
    // Prepare
    const member = DEMO_MEMBERS.find((m) => m.id === DEMO_ZALO_MEMBER.memberId);

    // Act
    const delivery = await stack.zalo.follow(DEMO_ZALO_MEMBER.zaloUserId);

    // Assess
    expect(delivery.status).toBe(200);
    const texts = stack.zalo.oaMessages(DEMO_ZALO_MEMBER.zaloUserId).map((m) => m.text);
    expect(texts.some((t) => member && t?.includes(member.fullName))).toBe(true);
  });

  it('refuses an event whose signature does not match (401) and the bot says nothing', async () => {
    // Prepare
    const userId = '8800000000000000998';
    const event = stack.zalo.buildEvent('follow', userId);
    const rawBody = JSON.stringify(event);

    // Act
    const res = await fetch(`${stack.urls.gateway}/zalo/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${'0'.repeat(64)}` },
      body: rawBody,
    });

    // Assess
    expect(res.status).toBe(401);
    expect(stack.zalo.oaMessages(userId)).toEqual([]);
  });

  it('points the functions at the emulator for ZNS, with two demo templates the emulator has approved', async () => {
    // Prepare: the functions' Zalo settings, as the stack set them in the environment
    const config = loadZaloConfig(process.env);
    const notice = {
      kind: 'invitation' as const,
      meeting: aMeeting({ id: 'demo.2027.06' }),
      committeeName: 'Đảng ủy phường',
      memberName: 'Nguyễn Văn A',
    };
    const template = znsTemplateFor(notice, config?.znsTemplates ?? {});
    const client = new ZaloApiClient({ ...(config?.znsBaseUrl ? { znsBaseUrl: config.znsBaseUrl } : {}) });

    // Act
    const sent = await client.sendZns(stack.zalo.initialTokens.accessToken, {
      phone: '84912345678',
      templateId: template?.templateId ?? '',
      templateData: template?.data ?? {},
      trackingId: 'stack-1',
    });

    // Assess
    expect(config?.znsBaseUrl).toBe(stack.urls.zaloEmulator);
    expect(config?.znsTemplates).toEqual(DEMO_ZNS_TEMPLATES);
    expect(stack.zalo.znsMessages()).toEqual([
      expect.objectContaining({ msgId: sent.msgId, templateId: DEMO_ZNS_TEMPLATES.invitation }),
    ]);
  });
});
