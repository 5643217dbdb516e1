// port: the sign-in directory of staff accounts (Cognito in AWS, a recording no-op locally).

export interface IdentityUser {
  email: string;
  /** The staff person's id, stored as `custom:staff_id`: the token's `sub` claim maps back to it. */
  staffId: string;
}

export interface IdentityDirectory {
  /** Creates the account and sends the invitation; an account that exists already is enabled instead. */
  createUser(user: IdentityUser): Promise<void>;
  disableUser(email: string): Promise<void>;
  enableUser(email: string): Promise<void>;
  deleteUser(email: string): Promise<void>;
}
