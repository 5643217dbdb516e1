// E2E support: the HTTP API as a client calls it, with the sample tokens `npm start` wrote to tokens.env.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type TokenRole = 'WORKPLACE_STAFF' | 'RESIDENCE_STAFF' | 'CHAIR' | 'SECRETARY' | 'VIEWER' | 'MEMBER';

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  bytes: Buffer;
  contentType: string;
}

/** Reads `export TOKEN_<ROLE>=…` lines, exactly what a user sources in a shell. */
export function readTokens(dataDir: string): Record<TokenRole, string> {
  const text = readFileSync(join(dataDir, 'tokens.env'), 'utf8');
  const tokens: Record<string, string> = {};
  for (const [, role, token] of text.matchAll(/^export TOKEN_([A-Z_]+)=(\S+)$/gm)) {
    if (role && token) tokens[role] = token;
  }
  return tokens as Record<TokenRole, string>;
}

export class Api {
  constructor(
    private readonly base: string,
    private readonly tokens: Record<TokenRole, string>,
  ) {}

  async call<T = Record<string, unknown>>(
    as: TokenRole,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiAnswer<T>> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.tokens[as]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const contentType = res.headers.get('content-type') ?? '';
    const parsed = contentType.includes('json')
      ? (JSON.parse(bytes.toString('utf8')) as T)
      : (undefined as T);
    return { status: res.status, body: parsed, bytes, contentType };
  }

  /** Like `call`, but fails with the answer's body unless the status is the expected one. */
  async expect<T = Record<string, unknown>>(
    status: number,
    as: TokenRole,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiAnswer<T>> {
    const answer = await this.call<T>(as, method, path, body);
    if (answer.status !== status) {
      throw new Error(
        `${method} ${path} as ${as}: expected ${status}, got ${answer.status} ${answer.bytes.toString('utf8').slice(0, 500)}`,
      );
    }
    return answer;
  }
}
