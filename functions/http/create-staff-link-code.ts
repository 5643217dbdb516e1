// Lambda: POST /staff/{id}/link-codes — a colleague of the same committee issues a staff person's link code.
import * as z from 'zod';
import { randomCode } from '../../shared/adapters/ids.js';
import { loadBotConfig, telegramDeepLink } from '../../shared/config/bot.js';
import { idSchema } from '../../shared/schemas/common.js';
import { issueStaffLinkCode } from '../../shared/services/link-codes.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { created, httpRoute } from '../middleware/http.js';

export function createHandler(
  deps: () => AppDeps,
  options: { botUsername?: () => string; newCode?: () => string } = {},
) {
  const botUsername = options.botUsername ?? (() => loadBotConfig().botUsername);
  const newCode = options.newCode ?? (() => randomCode(8));
  return httpRoute({ path: z.object({ id: idSchema }) }, deps, async ({ principal, path }) => {
    const d = deps();
    const issued = await issueStaffLinkCode(principal, path.id, { ...d.repos, clock: d.clock, newCode });
    return created({
      code: issued.code,
      expiresAt: issued.expiresAt,
      deepLink: telegramDeepLink(botUsername(), issued.code),
    });
  });
}

export const handler = createHandler(defaultDeps);
