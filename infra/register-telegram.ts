// infra: registers the deployed webhook with Telegram — the URL of the webhook route, the secret the
// function checks (X-Telegram-Bot-Api-Secret-Token), and the bot's default command menu in Vietnamese and
// English. Run once after the first deploy and again after rotating the secret:
//   npm run telegram:register -- --stage prod --url https://abc123.execute-api.ap-southeast-1.amazonaws.com/
// The token and the secret are read from the stage's SSM SecureStrings (BOT_TOKEN and WEBHOOK_SECRET in the
// environment take their place, e.g. against the local emulator with TELEGRAM_API_ROOT). Neither is printed.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { Api } from 'grammy';
import { telegramClientOptions } from '../chat/channels/telegram/client.js';
import { installDefaultCommands } from '../chat/commands.js';
import { parameterNames, STAGES, type StageName } from './config.js';

/** The webhook route of the HTTP API (infra/constructs/http-api.ts, BOT_ROUTES in shared/config/functions.ts). */
export const WEBHOOK_PATH = 'telegram/webhook';

export interface Registration {
  /** The webhook URL Telegram now posts to. */
  url: string;
  pendingUpdates: number;
  /** Telegram's last delivery error, if it reports one. */
  lastError?: string;
}

/** `https://…/` (the stack's ApiUrl output) + the webhook route; loopback http only for the emulator. */
export function webhookUrl(apiUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(apiUrl);
  } catch {
    throw new Error(`--url is not a URL: ${apiUrl}`);
  }
  const loopback = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost';
  if (parsed.protocol !== 'https:' && !(loopback && parsed.protocol === 'http:')) {
    throw new Error('--url must be the https ApiUrl output of the App stack');
  }
  const base = parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
  return base.endsWith(`/${WEBHOOK_PATH}/`) ? base.slice(0, -1) : `${base}${WEBHOOK_PATH}`;
}

/** Sets the webhook with its secret and the default menus, then reads back what Telegram holds. */
export async function registerTelegramWebhook(
  api: Api,
  options: { url: string; secret: string; dropPendingUpdates?: boolean },
): Promise<Registration> {
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(options.secret)) {
    // Telegram's own rule for secret_token; failing here names the cause before any call.
    throw new Error('The webhook secret must be 1–256 characters of A–Z a–z 0–9 _ -');
  }
  await api.setWebhook(options.url, {
    secret_token: options.secret,
    drop_pending_updates: options.dropPendingUpdates ?? false,
  });
  await installDefaultCommands(api);
  const info = await api.getWebhookInfo();
  if (info.url !== options.url) {
    throw new Error(`Telegram holds another webhook URL after setWebhook: ${info.url || '(none)'}`);
  }
  return {
    url: info.url,
    pendingUpdates: info.pending_update_count,
    lastError: info.last_error_message || undefined,
  };
}

async function secretOf(ssm: SSMClient, name: string): Promise<string> {
  const out = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  const value = out.Parameter?.Value;
  if (!value) throw new Error(`SSM parameter ${name} is empty`);
  return value;
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      stage: { type: 'string', default: 'dev' },
      url: { type: 'string' },
      'drop-pending': { type: 'boolean', default: false },
    },
  });
  const stage = values.stage as StageName;
  if (!STAGES.includes(stage)) throw new Error(`Unknown stage "${values.stage}": use dev or prod`);
  if (!values.url) throw new Error('--url <ApiUrl> is required (docs/deploy.md shows how to read it)');
  const url = webhookUrl(values.url);

  const parameters = parameterNames(stage);
  const needsSsm = !env.BOT_TOKEN || !env.WEBHOOK_SECRET;
  const ssm = needsSsm ? new SSMClient({}) : undefined;
  const token = env.BOT_TOKEN || (ssm ? await secretOf(ssm, parameters.botToken) : '');
  const secret = env.WEBHOOK_SECRET || (ssm ? await secretOf(ssm, parameters.webhookSecret) : '');

  const api = new Api(token, telegramClientOptions(env.TELEGRAM_API_ROOT || undefined));
  const result = await registerTelegramWebhook(api, {
    url,
    secret,
    dropPendingUpdates: values['drop-pending'],
  });
  console.log(`Webhook: ${result.url}`);
  console.log(`Đang chờ xử lý (pending updates): ${result.pendingUpdates}`);
  console.log('Menu lệnh mặc định (vi, en): đã cài');
  if (result.lastError) console.log(`Lỗi gần nhất Telegram báo: ${result.lastError}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2), process.env).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
