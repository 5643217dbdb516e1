// Local runtime: loads a registered function's module and calls the same handler Lambda runs, with the stack's dependencies.
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';

/** A Lambda handler as the local stack calls it: an event and a context in, a result (or nothing) out. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

type HandlerModule = Record<string, unknown>;

/** The module's handler factory: `createHandler`, or one other `create…Handler` (e.g. `createWebhookHandler`). */
function factoryOf(mod: HandlerModule): ((deps: () => unknown) => unknown) | undefined {
  if (typeof mod.createHandler === 'function') return mod.createHandler as (deps: () => unknown) => unknown;
  const named = Object.keys(mod).filter((k) => /^create\w*Handler$/.test(k) && typeof mod[k] === 'function');
  return named.length === 1 ? (mod[named[0] as string] as (deps: () => unknown) => unknown) : undefined;
}

/**
 * Imports `entry` (relative to `root`) and returns its handler. A module that exports a factory
 * `createHandler(deps: () => Deps)` gets the stack's dependencies through it, exactly as the tests do;
 * otherwise its `handler` export is used, built from the environment (which the stack set up).
 */
export async function loadHandler(root: string, entry: string, deps: () => unknown): Promise<LambdaHandler> {
  const file = isAbsolute(entry) ? entry : resolve(root, entry);
  const mod = (await import(pathToFileURL(file).href)) as HandlerModule;
  const factory = factoryOf(mod);
  const built = factory ? factory(deps) : mod.handler;
  if (typeof built !== 'function') {
    throw new Error(`${entry} exports neither createHandler(deps) nor handler`);
  }
  const fn = built as (event: unknown, context: Context, callback?: unknown) => unknown;
  return async (event, context) => fn(event, context);
}
