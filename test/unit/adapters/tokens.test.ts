// Unit: bearer token verification is strict — expiry required, one algorithm per key kind, issuer and
// audience checked, the claims the API needs present; RS256 tokens are checked against a JWKS served over
// loopback, as Cognito's is in AWS.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, signToken } from '../../../shared/adapters/tokens.js';
import { UnauthorizedError } from '../../../shared/domain/errors.js';

const SETTINGS = { issuer: 'lien-he-test', audience: 'lien-he-api', secret: 's'.repeat(32) };
const PRINCIPAL = { sub: 'st-1', orgId: 'phuong-an-hoa', role: 'chair' as const };
const claims = { orgId: PRINCIPAL.orgId, role: PRINCIPAL.role };

function hsToken(alg: 'HS256' | 'HS512', edit: (jwt: SignJWT) => SignJWT = (jwt) => jwt) {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg })
    .setSubject(PRINCIPAL.sub)
    .setIssuer(SETTINGS.issuer)
    .setAudience(SETTINGS.audience)
    .setIssuedAt();
  return edit(jwt).sign(new TextEncoder().encode(SETTINGS.secret));
}

/** A JWT with `alg: none`: header and payload, no signature. */
function unsignedToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({
    ...claims,
    sub: PRINCIPAL.sub,
    iss: SETTINGS.issuer,
    aud: SETTINGS.audience,
    exp: now + 600,
  })}.`;
}

describe('Adapter: bearer tokens with the local secret (HS256)', () => {
  const verifier = createTokenVerifier(SETTINGS);

  it('accepts a token signed by the local stack', async () => {
    // Act
    const principal = await verifier.verify(await signToken(PRINCIPAL, SETTINGS));

    // Assess
    expect(principal).toEqual(PRINCIPAL);
  });

  it.each([
    ['without an expiry', () => hsToken('HS256')],
    ['expired', () => hsToken('HS256', (jwt) => jwt.setExpirationTime(Math.floor(Date.now() / 1000) - 60))],
    ['signed with another HS algorithm', () => hsToken('HS512', (jwt) => jwt.setExpirationTime('10m'))],
    ['unsigned (alg none)', async () => unsignedToken()],
    [
      'from another issuer',
      () => hsToken('HS256', (jwt) => jwt.setExpirationTime('10m').setIssuer('someone-else')),
    ],
    [
      'for another audience',
      () => hsToken('HS256', (jwt) => jwt.setExpirationTime('10m').setAudience('another-api')),
    ],
  ])('refuses a token %s', async (_what, make) => {
    // Prepare
    const token = await make();

    // Act
    const verified = verifier.verify(token);

    // Assess
    await expect(verified).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('refuses a valid signature over claims that name no committee or role', async () => {
    // Prepare
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('st-1')
      .setIssuer(SETTINGS.issuer)
      .setAudience(SETTINGS.audience)
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(SETTINGS.secret));

    // Act
    const verified = verifier.verify(token);

    // Assess
    await expect(verified).rejects.toThrow('Mã xác thực thiếu thông tin người dùng, đơn vị hoặc vai trò');
  });
});

describe('Adapter: bearer tokens from an identity provider (RS256 over a JWKS)', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const rsToken = (extra: Record<string, unknown> = {}) =>
    new SignJWT({ ...claims, staffId: PRINCIPAL.sub, ...extra })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('cognito-user-uuid')
      .setIssuer(SETTINGS.issuer)
      .setAudience(SETTINGS.audience)
      .setExpirationTime('10m')
      .sign(privateKey);

  it("accepts the provider's token and takes the staff id the sign-in trigger added", async () => {
    // Prepare
    const verifier = createTokenVerifier({ issuer: SETTINGS.issuer, audience: SETTINGS.audience, jwksUrl });

    // Act
    const principal = await verifier.verify(await rsToken());

    // Assess
    expect(principal).toEqual(PRINCIPAL);
  });

  it('refuses an HS256 token where the JWKS is the key (algorithm swap)', async () => {
    // Prepare
    const verifier = createTokenVerifier({ issuer: SETTINGS.issuer, audience: SETTINGS.audience, jwksUrl });
    const forged = await hsToken('HS256', (jwt) => jwt.setExpirationTime('10m'));

    // Act
    const verified = verifier.verify(forged);

    // Assess
    await expect(verified).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('will not be built with both a local secret and a JWKS', () => {
    // Act
    const build = () => createTokenVerifier({ ...SETTINGS, jwksUrl });

    // Assess
    expect(build).toThrow('never both');
  });
});
