// Lambda: POST /members/{id}/link-codes — staff of the member's workplace or residence committee issue a link code.
import { issueMemberLinkCode } from '../../shared/services/link-codes.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { type LinkCodeRouteOptions, linkCodeRoute } from './link-code-route.js';

export function createHandler(deps: () => AppDeps, options: LinkCodeRouteOptions = {}) {
  return linkCodeRoute(deps, issueMemberLinkCode, options);
}

export const handler = createHandler(defaultDeps);
