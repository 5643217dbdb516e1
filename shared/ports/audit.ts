// ports: the audit trail of reads of members' personal data (shared/domain/audit.ts).
import type { AuditEntry } from '../domain/audit.js';

export interface AuditRepository {
  /** Appends entries (a screen that shows several members' reasons writes one per member). */
  record(entries: readonly AuditEntry[]): Promise<void>;
  /** The entries of reads made for a committee between two instants (inclusive), oldest first, at most `limit`. */
  list(orgId: string, from: string, to: string, limit: number): Promise<AuditEntry[]>;
}
