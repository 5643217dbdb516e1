// handler: GET /committees/{id}/evaluations/{year}/hamlets/{hamletId}/sheets.pdf — the comment sheets of every member of a hamlet in one PDF, each from a new page, in Vietnamese order.
import { createCommentSheetRenderer } from '../../shared/adapters/documents/comment-sheet-pdf.js';
import type { CommentSheetRenderer } from '../../shared/ports/comment-sheet-pdf.js';
import { hamletSheetsPathSchema } from '../../shared/schemas/year-end.js';
import { printHamletSheets } from '../../shared/services/comment-sheets.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { fileResponse, httpRoute } from '../middleware/http.js';
import { commentSheetPorts } from './ports.js';

export function createHandler(
  deps: () => AppDeps,
  sheets: CommentSheetRenderer = createCommentSheetRenderer(),
) {
  return httpRoute({ path: hamletSheetsPathSchema }, deps, async ({ principal, path }) => {
    const file = await printHamletSheets(commentSheetPorts(deps(), sheets), principal, {
      orgId: path.id,
      year: path.year,
      hamletId: path.hamletId,
    });
    return fileResponse(file.bytes, { format: 'pdf', name: file.fileName.replace(/\.pdf$/, '') });
  });
}

export const handler = createHandler(defaultDeps);
