import * as z from 'zod';

/** Who is asking, as verified by the gateway (never as claimed by the page). */
export interface Identity {
  /** The verified `sub`, `service` for the static API key, `anonymous` when auth is optional and absent. */
  user: string;
  name?: string;
  tenant?: string;
  roles: string[];
}

export const anonymousIdentity: Identity = { user: 'anonymous', roles: [] };

/** The claims Parley reads from a host-minted token. */
export const identityClaimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().optional(),
  tenant: z.string().optional(),
  roles: z.array(z.string()).default([]),
});
