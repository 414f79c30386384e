import { readFileSync, existsSync } from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const versionOf = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : 'missing');

/** What a reader needs to compare two runs: the machine, the runtimes and every contestant's version. */
export function machineInfo({ rootDir, benchDir, chromium }) {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: rootDir, encoding: 'utf8' }).trim();
  } catch {}
  const peers = ['deep-chat', '@n8n/chat', 'botframework-webchat', 'openai', 'ai', '@ai-sdk/openai-compatible', 'esbuild', 'playwright-core'];
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 1e9),
    loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
    node: process.version,
    chromium,
    parleyCommit: commit,
    packages: {
      '@parley/client': versionOf(join(rootDir, 'packages/client/package.json')),
      '@parley/widget': versionOf(join(rootDir, 'packages/widget/package.json')),
      ...Object.fromEntries(peers.map((name) => [name, versionOf(join(benchDir, 'node_modules', name, 'package.json'))])),
    },
  };
}
