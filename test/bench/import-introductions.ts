// Bench: a 5,000-row CSV import through the HTTP handler on a fresh DynamoDB Local, with the deployed timeout
// of the route's group function (HTTP_GROUPS; API Gateway waits 30 s at most); the file is sent again until
// complete, then once more (all replays).
// Run: npx tsx test/bench/import-introductions.ts [rows]
import { randomUUID } from 'node:crypto';
import { createHandler } from '../../functions/http/introductions-import.js';
import { startDynamoDbLocal } from '../../local/dynamodb-local.js';
import { createDynamoContext } from '../../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../../shared/adapters/dynamodb/table-definition.js';
import { HTTP_GROUPS, HTTP_ROUTES } from '../../shared/config/functions.js';
import type { ImportReport } from '../../shared/services/import.js';
import { call, type ErrorJson, testClock, testDeps } from '../support/http.js';
import { AS, seedWorld } from '../support/world.js';

const rows = Number(process.argv[2] ?? 5000);
const group = HTTP_GROUPS.find(
  (g) => g.name === HTTP_ROUTES.find((r) => r.name === 'introductions-import')?.group,
);
const timeoutMs = (group?.timeoutSeconds ?? 10) * 1000;
const HEADER = 'so_the_dang,ho_ten,ngay_sinh,gioi_tinh,cu_tru,dia_chi,dang_ky_tu,ma_noi_cu_tru';
const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const given = ['An', 'Ánh', 'Bình', 'Châu', 'Dũng', 'Đạt', 'Giang', 'Hòa', 'Khánh', 'Ương'];

const db = await startDynamoDbLocal();
try {
  const ctx = createDynamoContext({ endpoint: db.endpoint, tableName: `bench-${randomUUID()}` });
  await ensureTable(ctx.client, ctx.tableName);
  const deps = testDeps(
    { ...ctx, drop: async () => undefined },
    { clock: testClock('2026-03-02T03:00:00Z') },
  );
  await seedWorld(deps.repos);
  const handler = createHandler(() => deps);
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `${600000000 + i},${family[i % 10]} Thị ${given[(i * 7) % 10]},15/06/1985,nữ,thuong_tru,"Số ${i}, khu vực 1",2000-01-01,phuong-an-hoa`,
    );
  }
  const csv = lines.join('\r\n');
  const send = async () => {
    const started = performance.now();
    const res = await call<ImportReport & ErrorJson>(handler, {
      method: 'POST',
      route: '/introductions/import',
      body: csv,
      headers: { 'content-type': 'text/csv' },
      principal: AS.workplace,
      timeoutMs,
    });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(res.json.error)}`);
    return { ms: Math.round(performance.now() - started), report: res.json };
  };
  const requests: { ms: number; created: number }[] = [];
  let report: ImportReport;
  do {
    const sent = await send();
    report = sent.report;
    requests.push({ ms: sent.ms, created: report.created });
  } while (!report.complete && requests.length < 20);
  const again = await send();
  const total = requests.reduce((n, r) => n + r.ms, 0);
  console.log(
    JSON.stringify({
      rows,
      timeoutMs,
      requests,
      totalMs: total,
      rowsPerSecond: Math.round((rows * 1000) / total),
      againMs: again.ms,
      againExisting: again.report.existing,
    }),
  );
  ctx.client.destroy();
} finally {
  await db.stop();
}
