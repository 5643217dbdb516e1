// infra: the operator's administration CLI — `npm run admin -- bootstrap …` makes the first board and its administrator
// (against DynamoDB Local with --local, or the deployed table with the operator's AWS credentials) and prints a link code.
import { parseArgs } from 'node:util';
import { CognitoIdentityDirectory } from '../shared/adapters/cognito/identity-directory.js';
import { createDynamoContext } from '../shared/adapters/dynamodb/client.js';
import { createRepositories } from '../shared/adapters/dynamodb/index.js';
import { randomCode } from '../shared/adapters/ids.js';
import { RecordingIdentityDirectory } from '../shared/adapters/memory/identity-directory.js';
import { qrPng } from '../shared/adapters/qr.js';
import { telegramDeepLink } from '../shared/config/bot.js';
import { DEFAULT_TABLE_NAME, ENV } from '../shared/config/table.js';
import { systemClock } from '../shared/ports/common.js';
import { bootstrapAdminArgsSchema } from '../shared/schemas/administration.js';
import { bootstrapAdministrator } from '../shared/services/bootstrap.js';
import { stackOutput } from './stack-outputs.js';

const USAGE = `npm run admin -- bootstrap --board-id <id> --board-name "<name>" --admin-name "<name>" [--email <e-mail>]
    [--local | --endpoint http://localhost:8000] [--stage <stage> | --table <table>] [--user-pool <id>]
    [--bot-username <name>] [--qr <file.png>]`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'bootstrap') {
    console.error(USAGE);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      'board-id': { type: 'string' },
      'board-name': { type: 'string' },
      'admin-name': { type: 'string' },
      email: { type: 'string' },
      local: { type: 'boolean', default: false },
      endpoint: { type: 'string' },
      stage: { type: 'string' },
      table: { type: 'string' },
      'user-pool': { type: 'string' },
      'bot-username': { type: 'string' },
      qr: { type: 'string' },
    },
  });
  const args = bootstrapAdminArgsSchema.safeParse({
    boardId: values['board-id'],
    boardName: values['board-name'],
    adminName: values['admin-name'],
    email: values.email,
  });
  if (!args.success) {
    console.error(
      `Tham số không hợp lệ:\n${args.error.issues.map((i) => `  --${i.path.join('.')}: ${i.message}`).join('\n')}\n${USAGE}`,
    );
    return 2;
  }
  const localEndpoint =
    values.endpoint ??
    (values.local ? (process.env[ENV.dynamoEndpoint] ?? 'http://127.0.0.1:8000') : undefined);
  if (localEndpoint && !/^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\/?$/.test(localEndpoint)) {
    console.error(`--local nhận chỉ DynamoDB trên máy này (loopback), không phải ${localEndpoint}`);
    return 2;
  }
  const stackPrefix = values.stage ? `lienhe-${values.stage}` : undefined;
  const tableName =
    values.table ??
    (localEndpoint
      ? (process.env[ENV.tableName] ?? DEFAULT_TABLE_NAME)
      : stackPrefix
        ? stackOutput(`${stackPrefix}-Data`, 'TableName')
        : undefined);
  if (!tableName) {
    console.error(`Chọn bảng: --local, --stage <stage> hoặc --table <tên bảng>\n${USAGE}`);
    return 2;
  }
  const userPoolId =
    values['user-pool'] ??
    (args.data.email && stackPrefix && !localEndpoint
      ? stackOutput(`${stackPrefix}-App`, 'UserPoolId')
      : undefined);
  if (args.data.email && !localEndpoint && !userPoolId) {
    console.error('Có --email thì cần --user-pool <id> (hoặc --stage để đọc từ stack)');
    return 2;
  }
  const repos = createRepositories(createDynamoContext({ tableName, endpoint: localEndpoint || undefined }));
  const identity =
    userPoolId && !localEndpoint
      ? new CognitoIdentityDirectory(userPoolId)
      : new RecordingIdentityDirectory();
  const result = await bootstrapAdministrator(args.data, {
    ...repos,
    identity,
    clock: systemClock,
    newCode: () => randomCode(8),
  });
  const botUsername = values['bot-username'] ?? process.env[ENV.botUsername] ?? 'lienhe_local_bot';
  const link = telegramDeepLink(botUsername, result.linkCode.code);
  console.log(`Bảng: ${tableName}`);
  console.log(
    `Ban tổ chức: ${result.board.name} (${result.board.id}) — ${result.boardCreated ? 'vừa tạo' : 'đã có'}`,
  );
  console.log(
    `Quản trị viên: ${result.admin.id} — ${result.assignment === 'created' ? 'vừa giao quyền' : 'đã có quyền'}`,
  );
  if (args.data.email)
    console.log(`Tài khoản đăng nhập: ${args.data.email}${userPoolId ? '' : ' (cục bộ: không tạo)'}`);
  console.log(`Mã liên kết (dùng một lần, hết hạn ${result.linkCode.expiresAt}): ${result.linkCode.code}`);
  console.log(`Liên kết: ${link}`);
  if (values.qr) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(values.qr, await qrPng(link));
    console.log(`Mã QR: ${values.qr}`);
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
