// Local runtime, step 6: the HTTP gateway — every registered route as API Gateway calls it, plus the chat page
// and the local control API (control.ts); the people added on the chat page, known again to a fresh Zalo
// emulator; and the chat page's origin, the one web page both emulators answer.
import { join } from 'node:path';
import type { Repositories } from '../../shared/adapters/dynamodb/index.js';
import { HTTP_ROUTES } from '../../shared/config/functions.js';
import { bundleChatPage, type ChatPageAssets } from '../chat-page-server.js';
import type { LocalClock } from '../clock.js';
import { type Line, prefixed } from '../console-log.js';
import type { DemoUser, LocalConfig } from '../control-protocol.js';
import { type Gateway, startGateway } from '../gateway.js';
import { pageOrigins } from '../loopback-guard.js';
import { isZaloPerson, NewPeople } from '../new-people.js';
import { type OpenApiDocument, openApiDocument } from '../openapi.js';
import { DEMO_ZALO_ACCOUNTS } from '../seed.js';
import type { LocalSettings } from '../settings.js';
import type { TelegramEmulator } from '../telegram-emulator/index.js';
import type { ZaloEmulator } from '../zalo-emulator/index.js';
import type { LocalFunctions } from './composition.js';
import { localControl } from './control.js';
import { listDemoUsers } from './demo-users.js';
import { EMULATED_BOT, followingZaloUser } from './emulators.js';
import type { LocalJobs } from './jobs.js';
import type { Teardown } from './lifecycle.js';

/** What the gateway serves from: the stack's parts started before it. */
export interface GatewayParts {
  repos: Repositories;
  clock: LocalClock;
  emulator: TelegramEmulator | undefined;
  zalo: ZaloEmulator;
  functions: LocalFunctions;
  jobs: LocalJobs;
}

/**
 * The people added on the chat page (kept in .data when persisting). New people on Zalo kept from an earlier
 * start: the fresh emulator knows them again, as followers of the OA if they linked (like the seeded ones); one
 * not linked yet follows from the chat page ("Quan tâm").
 */
async function chatPagePeople(settings: LocalSettings, parts: GatewayParts): Promise<NewPeople> {
  const { repos, zalo, clock } = parts;
  const people = new NewPeople(
    settings.persist ? join(settings.dataDir, 'people.json') : undefined,
    async (telegramId) => Boolean(await repos.chatLinks.byChat('telegram', String(telegramId))),
    () => new Date(),
    async (zaloUserId) => Boolean(await repos.chatLinks.byChat('zalo', zaloUserId)),
  );
  for (const person of people.list()) {
    if (!isZaloPerson(person)) continue;
    if (await repos.chatLinks.byChat('zalo', person.zaloUserId))
      followingZaloUser(zalo, person.zaloUserId, person.name, clock);
    else zalo.addUser({ id: person.zaloUserId, name: person.name });
  }
  return people;
}

/** What the chat page reads first (`GET /_local/config`): which Telegram, which Zalo, which bot. */
function localConfig(parts: GatewayParts): LocalConfig {
  const { emulator, zalo } = parts;
  return {
    mode: emulator ? 'emulator' : 'telegram',
    emulatorUrl: emulator?.url,
    zaloEmulatorUrl: zalo.url,
    zaloUsers: DEMO_ZALO_ACCOUNTS.map((a) => ({ id: a.subject.id, zaloUserId: a.zaloUserId })),
    bot: { username: parts.functions.identity.username, firstName: EMULATED_BOT.first_name },
  };
}

export async function startHttpServer(
  settings: LocalSettings,
  parts: GatewayParts,
  { write, log, teardown }: { write: Line; log: Line; teardown: Teardown },
): Promise<{ gateway: Gateway; demoUsers: () => Promise<DemoUser[]> }> {
  const { functions, jobs } = parts;
  const chatPage: ChatPageAssets = await bundleChatPage(settings.root);
  const people = await chatPagePeople(settings, parts);
  const demoUsers = () => listDemoUsers(parts.repos, people);
  const gatewayLog = prefixed('gateway', write);
  let openApi: Promise<OpenApiDocument> | undefined;
  const gateway = await startGateway({
    routes: HTTP_ROUTES,
    handlerOf: functions.handlerOf,
    verifier: () => functions.deps.tokens,
    port: settings.gatewayPort,
    log: ({ route, status, durationMs, error }) => {
      gatewayLog(`${route} → ${status} (${durationMs} ms)`);
      // Lambda logs an uncaught error with its stack; so does the local stack.
      if (error) gatewayLog(error instanceof Error ? (error.stack ?? error.message) : String(error));
    },
    local: (req, res, url, body) =>
      localControl(req, res, url, body, {
        chatPage,
        openApi: () => {
          openApi ??= openApiDocument(settings.root);
          return openApi;
        },
        clock: parts.clock,
        demoUsers,
        people,
        zalo: parts.zalo,
        ...jobs,
        emulator: parts.emulator,
        sms: functions.sms,
        config: () => localConfig(parts),
      }),
  });
  teardown.add('HTTP gateway', () => gateway.close());
  // The chat page (served by the gateway) is the one web page the emulator answers, by either loopback name.
  for (const origin of pageOrigins(gateway.port)) {
    parts.emulator?.allowOrigin(origin);
    parts.zalo.allowOrigin(origin);
  }
  log(`HTTP gateway on ${gateway.url} (${HTTP_ROUTES.length} routes)`);
  return { gateway, demoUsers };
}
