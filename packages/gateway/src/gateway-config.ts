import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import type { GatewayOptions } from './create-gateway.js';

export const gatewayHelp = `parley-gateway — Parley's reference gateway (native + OpenAI-compatible streaming)

Usage: parley-gateway [options]        (npm start runs it after building)

Options (each also has an environment variable; flags win):
  --port <n>             PORT                    Port to listen on (default 8080; 0 picks a free port)
  --host <addr>          HOST                    Address to bind (default 127.0.0.1; 0.0.0.0 for all)
  --cors-origins <list>  PARLEY_CORS_ORIGINS     Comma-separated origins allowed to call from browsers ("*" for any)
  --api-key <key>        PARLEY_API_KEY          Static bearer token for server-to-server callers
  --jwt-secret <secret>  PARLEY_JWT_SECRET       HS256 secret shared with your backend; verifies user tokens
  --require-auth         PARLEY_REQUIRE_AUTH=1   Reject requests without a token (default when a key or secret is set)
  --no-demo-tokens       PARLEY_DEMO_TOKENS=0|1  POST /demo/token mints tokens for the demo users alice and bob
                                                 (default: on without PARLEY_JWT_SECRET, off with it)
  --upstream-url <url>   PARLEY_UPSTREAM_URL     Forward to this OpenAI-compatible /v1/chat/completions endpoint
  --upstream-model <m>   PARLEY_UPSTREAM_MODEL   Model name to ask the upstream for
  --upstream-key <key>   PARLEY_UPSTREAM_KEY     Bearer token for the upstream
  --delay-ms <n>         PARLEY_DEMO_DELAY_MS    Demo model: pause per streamed chunk (default 15)
  --corpus <dir>         PARLEY_CORPUS_DIR       Folder of markdown documents to retrieve from (default: the bundled corpus)
  --resume-grace-ms <n>  PARLEY_RESUME_GRACE_MS  How long an answer whose connection broke keeps generating for its
                                                 client to take it up (default 10000; 0 stops the model at once)
  -h, --help                                     Show this help

Without PARLEY_JWT_SECRET the demo generates a random secret at start-up, mints demo tokens with it,
and still accepts requests without a token (as an anonymous user who sees no restricted document).
`;

const flag = (value: string | undefined) => (value === undefined || value === '' ? undefined : !/^(0|false|no|off)$/i.test(value));

const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  corsOrigins: z.array(z.string().regex(/^(\*|https?:\/\/[^/\s]+)$/, 'each origin is "*" or scheme://host[:port]')),
  apiKey: z.string().min(8, 'use at least 8 characters').optional(),
  jwtSecret: z.string().min(32, 'use at least 32 characters (HS256)').optional(),
  requireAuth: z.boolean().optional(),
  demoTokens: z.boolean(),
  upstreamUrl: z.url().optional(),
  upstreamModel: z.string().min(1).optional(),
  upstreamKey: z.string().min(1).optional(),
  delayMs: z.coerce.number().int().min(0).max(10_000),
  corpusDir: z.string().min(1).optional(),
  resumeGraceMs: z.coerce.number().int().min(0).max(600_000).optional(),
});

export interface CliConfig {
  help: boolean;
  port: number;
  host: string;
  options: GatewayOptions;
  /** What start-up prints about the configuration (secrets masked). */
  summary: string[];
}

