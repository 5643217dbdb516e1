// handler: GET /committees/{id}/link-codes.pdf — the committee's unlinked members' link codes as a printable
// PDF (a page per hamlet or residence committee: name, QR code of the deep link, the code).

import { loadFont } from '../../shared/adapters/documents/fonts.js';
import { renderLinkCodeSheetPdf } from '../../shared/adapters/documents/link-codes-pdf.js';
import { randomCode } from '../../shared/adapters/ids.js';
import { loadBotConfig } from '../../shared/config/bot.js';
import { idPathSchema } from '../../shared/schemas/introductions.js';
import { linkCodeSheet } from '../../shared/services/link-code-sheet.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { fileResponse, httpRoute } from '../middleware/http.js';

export function createHandler(
  deps: () => AppDeps,
  options: { botUsername?: () => string; newCode?: () => string } = {},
) {
  const botUsername = options.botUsername ?? (() => loadBotConfig().botUsername);
  const newCode = options.newCode ?? (() => randomCode(8));
  return httpRoute({ path: idPathSchema }, deps, async ({ principal, path }) => {
    const d = deps();
    const sheet = await linkCodeSheet(
      { ...d.repos, clock: d.clock, newCode },
      principal,
      path.id,
      botUsername(),
    );
    const pdf = renderLinkCodeSheetPdf(sheet, { regular: loadFont('regular'), bold: loadFont('bold') });
    return fileResponse(pdf, { format: 'pdf', name: `ma-lien-ket-${path.id}` });
  });
}

export const handler = createHandler(defaultDeps);
