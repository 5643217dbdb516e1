// handler: GET /meetings/{id}/paper-invitations.pdf?scope=paper|all — the meeting's paper invitations, one letter a page (R9).
import { createPaperInvitationsPdfRenderer } from '../../shared/adapters/documents/paper-invitations-pdf.js';
import { ConflictError } from '../../shared/domain/errors.js';
import { meetingPathSchema, paperInvitationsQuerySchema } from '../../shared/schemas/meeting-record.js';
import { printPaperInvitations } from '../../shared/services/paper-invitations.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { fileResponse, httpRoute } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps, pdf = createPaperInvitationsPdfRenderer()) {
  return httpRoute(
    { path: meetingPathSchema, query: paperInvitationsQuerySchema },
    deps,
    async ({ principal, path, query }) => {
      const d = deps();
      const file = await printPaperInvitations(principal, path.id, query.scope, {
        ...d.repos,
        clock: d.clock,
        pdf,
      });
      if (file.letters === 0) {
        throw new ConflictError(
          {
            vi: 'Không có đảng viên nào cần giấy mời giấy: mọi người được mời đã nhận thư qua tin nhắn',
            en: 'Nobody is on the paper list: every invitee got the letter by message',
          },
          'nothing_to_print',
        );
      }
      return fileResponse(file.bytes, { format: 'pdf', name: file.fileName.replace(/\.pdf$/, '') });
    },
  );
}

export const handler = createHandler(defaultDeps);
