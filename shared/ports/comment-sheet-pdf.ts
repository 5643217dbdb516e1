// ports: renders comment sheets (phiếu nhận xét, domain/comment-sheet.ts) as one PDF — one member's sheet, or
// every member of a hamlet each from a new page; adapters/documents/comment-sheet-pdf.ts implements it.
import type { CommentSheetContent } from '../domain/comment-sheet.js';

export interface CommentSheetRenderer {
  render(sheets: readonly CommentSheetContent[]): Promise<Uint8Array>;
}
