// Local runtime: loads a registered function's module and calls the same handler Lambda runs, with the stack's dependencies.
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';

/** A Lambda handler as the local stack calls it: an event and a context in, a result (or nothing) out. */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

interface HandlerModule {
  handler?: unknown;
  createHandler?: unknown;
}

/**
 * Imports `entry` (relative to `root`) and returns its handler. A module that exports
 * `createHandler(deps: () => Deps)` gets the stack's dependencies through it, exactly as the tests do;
 * otherwise its `handler` export is used, built from the environment (which the stack set up).
 */
export async function loadHandler(root: string, entry: string, deps: () => unknown): Promise<LambdaHandler> {
  const file = isAbsolute(entry) ? entry : resolve(root, entry);
  const mod = (await import(pathToFileURL(file).href)) as HandlerModule;
  const built = typeof mod.createHandler === 'function' ? mod.createHandler(deps) : mod.handler;
  if (typeof built !== 'function') {
    throw new Error(`${entry} exports neither createHandler(deps) nor handler`);
  }
  const fn = built as (event: unknown, context: Context, callback?: unknown) => unknown;
  return async (event, context) => fn(event, context);
}
