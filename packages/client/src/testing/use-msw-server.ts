import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * Test helper: a test file's msw server for the real `fetch`. It listens from the file's first test
 * (a request no handler takes fails the test), drops each test's handlers after it and closes after
 * the last test. Handlers come with `server.use(http.post(url, …))`.
 */
export function useMswServer(): SetupServer {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}
