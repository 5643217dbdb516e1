// service: the number and symbol of a party document ("3-BC/ĐU"), from one atomic counter per committee,
// year and kind of document (the same counters as the letters' "12-GGT": scope `GGT#<org>#<year>`). The
// caller stores the number with its document, so a re-render shows the same number; a number taken by a
// write that then lost a race is skipped, never given twice.
import type { Committee } from '../domain/committee.js';
import { DOCUMENT_KIND_SYMBOL, type DocumentKind, documentNumber } from '../domain/party-document.js';
import type { CounterRepository } from '../ports/repositories.js';

/** The counter's scope: one sequence per kind, committee and year. */
export function documentCounterScope(kind: DocumentKind, orgId: string, year: number): string {
  return `${DOCUMENT_KIND_SYMBOL[kind]}#${orgId}#${year}`;
}

export async function nextDocumentNumber(
  counters: CounterRepository,
  committee: Pick<Committee, 'id' | 'name'>,
  year: number,
  kind: DocumentKind,
): Promise<string> {
  const sequence = await counters.next(documentCounterScope(kind, committee.id, year));
  return documentNumber(sequence, kind, committee.name);
}
