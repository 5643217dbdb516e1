// `npm start`: the whole system on this machine in one process; Ctrl-C (or SIGTERM) stops all of it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BACKGROUND_FUNCTIONS, HTTP_ROUTES } from '../shared/config/functions.js';
import { formatVietnameseDate, localDateTime } from '../shared/domain/dates.js';
import { JavaMissingError, killAllDynamoDbLocal } from './dynamodb-local.js';
import { PortInUseError } from './gateway.js';
import { DEMO_MEMBERS, DEMO_STAFF } from './seed.js';
import { type LocalSettings, readSettings, SettingsError } from './settings.js';
import { type LocalStack, startLocalStack } from './stack.js';

const out = (line = '') => process.stdout.write(`${line}\n`);

// The SDK's notice that it will need Node 22 in 2027 would be the first thing a user reads; Lambda runs 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Known failures get one line; anything else keeps its stack trace for whoever debugs it. */
function explain(error: unknown): string {
  if (
    error instanceof JavaMissingError ||
    error instanceof PortInUseError ||
    error instanceof SettingsError
  ) {
    return error.message;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function vnTime(date: Date): string {
  const { date: day, time } = localDateTime(date);
  return `${formatVietnameseDate(day)} ${time}`;
}

async function banner(stack: LocalStack, settings: LocalSettings): Promise<void> {
  const { urls } = stack;
  out();
  out('Liên hệ nơi cư trú — the local stack is running');
  out();
  out(`  Chat page (open in a browser) ${urls.chat}`);
  out(`  HTTP API (gateway)            ${urls.gateway}   ${HTTP_ROUTES.length} routes`);
  if (urls.emulator) out(`  Telegram Bot API emulator     ${urls.emulator}   control API under /_emulator/`);
  else out('  Telegram                      real Telegram, long polling (TELEGRAM_BOT_TOKEN is set)');
  out(
    `  Zalo OA API emulator          ${urls.zaloEmulator}   control API under /_emulator/, webhook → ${urls.gateway}/zalo/webhook`,
  );
  out(
    `  DynamoDB Local                ${urls.dynamodb}   ${settings.persist ? 'data kept in .data/dynamodb' : 'in memory'}`,
  );
  out(`  Local clock                   ${vnTime(stack.clock.now())} (Asia/Ho_Chi_Minh)`);
  out();

  const users = await stack.demoUsers();
  out(
    urls.emulator
      ? 'Demo users (pick one on the chat page):'
      : 'Demo users (their Telegram ids are invented):',
  );
  for (const s of DEMO_STAFF) {
    out(`  ${s.fullName.padEnd(20)} ${s.role.padEnd(16)} ${s.orgId.padEnd(18)} staff ${s.id}`);
  }
  const telegramUsers = users.filter((u) => u.channel === 'telegram');
  const byId = new Map(telegramUsers.map((u) => [u.id, u]));
  const linkedMembers = DEMO_MEMBERS.filter((m) => byId.get(m.id)?.linked);
  out(
    `  + ${DEMO_MEMBERS.length} members (${linkedMembers.length} with a linked chat), e.g. ${DEMO_MEMBERS.slice(
      0,
      3,
    )
      .map((m) => `${m.fullName} (${m.id})`)
      .join(', ')}`,
  );
  for (const u of telegramUsers.filter((x) => !x.linked && x.linkCode)) {
    const where = urls.emulator ? 'on the chat page' : 'from your own Telegram, to the bot,';
    out(`    not linked yet: ${u.name} (${u.id}) — ${where} send /start ${u.linkCode}`);
  }
  const onZalo = users.filter((u) => u.channel === 'zalo' && u.kind !== 'new');
  if (onZalo.length > 0) {
    out(
      `  on Zalo too (their "Zalo" row on the chat page): ${onZalo.map((u) => `${u.name} (${u.id})`).join(', ')}`,
    );
  }
  out();

  const tokens = await stack.sampleTokens();
  const lines = tokens.map((t) => `export TOKEN_${t.role.toUpperCase()}=${t.token}`);
  const file = join(settings.dataDir, 'tokens.env');
  writeFileSync(
    file,
    `# LOCAL ONLY: API tokens signed with the local dev secret (30 days).\n${lines.join('\n')}\n`,
  );
  out('Sample API tokens — LOCAL ONLY, signed with the local dev secret, valid 30 days:');
  for (const t of tokens) out(`  ${t.role.padEnd(16)} ${t.name} (${t.sub} @ ${t.orgId})`);
  out(
    `  all of them as shell variables: source ${join(settings.dataDir, 'tokens.env').replace(`${settings.root}/`, '')}`,
  );
  const residence = tokens.find((t) => t.role === 'residence_staff');
  if (residence) {
    out();
    out('  e.g.:');
    out(`  curl -s -H "Authorization: Bearer ${residence.token}" \\`);
    out(`       "${urls.gateway}/members/dv-01/contact-book"`);
  }
  out();

  const jobs = BACKGROUND_FUNCTIONS.filter((f) => f.trigger.kind === 'schedule' && !f.awsOnly);
  if (jobs.length > 0) {
    out('Scheduled jobs (local clock; fire one now with `npm run job -- <name> [--now 2027-10-31]`):');
    for (const j of jobs) {
      const expression = j.trigger.kind === 'schedule' ? j.trigger.expression : '';
      out(`  ${j.name.padEnd(22)} ${expression}`);
    }
    out();
  }
  out('Stop: Ctrl-C (stops DynamoDB Local, the emulator, the gateway and the jobs).');
  out();
}

async function main(): Promise<void> {
  // Whatever happens, no Java process outlives this one.
  process.on('exit', killAllDynamoDbLocal);

  let stack: LocalStack | undefined;
  let exiting = false;
  const shutdown = async (code: number, why: string) => {
    if (exiting) return;
    exiting = true;
    out();
    out(`Stopping (${why})…`);
    const force = setTimeout(() => {
      out('Still stopping after 10 s: forcing exit.');
      process.exit(code || 1);
    }, 10_000);
    force.unref();
    try {
      await stack?.stop();
    } finally {
      out('Stopped. Nothing is left running.');
      process.exit(code);
    }
  };
  let booting = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      // Mid-start there is nothing to stop gracefully yet: exit, and the exit hook kills Java.
      if (booting) process.exit(130);
      void shutdown(0, signal);
    });
  }
  process.on('uncaughtException', (error) => {
    process.stderr.write(`Unexpected error: ${explain(error)}\n`);
    void shutdown(1, 'unexpected error');
  });
  process.on('unhandledRejection', (error) => {
    process.stderr.write(`Unexpected error: ${explain(error)}\n`);
    void shutdown(1, 'unexpected error');
  });

  let settings: LocalSettings;
  try {
    settings = readSettings();
    stack = await startLocalStack(settings);
  } catch (error) {
    process.stderr.write(`${explain(error)}\n`);
    process.exit(1);
  }
  booting = false;
  await banner(stack, settings);
}

await main();
