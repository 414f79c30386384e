import { afterAll, beforeAll } from 'vitest';
import type { GatewayOptions } from '../../../packages/gateway/src/create-gateway.js';
import { startTestGateway, type TestGateway } from '../../../packages/gateway/src/testing/start-test-gateway.js';

/**
 * A test file's reference gateway (the scripted model, real HTTP): it starts before the file's
 * first test and closes after its last. `url` is read inside tests, once it has started.
 */
export function useTestGateway(options: GatewayOptions): { readonly url: string } {
  let gateway: TestGateway | undefined;
  beforeAll(async () => {
    gateway = await startTestGateway(options);
  }, 60_000);
  afterAll(() => gateway?.close());
  return {
    get url() {
      if (!gateway) throw new Error('the test gateway has not started');
      return gateway.url;
    },
  };
}
