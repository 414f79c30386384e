// `npm run bench`: Parley next to the widgets and clients people would pick instead, measured in
// one run on one machine, printed as tables with ratios and a budget check. See bench/README.md.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const benchDir = import.meta.dirname;
const rootDir = join(benchDir, '..');
const started = Date.now();
const log = (line) => process.stderr.write(`${line}\n`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const parts = (process.env.BENCH_PARTS ?? 'bundle,client,render,history').split(',');

function sh(command, args, cwd) {
  log(`$ ${command} ${args.join(' ')}   (in ${cwd})`);
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

// --- setup: bench's own dependencies and a built Parley ---------------------------------------
if (!existsSync(join(rootDir, 'node_modules'))) sh('npm', ['ci', '--no-audit', '--no-fund'], rootDir);
if (!existsSync(join(benchDir, 'node_modules', '.package-lock.json'))) {
  // --ignore-scripts: see bench/.npmrc (a peer's transitive native addon does not build on Node 20).
  sh('npm', ['ci', '--prefix', 'bench', '--ignore-scripts', '--no-audit', '--no-fund'], rootDir);
}
const scriptTag = join(rootDir, 'packages/widget/dist/script/parley-chat.js');
// Always from the current source: a dist left from an older checkout would be measured instead.
if (process.env.BENCH_SKIP_BUILD !== '1' || !existsSync(scriptTag)) sh('npm', ['run', 'build'], rootDir);
// Debian's Chromium, installed by the same script `npm test` uses when it is missing.
sh(process.execPath, [join(rootDir, 'scripts/ensure-chromium.mjs')], rootDir);

const { bundleCost } = await import('./lib/bundle-cost.mjs');
const { streamingRender } = await import('./lib/streaming-render.mjs');
const { longHistoryBench } = await import('./lib/long-history.mjs');
const { launchBrowser } = await import('./lib/browser-session.mjs');
const { machineInfo } = await import('./lib/machine-info.mjs');
const { report } = await import('./lib/report.mjs');

const browser = await launchBrowser();
const chromium = await browser.version();
await browser.close();
const results = { date: new Date().toISOString(), machine: machineInfo({ rootDir, benchDir, chromium }) };

const widgets = {
  parley: { file: scriptTag, tag: 'parley-chat', runs: env('BENCH_RUNS', 3) },
  'deep-chat': { file: join(benchDir, 'node_modules/deep-chat/dist/deepChat.bundle.js'), module: true, tag: 'deep-chat', runs: env('BENCH_PEER_RUNS', 1) },
};

if (parts.includes('bundle')) {
  log(`[${elapsed()}] 1/4 bundle cost`);
  results.bundles = await bundleCost({ rootDir, benchDir });
}
if (parts.includes('client')) {
  log(`[${elapsed()}] 2/4 client throughput`);
  const child = spawnSync(process.execPath, ['--expose-gc', join(benchDir, 'lib/client-throughput.mjs')], {
    cwd: benchDir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  results.client = child.status === 0 ? JSON.parse(child.stdout.trim().split('\n').pop()) : { error: `exit code ${child.status}` };
}
if (parts.includes('render')) {
  log(`[${elapsed()}] 3/4 streaming render (Parley ${widgets.parley.runs} runs, deep-chat ${widgets['deep-chat'].runs}; deep-chat takes minutes per run)`);
  results.render = await streamingRender({ contestants: widgets, intervalMs: env('BENCH_CHUNK_INTERVAL_MS', 4), log });
}
if (parts.includes('history')) {
  log(`[${elapsed()}] 4/4 long history`);
  const history = Object.fromEntries(Object.entries(widgets).map(([name, w]) => [name, { ...w, runs: env('BENCH_HISTORY_RUNS', 3) }]));
  results.history = await longHistoryBench({ contestants: history, log });
}
results.seconds = (Date.now() - started) / 1000;

mkdirSync(join(benchDir, 'results'), { recursive: true });
writeFileSync(join(benchDir, 'results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);
report(results);
log(`[${elapsed()}] done; raw figures in bench/results/latest.json`);
