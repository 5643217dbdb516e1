// infra: the function registry the App stack deploys (shared/config/functions.ts, or a test's fixture) and the
// checks that fail synthesis on a registry the stack cannot deploy faithfully.
import {
  type BackgroundFunctionDef,
  type HttpGroupDef,
  type HttpRouteDef,
  QUEUE_NAMES,
} from '../../shared/config/functions.js';

export interface FunctionRegistry {
  /** The HTTP functions: each serves the routes whose `group` names it. */
  httpGroups: readonly HttpGroupDef[];
  httpRoutes: readonly HttpRouteDef[];
  backgroundFunctions: readonly BackgroundFunctionDef[];
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Names the stack's own queues use (`lienhe-<stage>-invitations-dlq`, `…-jobs-dlq`, `…-schedules-dlq`). */
const RESERVED_NAMES = new Set<string>([...QUEUE_NAMES, 'schedules']);
const SCHEDULE_EXPRESSION = /^(cron|rate|at)\(.+\)$/;

/** Fails synthesis on a registry the stack cannot deploy faithfully, naming the entry. */
export function validateRegistry(registry: FunctionRegistry): void {
  validateFunctionNames(registry);
  validateRoutes(registry);
  validateGroups(registry);
  validateTriggers(registry);
}

/** Function names: the groups and the background functions (routes are not functions of their own). */
function validateFunctionNames(registry: FunctionRegistry): void {
  const names = new Set<string>();
  for (const def of [...registry.httpGroups, ...registry.backgroundFunctions]) {
    if (!KEBAB.test(def.name)) throw new Error(`Function name "${def.name}" must be kebab-case`);
    if (names.has(def.name)) throw new Error(`Function name "${def.name}" is registered twice`);
    if (RESERVED_NAMES.has(def.name))
      throw new Error(`Function name "${def.name}" is reserved for the stack's queues`);
    names.add(def.name);
  }
}

function validateRoutes(registry: FunctionRegistry): void {
  const groups = new Set(registry.httpGroups.map((g) => g.name));
  const routeNames = new Set<string>();
  const routes = new Set<string>();
  for (const route of registry.httpRoutes) {
    if (!KEBAB.test(route.name)) throw new Error(`Route name "${route.name}" must be kebab-case`);
    if (routeNames.has(route.name)) throw new Error(`Route name "${route.name}" is registered twice`);
    routeNames.add(route.name);
    const key = `${route.method} ${route.path}`;
    if (routes.has(key)) throw new Error(`Route ${key} is registered twice`);
    routes.add(key);
    if (!groups.has(route.group)) {
      throw new Error(`Route "${route.name}" names the group "${route.group}", which HTTP_GROUPS lacks`);
    }
  }
}

function validateGroups(registry: FunctionRegistry): void {
  for (const group of registry.httpGroups) {
    if (!registry.httpRoutes.some((r) => r.group === group.name)) {
      throw new Error(`HTTP group "${group.name}" serves no route`);
    }
    if (group.timeoutSeconds !== undefined && (group.timeoutSeconds < 1 || group.timeoutSeconds > 30)) {
      // API Gateway's HTTP API gives up after 30 s: a longer timeout would run on with nobody waiting.
      throw new Error(`HTTP group "${group.name}": timeoutSeconds must be 1–30, got ${group.timeoutSeconds}`);
    }
  }
}

function validateTriggers(registry: FunctionRegistry): void {
  for (const queue of QUEUE_NAMES) {
    const consumers = registry.backgroundFunctions
      .filter((f) => f.trigger.kind === 'queue' && f.trigger.queue === queue)
      .map((f) => f.name);
    if (consumers.length > 1) {
      throw new Error(`The ${queue} queue can have one consumer, not ${consumers.join(', ')}`);
    }
  }
  for (const def of registry.backgroundFunctions) {
    if (def.trigger.kind === 'schedule' && !SCHEDULE_EXPRESSION.test(def.trigger.expression)) {
      throw new Error(
        `Schedule of "${def.name}" must be an EventBridge Scheduler expression such as cron(0 8 ? * MON *), ` +
          `got "${def.trigger.expression}"`,
      );
    }
  }
}
