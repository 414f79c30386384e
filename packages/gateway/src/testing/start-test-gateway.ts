import { createGateway, type Gateway, type GatewayOptions } from '../create-gateway.js';

export interface TestGateway extends Gateway {
  url: string;
}

/** A real gateway on an ephemeral loopback port, with no pacing delay and no demo pages. */
export async function startTestGateway(options: GatewayOptions = {}): Promise<TestGateway> {
  const gateway = await createGateway({ delayMs: 0, demoDir: false, widgetDir: false, ...options });
  const url = await gateway.listen(0, '127.0.0.1');
  return Object.assign(gateway, { url });
}
