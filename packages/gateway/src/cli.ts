#!/usr/bin/env node
import { createGateway } from './create-gateway.js';
import { gatewayHelp, readGatewayConfig } from './gateway-config.js';

async function main(): Promise<void> {
  let config;
  try {
    config = readGatewayConfig(process.argv.slice(2), process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  if (config.help) {
    process.stdout.write(gatewayHelp);
    return;
  }
  const gateway = await createGateway({ ...config.options, log: (line) => console.log(`${new Date().toISOString()} ${line}`) });
  let url: string;
  try {
    url = await gateway.listen(config.port, config.host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.error(`Port ${config.port} on ${config.host} is already in use: start with PORT=<another port> (or PORT=0 for any free one).`);
    process.exit(1);
  }
  console.log('Parley gateway');
  for (const line of config.summary) console.log(`  ${line}`);
  console.log(`  endpoints:    POST /api/chat (native), POST /v1/chat/completions, GET /v1/models, GET /healthz`);
  // Tests and scripts read this line to find the port.
  if (gateway.demo) console.log(`\nParley demo running at ${url}/`);
  else console.log(`\nParley gateway running at ${url}/ (the demo pages come with the Parley repository, not the npm package)`);
  const stop = () => {
    gateway.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
