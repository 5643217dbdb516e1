// adapter: bearer JWTs (jose): verification for the API, and signing for the local stack and tests.
import { createRemoteJWKSet, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import * as z from 'zod';
import { UnauthorizedError } from '../domain/errors.js';
import { type Principal, ROLES } from '../domain/roles.js';

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  /** Cognito's `sub` is its own user id: the pre-token trigger adds the staff person's id as `staffId`. */
  staffId: z.string().min(1).optional(),
  orgId: z.string().min(1),
  role: z.enum(ROLES),
});

export interface JwtSettings {
  issuer: string;
  audience: string;
  /** HS256 shared secret (local stack, tests). */
  secret?: string;
  /** A JWKS URL (an identity provider in AWS; API Gateway's JWT authorizer checks the same issuer). */
  jwksUrl?: string;
}

export function createTokenVerifier(settings: JwtSettings): TokenVerifier {
  // One issuer, one kind of key: a function that took both would accept an HS256 token forged with a
  // leaked local secret in place of the identity provider's RS256 ones.
  if (settings.secret && settings.jwksUrl) {
    throw new Error('JWT verification takes JWT_SECRET (local stack) or JWT_JWKS_URL (AWS), never both');
  }
  const key = settings.secret
    ? new TextEncoder().encode(settings.secret)
    : settings.jwksUrl
      ? createRemoteJWKSet(new URL(settings.jwksUrl))
      : undefined;
  if (!key) throw new Error('JWT verification needs JWT_SECRET or JWT_JWKS_URL');
  return {
    async verify(token: string): Promise<Principal> {
      let payload: JWTPayload;
      try {
        // One algorithm per key kind: RS256 from the identity provider's JWKS in AWS, HS256 only with the
        // local secret; a token without an expiry is refused.
        const options = {
          issuer: settings.issuer,
          audience: settings.audience,
          algorithms: key instanceof Uint8Array ? ['HS256'] : ['RS256'],
          requiredClaims: ['exp'],
        };
        ({ payload } =
          key instanceof Uint8Array
            ? await jwtVerify(token, key, options)
            : await jwtVerify(token, key, options));
      } catch {
        throw new UnauthorizedError({
          vi: 'Mã xác thực không hợp lệ; hãy đăng nhập lại',
          en: 'The bearer token is not valid',
        });
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success)
        throw new UnauthorizedError({
          vi: 'Mã xác thực thiếu thông tin người dùng, đơn vị hoặc vai trò',
          en: 'The token lacks the sub, orgId or role claim',
        });
      const { staffId, sub, orgId, role } = claims.data;
      return { sub: staffId ?? sub, orgId, role };
    },
  };
}

export async function signToken(
  principal: Principal,
  settings: JwtSettings & { secret: string },
  ttl = '30d',
): Promise<string> {
  return new SignJWT({ orgId: principal.orgId, role: principal.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.sub)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(settings.secret));
}
