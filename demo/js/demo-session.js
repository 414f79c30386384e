// Host-owned identity: the page never holds a secret. It asks its own backend for a short-lived
// token for the signed-in user (here the gateway's POST /demo/token stands in for that backend)
// and hands <parley-chat> a headers() function that returns a fresh one when the old one expires.

const refreshMarginMs = 30000;

export function createDemoSession(initialUser) {
  let user = initialUser;
  let cached = null;
  let pending = null;
  const listeners = new Set();

  async function fetchToken() {
    const response = await fetch('/demo/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user }),
    });
    if (!response.ok) throw new Error('Could not get a token for ' + user + ' (HTTP ' + response.status + ')');
    const body = await response.json();
    cached = { user, token: body.token, expiresAt: body.expiresAt, profile: body.user };
    listeners.forEach((listener) => listener(cached.profile));
    return cached;
  }

  /**
   * A valid token for the current user; one request at a time even when called concurrently.
   * `refresh` drops the cached one: the gateway refused it (a 401), so its expiry says nothing.
   */
  async function current(refresh = false) {
    if (refresh && cached && !pending) cached = null;
    if (cached && cached.user === user && cached.expiresAt - Date.now() > refreshMarginMs) return cached;
    if (!pending) pending = fetchToken().finally(() => (pending = null));
    return pending;
  }

  return {
    get user() {
      return user;
    },
    /** For `el.headers`: called before every request, and again once after a 401 with `refresh: true`. */
    async headers(request) {
      const { token } = await current(request?.refresh === true);
      return { authorization: 'Bearer ' + token };
    },
    async profile() {
      return (await current()).profile;
    },
    async switchTo(next) {
      user = next;
      cached = null;
      return (await current()).profile;
    },
    onProfile(listener) {
      listeners.add(listener);
    },
  };
}