/** Reads flags and environment variables; throws an Error naming the setting when one is invalid. */
export function readGatewayConfig(argv: string[], env: NodeJS.ProcessEnv): CliConfig {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'cors-origins': { type: 'string' },
      'api-key': { type: 'string' },
      'jwt-secret': { type: 'string' },
      'require-auth': { type: 'boolean' },
      'no-demo-tokens': { type: 'boolean' },
      'upstream-url': { type: 'string' },
      'upstream-model': { type: 'string' },
      'upstream-key': { type: 'string' },
      'delay-ms': { type: 'string' },
      corpus: { type: 'string' },
      'resume-grace-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const origins = values['cors-origins'] ?? env['PARLEY_CORS_ORIGINS'] ?? '';
  const raw = {
    port: values.port ?? env['PORT'] ?? '8080',
    host: values.host ?? env['HOST'] ?? '127.0.0.1',
    corsOrigins: origins.split(',').map((origin) => origin.trim()).filter(Boolean),
    apiKey: values['api-key'] ?? (env['PARLEY_API_KEY'] || undefined),
    jwtSecret: values['jwt-secret'] ?? (env['PARLEY_JWT_SECRET'] || undefined),
    requireAuth: values['require-auth'] ?? flag(env['PARLEY_REQUIRE_AUTH']),
    // Demo tokens are on only for the demo's own generated secret, unless asked for: with a real
    // secret they would mint valid tokens for anyone who asks.
    demoTokens: values['no-demo-tokens'] ? false : (flag(env['PARLEY_DEMO_TOKENS']) ?? !(values['jwt-secret'] ?? env['PARLEY_JWT_SECRET'])),
    upstreamUrl: values['upstream-url'] ?? (env['PARLEY_UPSTREAM_URL'] || undefined),
    upstreamModel: values['upstream-model'] ?? (env['PARLEY_UPSTREAM_MODEL'] || undefined),
    upstreamKey: values['upstream-key'] ?? (env['PARLEY_UPSTREAM_KEY'] || undefined),
    delayMs: values['delay-ms'] ?? env['PARLEY_DEMO_DELAY_MS'] ?? '15',
    corpusDir: values.corpus ?? (env['PARLEY_CORPUS_DIR'] || undefined),
    resumeGraceMs: values['resume-grace-ms'] ?? (env['PARLEY_RESUME_GRACE_MS'] || undefined),
  };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid configuration: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'} (see --help)`);
  }
  const config = parsed.data;
  const generatedSecret = !config.jwtSecret && config.demoTokens;
  const jwtSecret = config.jwtSecret ?? (generatedSecret ? randomBytes(32).toString('base64url') : undefined);
  // A generated secret is a demo convenience: anonymous requests stay allowed unless asked otherwise.
  const requireAuth = config.requireAuth ?? (generatedSecret ? Boolean(config.apiKey) : undefined);
  const options: GatewayOptions = {
    corsOrigins: config.corsOrigins,
    demoTokens: config.demoTokens,
    delayMs: config.delayMs,
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    ...(jwtSecret ? { jwtSecret } : {}),
    ...(requireAuth !== undefined ? { requireAuth } : {}),
    ...(config.corpusDir ? { corpusDir: config.corpusDir } : {}),
    ...(config.resumeGraceMs !== undefined ? { resumeGraceMs: config.resumeGraceMs } : {}),
    ...(config.upstreamUrl
      ? { upstream: { url: config.upstreamUrl, ...(config.upstreamModel ? { model: config.upstreamModel } : {}), ...(config.upstreamKey ? { key: config.upstreamKey } : {}) } }
      : {}),
  };
  const effectiveRequireAuth = requireAuth ?? Boolean(config.apiKey || config.jwtSecret);
  const summary = [
    `model:        ${config.upstreamUrl ? `upstream ${config.upstreamUrl} (model ${config.upstreamModel ?? 'as requested'}${config.upstreamKey ? ', key set' : ''})` : `parley-demo-retrieval (retrieval demo, not an LLM; ${config.delayMs} ms per chunk)`}`,
    `corpus:       ${config.corpusDir ?? 'bundled demo corpus'}`,
    `auth:         ${effectiveRequireAuth ? 'required' : 'optional (anonymous users see no restricted document)'}; API key ${config.apiKey ? 'set' : 'off'}; JWT ${config.jwtSecret ? 'verified with PARLEY_JWT_SECRET' : generatedSecret ? 'verified with a random secret generated at start-up' : 'off'}`,
    `demo tokens:  ${config.demoTokens ? 'POST /demo/token (users alice, bob)' : 'off'}`,
    `CORS origins: ${config.corsOrigins.length > 0 ? config.corsOrigins.join(', ') : 'none (same-origin only)'}`,
  ];
  return { help: values.help === true, port: config.port, host: config.host, options, summary };
}
