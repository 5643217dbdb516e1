// adapter: the local identity directory — nothing to sign in to locally (the local issuer signs tokens), so it
// records what the administrator's use cases asked for, for the tests and the console.
import type { IdentityDirectory, IdentityUser } from '../../ports/identity.js';

export type IdentityCall =
  | { op: 'create'; user: IdentityUser }
  | { op: 'disable' | 'enable' | 'delete'; email: string };

export class RecordingIdentityDirectory implements IdentityDirectory {
  readonly calls: IdentityCall[] = [];
  readonly users = new Map<string, IdentityUser & { enabled: boolean }>();

  async createUser(user: IdentityUser): Promise<void> {
    this.calls.push({ op: 'create', user });
    this.users.set(user.email, { ...user, enabled: true });
  }

  async disableUser(email: string): Promise<void> {
    this.calls.push({ op: 'disable', email });
    const user = this.users.get(email);
    if (user) user.enabled = false;
  }

  async enableUser(email: string): Promise<void> {
    this.calls.push({ op: 'enable', email });
    const user = this.users.get(email);
    if (user) user.enabled = true;
  }

  async deleteUser(email: string): Promise<void> {
    this.calls.push({ op: 'delete', email });
    this.users.delete(email);
  }
}
