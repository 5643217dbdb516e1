// middleware: the router of a group function — one Lambda serves the HTTP routes of one bounded context
// (HTTP_GROUPS in shared/config/functions.ts); API Gateway's route key picks the route's own handler, so each
// route keeps its handler file, its middleware chain and its tests unchanged.
import type { Context } from 'aws-lambda';
import { HTTP_ROUTES, type HttpRouteDef } from '../../shared/config/functions.js';
import { jsonResponse } from './errors.js';
import type { HttpEvent, HttpResult } from './http.js';

export type RouteHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/** A group's handler, with the route handlers it dispatches to by route key (for the wiring test). */
export type GroupHandler = RouteHandler & { readonly routes: ReadonlyMap<string, RouteHandler> };

/** The answer to a route key this group does not serve (API Gateway only sends its own, so: a wiring error). */
export const ROUTE_NOT_FOUND = {
  error: { code: 'NOT_FOUND', message: 'Không tìm thấy chức năng được yêu cầu.', en: 'No such route.' },
} as const;

/**
 * The handler of group `group`: `handlers` names every route of the group (and nothing else), checked when
 * the module loads so that a route added to the registry without its handler fails the first cold start
 * and the unit test, not a request.
 */
export function routeHandler(
  group: string,
  handlers: Record<string, RouteHandler>,
  routes: readonly HttpRouteDef[] = HTTP_ROUTES,
): GroupHandler {
  const mine = routes.filter((r) => r.group === group);
  if (mine.length === 0) throw new Error(`HTTP group "${group}" has no route in the registry`);
  const byRouteKey = new Map<string, RouteHandler>();
  for (const route of mine) {
    const handler = handlers[route.name];
    if (!handler) throw new Error(`HTTP group "${group}": route "${route.name}" has no handler`);
    byRouteKey.set(`${route.method} ${route.path}`, handler);
  }
  for (const name of Object.keys(handlers)) {
    if (!mine.some((r) => r.name === name)) {
      throw new Error(`HTTP group "${group}": "${name}" is not one of its routes`);
    }
  }
  const dispatch: RouteHandler = async (event, context) => {
    const handler = byRouteKey.get(event.routeKey);
    if (!handler) return jsonResponse(404, ROUTE_NOT_FOUND);
    return handler(event, context);
  };
  return Object.assign(dispatch, { routes: byRouteKey as ReadonlyMap<string, RouteHandler> });
}
