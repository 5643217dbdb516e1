// infra tests: the one test that bundles for real — every registered function (shared/config/functions.ts)
// plus the fixtures, through the CDK construct and its esbuild settings — and checks each bundle's size,
// its source map and fonts, and that the fixture bundles actually run on Node.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESM_REQUIRE_BANNER, FONT_FILES, PROJECT_ROOT } from '../../infra/constructs/app-function.js';
import type { FunctionRegistry } from '../../infra/stacks/app-stack.js';
import {
  BACKGROUND_FUNCTIONS,
  type BackgroundFunctionDef,
  HTTP_ROUTES,
  type HttpRouteDef,
} from '../../shared/config/functions.js';
import { FIXTURE_BACKGROUND_FUNCTIONS, FIXTURE_HTTP_ROUTES } from '../fixtures/functions/registry.js';
import { synthStage } from './support.js';

const KiB = 1024;
/** grammY (and node-fetch under it) and pdfkit + fontkit are big; everything else must stay small. */
function budgetFor(def: { bot?: boolean; needsFonts?: boolean }): number {
  return def.bot || def.needsFonts ? 700 * KiB : 400 * KiB;
}

// The fixtures ride along under their own names and paths, so they never clash with the real entries.
const fixtures: FunctionRegistry = {
  httpRoutes: FIXTURE_HTTP_ROUTES.map((r) => ({
    ...r,
    name: `fixture-${r.name}`,
    path: `/fixture${r.path}`,
  })),
  backgroundFunctions: FIXTURE_BACKGROUND_FUNCTIONS.map((f) => ({ ...f, name: `fixture-${f.name}` })),
};
const registry: FunctionRegistry = {
  httpRoutes: [...HTTP_ROUTES, ...fixtures.httpRoutes],
  backgroundFunctions: [...BACKGROUND_FUNCTIONS, ...fixtures.backgroundFunctions],
};
const all: (HttpRouteDef | BackgroundFunctionDef)[] = [
  ...registry.httpRoutes,
  ...registry.backgroundFunctions,
];

// Inside the repository, so a bundle's external @aws-sdk/* imports resolve from its node_modules when run.
const outdir = path.join(PROJECT_ROOT, 'cdk.out', `bundle-test-${process.pid}`);
const assetDirs = new Map<string, string>();

/** Runs an ESM bundle's handler in a fresh Node process (as Lambda would load it) and returns its JSON result. */
function invoke(dir: string, event: unknown, env: Record<string, string> = {}): unknown {
  const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(path.join(dir, 'index.mjs')).href)});
process.stdout.write(JSON.stringify(await handler(${JSON.stringify(event)}, {})));`;
  const out = execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'ap-southeast-1', ...env },
    encoding: 'utf8',
    // stderr is kept for the error thrown on failure (the AWS SDK warns about Node 20 on every load)
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out);
}

describe('Bundles: every registered function, built by the CDK construct', () => {
  beforeAll(() => {
    // Prepare: one synthesis with bundling on (esbuild runs once per function)
    const stage = synthStage({ registry, bundle: true, outdir });
    stage.app.synth();
    const functions = stage.appTemplate.findResources('AWS::Lambda::Function') as Record<
      string,
      { Properties: { FunctionName: string; Code: { S3Key: string } } }
    >;
    for (const fn of Object.values(functions)) {
      const hash = fn.Properties.Code.S3Key.replace(/\.zip$/, '');
      assetDirs.set(
        fn.Properties.FunctionName.replace(/^lienhe-dev-/, ''),
        path.join(outdir, `asset.${hash}`),
      );
    }
  }, 300_000);

  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  it.each(all.map((def) => [def.name, def] as const))('keeps %s within its size budget', (name, def) => {
    // Act
    const dir = assetDirs.get(name) ?? '';
    const bundle = path.join(dir, 'index.mjs');
    const size = statSync(bundle).size;

    // Assess
    expect(size, `${name}: ${(size / KiB).toFixed(1)} KiB`).toBeLessThanOrEqual(budgetFor(def));
    expect(readFileSync(bundle, 'utf8').startsWith(ESM_REQUIRE_BANNER)).toBe(true);
    expect(existsSync(path.join(dir, 'index.mjs.map'))).toBe(true);
    if (def.needsFonts) {
      expect(readdirSync(path.join(dir, 'fonts')).sort()).toEqual([...FONT_FILES].sort());
    } else {
      expect(existsSync(path.join(dir, 'fonts'))).toBe(false);
    }
  });

  it('leaves the AWS SDK out of the bundles (the runtime provides it)', () => {
    // Act
    const whoami = readFileSync(path.join(assetDirs.get('fixture-whoami') ?? '', 'index.mjs'), 'utf8');

    // Assess
    expect(whoami).toMatch(/from"@aws-sdk\/client-dynamodb"/);
    expect(whoami).not.toContain('DynamoDBServiceException');
  });

  it('runs an HTTP bundle: the middleware chain answers 401 without a token', () => {
    // Act
    const result = invoke(assetDirs.get('fixture-whoami') ?? '', {
      version: '2.0',
      routeKey: 'GET /whoami',
      rawPath: '/whoami',
      headers: {},
      requestContext: { http: { method: 'GET', path: '/whoami' } },
      isBase64Encoded: false,
    }) as { statusCode: number; body: string };

    // Assess
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('loads the grammY bundle, whose CommonJS dependencies need the require banner', () => {
    // Act
    const script = `const m = await import(${JSON.stringify(
      pathToFileURL(path.join(assetDirs.get('fixture-telegram-webhook') ?? '', 'index.mjs')).href,
    )}); process.stdout.write(typeof m.handler);`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });

    // Assess
    expect(out).toBe('function');
  });

  it('renders a Vietnamese PDF from the bundle with the fonts copied beside it', () => {
    // Prepare
    const dir = assetDirs.get('fixture-october-report') ?? '';

    // Act
    const result = invoke(
      dir,
      { job: 'fixture-october-report', scheduledTime: '2026-10-31T00:00:00Z', executionId: 'x' },
      { FONTS_DIR: path.join(dir, 'fonts') },
    ) as { job: string; bytes: number };

    // Assess
    expect(result.job).toBe('fixture-october-report');
    expect(result.bytes).toBeGreaterThan(5_000);
  });
});
