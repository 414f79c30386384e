import { describe, expect, it } from 'vitest';
import { gatewayHelp, readGatewayConfig } from './gateway-config.js';

describe('gateway configuration', () => {
  it('defaults to port 8080, the demo model, demo tokens with a generated secret and optional auth', () => {
    const config = readGatewayConfig([], {});
    expect(config.port).toBe(8080);
    expect(config.options.upstream).toBeUndefined();
    expect(config.options.delayMs).toBe(15);
    expect(config.options.demoTokens).toBe(true);
    expect(config.options.jwtSecret).toMatch(/^[\w-]{40,}$/);
    expect(config.options.requireAuth).toBe(false);
    expect(config.options.resumeGraceMs).toBeUndefined();
    expect(config.summary.join('\n')).toContain('retrieval demo, not an LLM');
  });

  it('reads how long a broken answer waits for its client (0 turns resuming off)', () => {
    expect(readGatewayConfig([], { PARLEY_RESUME_GRACE_MS: '0' }).options.resumeGraceMs).toBe(0);
    expect(readGatewayConfig(['--resume-grace-ms', '30000'], { PARLEY_RESUME_GRACE_MS: '0' }).options.resumeGraceMs).toBe(30_000);
    expect(() => readGatewayConfig([], { PARLEY_RESUME_GRACE_MS: 'soon' })).toThrow(/^invalid configuration: resumeGraceMs:/);
  });

  it('reads environment variables, and flags win over them', () => {
    const env = {
      PORT: '9000',
      PARLEY_CORS_ORIGINS: 'https://erp.example.com, https://oa.example.com',
      PARLEY_JWT_SECRET: 'a-shared-secret-with-at-least-32-chars!',
      PARLEY_UPSTREAM_URL: 'http://127.0.0.1:8000/v1/chat/completions',
      PARLEY_UPSTREAM_MODEL: 'Qwen/Qwen3-8B',
      PARLEY_UPSTREAM_KEY: 'sk-upstream',
      PARLEY_DEMO_DELAY_MS: '0',
      PARLEY_DEMO_TOKENS: '0',
    };
    const config = readGatewayConfig(['--port', '9100'], env);
    expect(config.port).toBe(9100);
    expect(config.options).toMatchObject({
      corsOrigins: ['https://erp.example.com', 'https://oa.example.com'],
      jwtSecret: env.PARLEY_JWT_SECRET,
      demoTokens: false,
      delayMs: 0,
      upstream: { url: env.PARLEY_UPSTREAM_URL, model: 'Qwen/Qwen3-8B', key: 'sk-upstream' },
    });
    // An explicit secret means real users: the default becomes "token required".
    expect(config.options.requireAuth).toBeUndefined();
    expect(config.summary.join('\n')).not.toContain('sk-upstream');
    expect(config.summary.join('\n')).not.toContain(env.PARLEY_JWT_SECRET);
  });

  it('never mints demo tokens with a real secret unless asked to', () => {
    const secret = { PARLEY_JWT_SECRET: 'a-shared-secret-with-at-least-32-chars!' };
    expect(readGatewayConfig([], secret).options.demoTokens).toBe(false);
    expect(readGatewayConfig([], { ...secret, PARLEY_DEMO_TOKENS: '1' }).options.demoTokens).toBe(true);
    expect(readGatewayConfig(['--no-demo-tokens'], {}).options).toMatchObject({ demoTokens: false });
    expect(readGatewayConfig(['--no-demo-tokens'], {}).options.jwtSecret).toBeUndefined();
  });

  it.each([
    [['--port', 'eighty'], {}, 'port'],
    [[], { PORT: '70000' }, 'port'],
    [[], { PARLEY_CORS_ORIGINS: 'erp.example.com' }, 'corsOrigins.0'],
    [[], { PARLEY_JWT_SECRET: 'short' }, 'jwtSecret'],
    [[], { PARLEY_UPSTREAM_URL: 'not a url' }, 'upstreamUrl'],
  ])('rejects %j %j naming %s', (argv, env, field) => {
    expect(() => readGatewayConfig(argv, env)).toThrow(new RegExp(`^invalid configuration: ${field.replace('.', '\\.')}:`));
  });

  it('rejects an unknown flag', () => {
    expect(() => readGatewayConfig(['--prot', '1'], {})).toThrow(/--prot/);
  });

  it('documents every setting in --help', () => {
    expect(readGatewayConfig(['--help'], {}).help).toBe(true);
    for (const name of ['PORT', 'PARLEY_CORS_ORIGINS', 'PARLEY_API_KEY', 'PARLEY_JWT_SECRET', 'PARLEY_UPSTREAM_URL', 'PARLEY_UPSTREAM_MODEL', 'PARLEY_UPSTREAM_KEY', 'PARLEY_DEMO_DELAY_MS', 'PARLEY_RESUME_GRACE_MS']) {
      expect(gatewayHelp).toContain(name);
    }
  });
});
