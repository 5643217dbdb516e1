// ports: renders the October report's files (R22) and the paper invitations (R9). Injected where needed, so
// only the functions that send the files carry the XLSX and PDF writers in their bundles.
import type { PaperInvitationContent } from '../domain/paper-invitation.js';
import type { ReportDocumentData } from '../domain/report.js';

export interface ReportRenderer {
  /** The statistical form. */
  xlsx(data: ReportDocumentData): Promise<Uint8Array>;
  /** The written report. */
  pdf(data: ReportDocumentData): Promise<Uint8Array>;
}

/** The paper invitations (giấy mời) of a meeting, a letter to a page, for the members no message reached (R9). */
export interface PaperInvitationsPdfRenderer {
  render(letters: readonly PaperInvitationContent[]): Promise<Uint8Array>;
}
