// handler: GET /committees/{id}/evaluations/{year}/{memberId}/sheet.pdf — one member's comment sheet (phiếu nhận xét) as a PDF: filled, a draft marked DỰ THẢO, or blank to fill by hand.
import { createCommentSheetRenderer } from '../../shared/adapters/documents/comment-sheet-pdf.js';
import type { CommentSheetRenderer } from '../../shared/ports/comment-sheet-pdf.js';
import { memberSheetPathSchema } from '../../shared/schemas/year-end.js';
import { printMemberSheet } from '../../shared/services/comment-sheets.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { fileResponse, httpRoute } from '../middleware/http.js';
import { commentSheetPorts } from './ports.js';

export function createHandler(
  deps: () => AppDeps,
  sheets: CommentSheetRenderer = createCommentSheetRenderer(),
) {
  return httpRoute({ path: memberSheetPathSchema }, deps, async ({ principal, path }) => {
    const file = await printMemberSheet(commentSheetPorts(deps(), sheets), principal, {
      orgId: path.id,
      year: path.year,
      memberId: path.memberId,
    });
    return fileResponse(file.bytes, { format: 'pdf', name: file.fileName.replace(/\.pdf$/, '') });
  });
}

export const handler = createHandler(defaultDeps);
