// composition: the two routes that issue a link code (a member's, a staff person's) answer alike: the code, when it
// expires, and the bot's deep link that redeems it. Each route keeps its own entry file.
import * as z from 'zod';
import { randomCode } from '../../shared/adapters/ids.js';
import { loadBotConfig, telegramDeepLink } from '../../shared/config/bot.js';
import type { Principal } from '../../shared/domain/roles.js';
import { idSchema } from '../../shared/schemas/common.js';
import type { IssuedLinkCode, LinkCodePorts } from '../../shared/services/link-codes.js';
import type { AppDeps } from '../deps.js';
import { created, httpRoute } from '../middleware/http.js';

/** Tests pass the bot's name and the code; otherwise the bot's settings and 8 random characters. */
export interface LinkCodeRouteOptions {
  botUsername?: () => string;
  newCode?: () => string;
}

/** `issue`: the use case that checks who may issue the code of the subject named in the path (`{id}`). */
export function linkCodeRoute(
  deps: () => AppDeps,
  issue: (principal: Principal, id: string, ports: LinkCodePorts) => Promise<IssuedLinkCode>,
  options: LinkCodeRouteOptions = {},
) {
  const botUsername = options.botUsername ?? (() => loadBotConfig().botUsername);
  const newCode = options.newCode ?? (() => randomCode(8));
  return httpRoute({ path: z.object({ id: idSchema }) }, deps, async ({ principal, path }) => {
    const d = deps();
    const issued = await issue(principal, path.id, { ...d.repos, clock: d.clock, newCode });
    return created({
      code: issued.code,
      expiresAt: issued.expiresAt,
      deepLink: telegramDeepLink(botUsername(), issued.code),
    });
  });
}
