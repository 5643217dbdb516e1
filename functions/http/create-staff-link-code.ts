// Lambda: POST /staff/{id}/link-codes — a colleague of the same committee issues a staff person's link code.
import { issueStaffLinkCode } from '../../shared/services/link-codes.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { type LinkCodeRouteOptions, linkCodeRoute } from './link-code-route.js';

export function createHandler(deps: () => AppDeps, options: LinkCodeRouteOptions = {}) {
  return linkCodeRoute(deps, issueStaffLinkCode, options);
}

export const handler = createHandler(defaultDeps);
