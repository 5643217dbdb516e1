// bench: bundles each registry entry with esbuild's API using the CDK construct's settings (infra/constructs,
// when present), else the documented defaults: node24, ESM, minified, bundled, with a createRequire banner.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';

export const ROOT = resolve(import.meta.dirname, '../..');
/** Inside the repository so that externals (the AWS SDK, which Lambda's runtime provides) resolve from node_modules. */
export const OUT_DIR = join(ROOT, '.bench');

export const DEFAULT_BANNER =
  "import { createRequire as benchCreateRequire } from 'node:module'; const require = benchCreateRequire(import.meta.url);";

export interface BundleSettings {
  source: string;
  options: BuildOptions;
}

/** The subset of the CDK BundlingOptions the construct uses, mapped to esbuild's API. */
interface CdkBundling {
  format?: string;
  target?: string;
  mainFields?: readonly string[];
  banner?: string;
  minify?: boolean;
  keepNames?: boolean;
  sourceMap?: boolean;
  sourcesContent?: boolean;
  charset?: string;
  externalModules?: readonly string[];
  esbuildArgs?: Record<string, string | boolean>;
  define?: Record<string, string>;
}

function fromCdk(b: CdkBundling): BuildOptions {
  const alias: Record<string, string> = {};
  for (const [flag, value] of Object.entries(b.esbuildArgs ?? {})) {
    const m = /^--alias:(.+)$/.exec(flag);
    if (m?.[1] && typeof value === 'string') alias[m[1]] = value;
  }
  return {
    platform: 'node',
    bundle: true,
    format: b.format === 'cjs' ? 'cjs' : 'esm',
    target: b.target ?? 'node24',
    ...(b.mainFields ? { mainFields: [...b.mainFields] } : {}),
    ...(b.banner ? { banner: { js: b.banner } } : {}),
    minify: b.minify ?? false,
    keepNames: b.keepNames ?? false,
    // Sizes are of the code Lambda loads; a source map is a separate file and is not loaded at start.
    sourcemap: false,
    ...(b.charset === 'utf8' ? { charset: 'utf8' as const } : {}),
    external: [...(b.externalModules ?? [])],
    ...(Object.keys(alias).length ? { alias } : {}),
    ...(b.define ? { define: b.define } : {}),
  };
}

/** Reads the construct's shared settings when issue 7's infra is present; the path is a variable so typecheck does not need it. */
export async function bundleSettings(): Promise<BundleSettings> {
  const construct = join(ROOT, 'infra/constructs/app-function.ts');
  try {
    statSync(construct);
    const mod = (await import(construct)) as { SHARED_BUNDLING?: CdkBundling };
    if (mod.SHARED_BUNDLING) {
      return {
        source: 'infra/constructs/app-function.ts (SHARED_BUNDLING)',
        options: fromCdk(mod.SHARED_BUNDLING),
      };
    }
  } catch {
    // not landed yet: fall through to the defaults the issue names
  }
  return {
    source:
      'defaults (infra/constructs not on this branch): platform node, target node24, ESM, minify, bundle, createRequire banner',
    options: {
      platform: 'node',
      bundle: true,
      format: 'esm',
      target: 'node24',
      minify: true,
      banner: { js: DEFAULT_BANNER },
    },
  };
}

export interface BuiltBundle {
  name: string;
  file: string;
  bytes: number;
  gzipBytes: number;
}

export async function bundleEntry(name: string, entry: string, options: BuildOptions): Promise<BuiltBundle> {
  const dir = join(OUT_DIR, name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.mjs');
  await build({ ...options, entryPoints: [join(ROOT, entry)], outfile: file, logLevel: 'error' });
  const code = readFileSync(file);
  return { name, file, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

/** Imports added above the floor, and the values of them the handler touches so the bundler keeps them. */
export interface FloorLayer {
  name: string;
  imports: readonly string[];
  uses: readonly string[];
}

/**
 * The floor: only the DynamoDB document client and a one-line handler, bundled with the same settings. With
 * `layer`, the same entry plus the layer's imports (cold-start-layers.ts measures the webhook so, layer by layer).
 */
export async function bundleFloor(options: BuildOptions, layer?: FloorLayer): Promise<BuiltBundle> {
  const name = layer?.name ?? '_floor';
  const dir = join(OUT_DIR, name);
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'entry.ts');
  const used = layer ? [`const used = [${layer.uses.join(', ')}].map((u) => typeof u).join();`] : [];
  writeFileSync(
    entry,
    [
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
      ...(layer?.imports ?? []),
      'const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
      ...used,
      `export const handler = async () => ({ statusCode: 200, body: String(typeof doc.send)${layer ? ' + used' : ''} });`,
      '',
    ].join('\n'),
  );
  return bundleEntry(name, entry.slice(ROOT.length + 1), options);
}
