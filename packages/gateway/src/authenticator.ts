import { timingSafeEqual } from 'node:crypto';
import { errors, jwtVerify } from 'jose';
import { anonymousIdentity, identityClaimsSchema, type Identity } from './identity.js';

export interface AuthenticatorOptions {
  /** A static bearer token for server-to-server callers. */
  apiKey?: string;
  /** HS256 secret shared with the host's backend, which mints short-lived user tokens. */
  jwtSecret?: string;
  /** Reject requests without a token. Default: true when `apiKey` or `jwtSecret` is set. */
  requireAuth?: boolean;
}

export type AuthResult = { ok: true; identity: Identity } | { ok: false; message: string };

export type Authenticator = (authorization: string | undefined) => Promise<AuthResult>;

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Turns an `Authorization` header into a verified identity. A token that is present but wrong
 * (forged, expired, malformed) is always rejected, even where anonymous access is allowed:
 * silently downgrading it would hide an integration bug.
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const secret = options.jwtSecret ? new TextEncoder().encode(options.jwtSecret) : undefined;
  const requireAuth = options.requireAuth ?? Boolean(options.apiKey || options.jwtSecret);

  return async (authorization) => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!token) {
      if (authorization) return { ok: false, message: 'Authorization header must be "Bearer <token>"' };
      return requireAuth ? { ok: false, message: 'missing bearer token' } : { ok: true, identity: anonymousIdentity };
    }
    if (options.apiKey && sameSecret(token, options.apiKey)) return { ok: true, identity: { user: 'service', roles: [] } };
    if (!secret) {
      if (options.apiKey) return { ok: false, message: 'invalid API key' };
      return { ok: true, identity: anonymousIdentity };
    }
    try {
      const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
      const claims = identityClaimsSchema.safeParse(payload);
      if (!claims.success) return { ok: false, message: `token claims: ${claims.error.issues[0]?.path.join('.')} ${claims.error.issues[0]?.message}` };
      const { sub, name, tenant, roles } = claims.data;
      return { ok: true, identity: { user: sub, roles, ...(name ? { name } : {}), ...(tenant ? { tenant } : {}) } };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, message: 'token expired' };
      if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, message: 'token signature is invalid' };
      return { ok: false, message: 'token is not a valid HS256 JWT' };
    }
  };
}
