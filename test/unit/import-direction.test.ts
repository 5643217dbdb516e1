// unit tests: the import direction docs/architecture.md states (domain ← schemas/ports ← services ← adapters ← chat ←
// functions/bot ← bot/lambda ← local), read from the source files themselves, so a new import against it fails here;
// the known exceptions are listed.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The rooms of docs/architecture.md, most specific first. */
const ROOMS = [
  ['shared/domain', 'domain'],
  ['shared/formats', 'formats'],
  ['shared/schemas', 'schemas'],
  ['shared/ports', 'ports'],
  ['shared/services', 'services'],
  ['shared/adapters', 'adapters'],
  ['shared/config', 'config'],
  ['functions', 'functions'],
  // The bot's Lambda entries (the two webhooks): they build the bot over the functions' composition root.
  ['bot/lambda', 'bot-entry'],
  ['bot', 'bot'],
  // The chat package: transport and presentation both the bot and the functions use (issue 20).
  ['chat', 'chat'],
  // The operator's command-line tools under infra/ (admin.ts, zalo.ts, register-telegram.ts) compose the app's
  // own pieces like local/ does; the CDK app (stacks, constructs) reads shared/config only.
  ['infra/stacks', 'cdk'],
  ['infra/constructs', 'cdk'],
  ['infra', 'operator'],
  ['local', 'local'],
  ['test', 'test'],
] as const;
type Room = (typeof ROOMS)[number][1];

const SHARED: readonly Room[] = ['domain', 'formats', 'schemas', 'ports', 'services', 'adapters', 'config'];
const MAY_IMPORT: Record<Exclude<Room, 'test'>, readonly Room[]> = {
  domain: [],
  formats: ['domain'],
  schemas: ['domain', 'formats'],
  ports: ['domain'],
  services: ['domain', 'formats', 'schemas', 'ports'],
  adapters: ['domain', 'formats', 'ports', 'config', 'schemas'],
  config: ['domain'],
  chat: SHARED,
  functions: [...SHARED, 'chat'],
  bot: [...SHARED, 'chat'],
  'bot-entry': [...SHARED, 'chat', 'functions', 'bot'],
  cdk: ['config', 'operator'],
  operator: [...SHARED, 'chat', 'bot', 'cdk'],
  local: [...SHARED, 'chat', 'functions', 'bot', 'bot-entry', 'cdk', 'operator'],
};

/**
 * Known exceptions, each named with why it stands and where it goes away: a new import against the rule is not
 * added here but fixed. `functions/` importing `bot/` is never one (issue 20: the case below fails on it).
 */
const KNOWN: readonly string[] = [
  // The PDF renderers take the view a use case built (its type only): the type belongs in ports (issue 20).
  'shared/adapters/documents/link-codes-pdf.ts -> shared/services/link-code-sheet.ts',
  'shared/adapters/documents/personal-data-pdf.ts -> shared/services/personal-data.ts',
  // The CDK construct bundles the PDF fonts by the path their adapter declares.
  'infra/constructs/app-function.ts -> shared/adapters/documents/fonts.ts',
];

function roomOf(path: string): Room | undefined {
  return ROOMS.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`))?.[1];
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'cdk.out') yield* sourceFiles(path);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/** Relative imports, static and dynamic, type-only included: a type is a dependency too. */
const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) =>
    relative(ROOT, normalize(join(ROOT, dirname(file), m[1] ?? ''))).replace(/\.js$/, '.ts'),
  );
}

/** Every import from a file under `from` into a room of `rooms`, whatever the rule and the list say. */
function importsInto(from: string, rooms: readonly Room[]): string[] {
  return [...sourceFiles(from)].flatMap((file) =>
    imports(file)
      .filter((target) => rooms.includes(roomOf(target) as Room))
      .map((target) => `${file} -> ${target}`),
  );
}

function violations(): string[] {
  const found: string[] = [];
  for (const top of ['shared', 'chat', 'functions', 'bot', 'infra', 'local']) {
    for (const file of sourceFiles(top)) {
      const from = roomOf(file);
      if (!from || from === 'test') continue;
      for (const target of imports(file)) {
        const to = roomOf(target);
        if (!to || to === from) continue;
        if (!MAY_IMPORT[from].includes(to)) found.push(`${file} -> ${target}`);
      }
    }
  }
  return found.sort();
}

describe('Rule: imports flow one way (docs/architecture.md, "Rooms")', () => {
  it('finds no import against the direction beyond the known exceptions', () => {
    // Act
    const found = violations();

    // Assess
    expect(found.filter((v) => !KNOWN.includes(v))).toEqual([]);
  });

  it('lists no exception that is gone (a fixed one leaves the list)', () => {
    // Act
    const found = new Set(violations());

    // Assess
    expect(KNOWN.filter((k) => !found.has(k))).toEqual([]);
  });

  it('finds no import of bot/ in functions/ or chat/ at all, and no exception that would allow one (issue 20)', () => {
    // Act
    const found = [
      ...importsInto('functions', ['bot', 'bot-entry']),
      ...importsInto('chat', ['bot', 'bot-entry']),
    ];

    // Assess: the bot is built by its own entries (bot/lambda) over the root; functions/ and chat/ only send.
    expect(found).toEqual([]);
    expect(KNOWN.filter((k) => /^(functions|chat)\/.* -> bot\//.test(k))).toEqual([]);
    expect(
      [...MAY_IMPORT.functions, ...MAY_IMPORT.chat].filter((r) => r === 'bot' || r === 'bot-entry'),
    ).toEqual([]);
  });

  it('would catch a domain file importing a service, and a type-only import', () => {
    // Prepare: the rule as the test applies it, on two imports written here.
    const domainToService = roomOf('shared/domain/x.ts') as Exclude<Room, 'test'>;
    const target = roomOf('shared/services/y.ts') as Room;
    const typeOnly = [..."import type { A } from '../services/y.js';".matchAll(IMPORT)].map((m) => m[1]);

    // Assess
    expect([domainToService, target]).toEqual(['domain', 'services']);
    expect(MAY_IMPORT[domainToService].includes(target)).toBe(false);
    expect(typeOnly).toEqual(['../services/y.js']);
  });
});
