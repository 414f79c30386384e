import { SignJWT } from 'jose';

/**
 * Two demo users with different permissions. `POST /demo/token` stands in for the host's own
 * backend: in production the ERP's server mints this token for its signed-in user.
 */
export const demoUsers = {
  alice: { name: 'Alice Chen', tenant: 'northwind', roles: ['employee', 'procurement', 'procurement-manager'], title: 'Procurement manager' },
  bob: { name: 'Bob Wang', tenant: 'northwind', roles: ['employee', 'warehouse'], title: 'Warehouse clerk' },
} as const;
export type DemoUserId = keyof typeof demoUsers;

export const demoTokenTtlSeconds = 300;

export async function mintDemoToken(
  secret: string,
  user: DemoUserId,
  { ttlSeconds = demoTokenTtlSeconds, now = Date.now() }: { ttlSeconds?: number; now?: number } = {},
): Promise<{ token: string; expiresAt: number }> {
  const profile = demoUsers[user];
  const issuedAt = Math.floor(now / 1000);
  const token = await new SignJWT({ name: profile.name, tenant: profile.tenant, roles: [...profile.roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
  return { token, expiresAt: (issuedAt + ttlSeconds) * 1000 };
}
