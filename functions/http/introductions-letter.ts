// handler: GET /introductions/{id}/letter.pdf — the introduction letter as a PDF, per the committee's rule set.
import { documentFonts } from '../../shared/adapters/documents/fonts.js';
import { renderIntroductionLetterPdf } from '../../shared/adapters/documents/introduction-letter-pdf.js';
import { idPathSchema } from '../../shared/schemas/introductions.js';
import { introductionLetterOf } from '../../shared/services/introduction-letter.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { fileResponse, httpRoute } from '../middleware/http.js';
import { introductionPorts } from './ports.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ path: idPathSchema }, deps, async ({ principal, path }) => {
    const { introduction, content } = await introductionLetterOf(
      introductionPorts(deps()),
      principal,
      path.id,
    );
    const pdf = await renderIntroductionLetterPdf(content, documentFonts());
    return fileResponse(pdf, { format: 'pdf', name: `giay-gioi-thieu-${introduction.id}` });
  });
}

export const handler = createHandler(defaultDeps);
