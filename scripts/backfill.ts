// script: rewrites the stored items of one entity type whose schema version `v` is older than the current one
// (issue 20 item 3; docs/operations.md). Idempotent: each write is guarded by the item's `v`, so a rerun or an
// interrupted run is safe, and items already current are not even read back.
//
//   npm run backfill -- Invitation --local             # DynamoDB Local (the local stack's table, $DYNAMODB_ENDPOINT)
//   npm run backfill -- Invitation --table <name>      # a deployed table (AWS credentials of the shell)
//   npm run backfill -- Invitation --table <name> --dry-run
import { parseArgs } from 'node:util';
import { backfill } from '../shared/adapters/dynamodb/backfill.js';
import { createDynamoContext } from '../shared/adapters/dynamodb/client.js';
import { isRecordKind, RECORDS } from '../shared/adapters/dynamodb/records.js';
import { DEFAULT_TABLE_NAME, ENV } from '../shared/config/table.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    local: { type: 'boolean', default: false },
    endpoint: { type: 'string' },
    table: { type: 'string' },
    'page-size': { type: 'string', default: '500' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const kind = positionals[0];
const USAGE = `usage: npm run backfill -- <${Object.keys(RECORDS).join('|')}> (--local | --endpoint <url>) [--table <name>] [--page-size N] [--dry-run]`;
if (!kind || !isRecordKind(kind)) {
  console.error(USAGE);
  process.exit(2);
}
const endpoint =
  values.endpoint ??
  (values.local ? (process.env[ENV.dynamoEndpoint] ?? 'http://127.0.0.1:8000') : undefined);
const tableName = values.table ?? (endpoint ? (process.env[ENV.tableName] ?? DEFAULT_TABLE_NAME) : undefined);
if (!tableName) {
  console.error(USAGE);
  process.exit(2);
}
const ctx = createDynamoContext({ tableName, endpoint: endpoint || undefined });
const result = await backfill(ctx, kind, {
  pageSize: Number(values['page-size']),
  dryRun: values['dry-run'],
});
console.log(
  `${kind} → v${RECORDS[kind].version} in ${tableName}: ${result.old} old, ${result.rewritten} rewritten, ` +
    `${result.raced} changed meanwhile, ${result.invalid.length} not parsing${values['dry-run'] ? ' (dry run)' : ''}`,
);
for (const line of result.invalid) console.log(`  ${line}`);
process.exit(result.invalid.length > 0 ? 1 : 0);
