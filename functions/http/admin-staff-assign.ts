// handler: POST /committees/{id}/staff — an administrator grants a role; the answer carries the person's link code, its
// deep link and a QR code (PNG data URL) for their chat.
import * as z from 'zod';
import { qrDataUrl } from '../../shared/adapters/qr.js';
import { loadBotConfig, telegramDeepLink } from '../../shared/config/bot.js';
import { assignStaffSchema } from '../../shared/schemas/administration.js';
import { idSchema } from '../../shared/schemas/common.js';
import { assignStaff } from '../../shared/services/staff-assignments.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { created, httpRoute, ok } from '../middleware/http.js';
import { staffAdminPorts } from './ports.js';

export function createHandler(
  deps: () => AppDeps,
  options: { botUsername?: () => string; newCode?: () => string } = {},
) {
  return httpRoute(
    { path: z.object({ id: idSchema }), body: assignStaffSchema },
    deps,
    async ({ principal, path, body }) => {
      const d = deps();
      const ports = staffAdminPorts(d, options.newCode);
      const result = await assignStaff(principal, { ...body, orgId: path.id }, ports);
      const username = options.botUsername?.() ?? loadBotConfig().botUsername;
      const deepLink = telegramDeepLink(username, result.linkCode.code);
      d.logger.info('staff assigned', { orgId: path.id, role: body.role, status: result.outcome });
      return (result.outcome === 'created' ? created : ok)({
        personId: result.person.id,
        assignment: result.assignment,
        outcome: result.outcome,
        code: result.linkCode.code,
        expiresAt: result.linkCode.expiresAt,
        deepLink,
        qrPng: await qrDataUrl(deepLink),
      });
    },
  );
}

export const handler = createHandler(defaultDeps);
