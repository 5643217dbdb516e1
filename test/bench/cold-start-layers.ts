// bench: where the Telegram webhook's cold start goes — the webhook's imports bundled in layers (the floor, then
// grammY, the chat package with the composition root, the bot's features, the year-end features, the whole
// entry), each layer's cold start measured round-robin beside the others. `npx tsx test/bench/cold-start-layers.ts`
// (BENCH_ROUNDS, default 10); cited in docs/benchmarks.md's analysis, not a section of its own.
import { rmSync } from 'node:fs';
import { type BuiltBundle, bundleEntry, bundleFloor, bundleSettings, OUT_DIR, ROOT } from './bundle.js';
import { measureColdStarts } from './cold-start.js';
import { ms } from './stats.js';

/** Each layer imports what the one before it does, and one more part of the webhook. */
const LAYERS: { name: string; imports: string[]; uses: string[] }[] = [
  {
    name: 'grammY',
    imports: ["import { Bot, webhookCallback } from 'grammy';"],
    uses: ['Bot', 'webhookCallback'],
  },
  {
    name: 'the composition root (functions/deps.ts: repositories and stored schemas, Powertools, jose)',
    imports: [`import { defaultDeps } from '${ROOT}/functions/deps.ts';`],
    uses: ['defaultDeps'],
  },
  {
    name: 'the chat side (functions/chat-deps.ts: messengers, catalogues, the SSM client)',
    imports: [`import { asBotAppDeps } from '${ROOT}/functions/chat-deps.ts';`],
    uses: ['asBotAppDeps'],
  },
  {
    name: "the bot's features",
    imports: [`import { createBot } from '${ROOT}/bot/create-bot.ts';`],
    uses: ['createBot'],
  },
  {
    name: 'the year-end features',
    imports: [`import { yearEndFeatures } from '${ROOT}/bot/year-end.ts';`],
    uses: ['yearEndFeatures'],
  },
];

async function main() {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
  const { options } = await bundleSettings();
  const floor = await bundleFloor(options);
  const bundles: BuiltBundle[] = [floor];
  for (const [i, _] of LAYERS.entries()) {
    const upTo = LAYERS.slice(0, i + 1);
    bundles.push(
      await bundleFloor(options, {
        name: `_layer${i + 1}`,
        imports: upTo.flatMap((l) => l.imports),
        uses: upTo.flatMap((l) => l.uses),
      }),
    );
  }
  bundles.push(await bundleEntry('telegram-webhook', 'bot/lambda/telegram-webhook.ts', options));
  const results = await measureColdStarts(bundles, rounds);
  const names = ['floor (DynamoDB document client)', ...LAYERS.map((l) => `+ ${l.name}`), 'the whole entry'];
  let previous = 0;
  console.log(`cold start of the Telegram webhook by layer, median of ${rounds} (${process.version}):`);
  results.forEach((r, i) => {
    const size = ((bundles[i]?.bytes ?? 0) / 1024).toFixed(0);
    const step = i === 0 ? '' : ` (${r.medianMs - previous >= 0 ? '+' : ''}${ms(r.medianMs - previous)})`;
    console.log(`  ${names[i]}: ${ms(r.medianMs)}${step}, ${size} KiB`);
    previous = r.medianMs;
  });
  rmSync(OUT_DIR, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
