// bench (4): the measured process — compiles the October report job over the board (mode `compile`) or reads
// the same items with raw paged Queries (mode `floor`); prints its time and peak RSS as one JSON line.
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoContext } from '../../../shared/adapters/dynamodb/client.js';
import { createRepositories } from '../../../shared/adapters/dynamodb/index.js';
import { keys } from '../../../shared/adapters/dynamodb/keys.js';
import { DynamoStore } from '../../../shared/adapters/dynamodb/store.js';
import { INTRODUCTION_STATUSES } from '../../../shared/domain/introduction.js';
import { compileOctoberReports } from '../../../shared/services/october-report.js';
import { BOARD, wardId, YEAR } from './items.js';

const endpoint = process.env.BENCH_ENDPOINT as string;
const tableName = process.env.BENCH_TABLE as string;
const mode = process.env.BENCH_MODE as 'compile' | 'floor';
const wards = Number(process.env.BENCH_WARDS);
const ctx = createDynamoContext({ endpoint, tableName });

async function floor(): Promise<number> {
  const store = new DynamoStore(ctx);
  let items = 0;
  for (let w = 0; w < wards; w++) {
    const ward = wardId(w);
    const memberIds: string[] = [];
    for (const status of INTRODUCTION_STATUSES) {
      for await (const item of store.queryAll(keys.residenceMembersQuery(ward, status))) {
        items++;
        memberIds.push(String(item.memberId));
      }
    }
    const meetings: string[] = [];
    for await (const item of store.queryAll(keys.meetingsOfCommitteeQuery(ward, YEAR))) {
      items++;
      meetings.push(String(item.id));
    }
    for (const id of meetings) for await (const _ of store.queryAll(keys.attendanceSheetQuery(id))) items++;
    for await (const _ of store.queryAll(keys.evaluationsOfCommitteeQuery(ward, YEAR))) items++;
    // Member records and facts items live in the members' own partitions: the cheapest read of them is
    // BatchGetItem, 100 keys (50 members) a call.
    const chunks: string[][] = [];
    for (let i = 0; i < memberIds.length; i += 50) chunks.push(memberIds.slice(i, i + 50));
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        let keysLeft = (chunks[next++] as string[]).flatMap((id) => [keys.member(id), keys.memberFacts(id)]);
        while (keysLeft.length) {
          const out = await ctx.doc.send(
            new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keysLeft } } }),
          );
          items += out.Responses?.[tableName]?.length ?? 0;
          keysLeft = (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as typeof keysLeft;
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
  }
  return items;
}

async function compile(): Promise<number> {
  const ports = { ...createRepositories(ctx), clock: { now: () => new Date('2026-10-31T10:00:00Z') } };
  const summary = await compileOctoberReports(ports, [BOARD], YEAR, (orgId, error) => {
    process.stderr.write(`failed ${orgId}: ${(error as Error).name}\n`);
  });
  if (summary.failed.length) throw new Error(`compile failed for ${summary.failed.length} committees`);
  return summary.compiled + summary.unchanged;
}

const started = performance.now();
const count = mode === 'floor' ? await floor() : await compile();
const ms = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ mode, ms, count, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
ctx.client.destroy();
