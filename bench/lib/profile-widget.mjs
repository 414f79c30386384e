// Where a widget's main-thread time goes in one scenario: `node bench/lib/profile-widget.mjs
// [stream|history] [parley|deep-chat]`. Prints what the long tasks (> 50 ms) are made of (trace)
// and the top self-time functions (CPU profile, mapped through the script tag's source maps). Used for
// bench/PROFILE.md; not part of `npm run bench`.
import { readFileSync, existsSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join } from 'node:path';
import { launchBrowser, openPage } from './browser-session.mjs';
import { markdownAnswer, streamChunks, longHistory } from './markdown-answer.mjs';

const [scenario = 'stream', contestant = 'parley'] = process.argv.slice(2);
const root = join(import.meta.dirname, '..', '..');
const widgets = {
  parley: { file: join(root, 'packages/widget/dist/script/parley-chat.js'), tag: 'parley-chat' },
  'deep-chat': { file: join(root, 'bench/node_modules/deep-chat/dist/deepChat.bundle.js'), module: true, tag: 'deep-chat' },
};
const widget = widgets[contestant];
/** The source map of a served script (`/widget.js` is the file itself, `/chunks/*` sit beside it). */
const sourceMaps = new Map();
function sourceMapOf(url) {
  const path = URL.canParse(url) ? new URL(url).pathname : '';
  const file = path === '/widget.js' ? widget.file : path.startsWith('/chunks/') ? join(dirname(widget.file), path) : undefined;
  if (!file) return null;
  if (!sourceMaps.has(file)) sourceMaps.set(file, existsSync(`${file}.map`) ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))) : null);
  return sourceMaps.get(file);
}

const browser = await launchBrowser();
const { page, context } = await openPage(browser, widget);
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'blink.user_timing', 'v8'] });
await cdp.send('Profiler.start');
if (scenario === 'stream') {
  const { markdown, segments } = markdownAnswer();
  const result = await page.evaluate((args) => window.bench.streamAnswer(args), { contestant, chunks: streamChunks(markdown), segments, intervalMs: 4 });
  console.log('complete:', result.complete, 'longest observed task:', result.longestObservedTask);
} else {
  const { messages, sentinel } = longHistory();
  const result = await page.evaluate((args) => window.bench.restoreHistory(args), { contestant, messages, sentinel });
  console.log('first paint:', result.firstPaintMs, 'open longest task:', result.openLongestTask, 'scroll long tasks:', result.scroll?.longTasks);
}
const { profile } = await cdp.send('Profiler.stop');
const trace = JSON.parse((await browser.stopTracing()).toString('utf8')).traceEvents;
await browser.close();

// --- long tasks: what are they made of ---------------------------------------------------------
const mark = trace.find((e) => e.name === 'bench-chunk-first' || e.name === 'bench-history-start');
const onMain = trace.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X');
const long = onMain.filter((e) => e.cat === 'toplevel' && e.name.includes('RunTask') && e.dur > 50_000);
const inside = {};
for (const task of long) {
  const end = task.ts + task.dur;
  for (const e of onMain) {
    if (e === task || e.ts < task.ts || e.ts + (e.dur ?? 0) > end) continue;
    if (!['FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'RunMicrotasks', 'v8.run', 'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'ParseHTML', 'HitTest', 'ScrollLayer', 'IntersectionObserverController::computeIntersections'].includes(e.name)) continue;
    inside[e.name] = (inside[e.name] ?? 0) + e.dur / 1000;
  }
}
console.log(`\nlong tasks > 50 ms: ${long.length}, total ${(long.reduce((s, t) => s + t.dur, 0) / 1000).toFixed(0)} ms, longest ${(Math.max(0, ...long.map((t) => t.dur)) / 1000).toFixed(0)} ms`);
console.log('inside them (ms, nested events overlap):', Object.entries(inside).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));

// --- CPU profile: self time by function ---------------------------------------------------------
const selfTime = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const deltas = profile.timeDeltas;
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  const f = node.callFrame;
  let where = f.url ? `${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}:${f.columnNumber + 1}` : '';
  const sourceMap = f.url ? sourceMapOf(f.url) : null;
  if (sourceMap) {
    const entry = sourceMap.findEntry(f.lineNumber, f.columnNumber);
    if (entry?.originalSource) where = `${entry.originalSource.replace(/^.*?(packages|node_modules)\//, '$1/')}:${entry.originalLine + 1}`;
  }
  const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
  selfTime.set(key, (selfTime.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
});
const total = [...selfTime.values()].reduce((a, b) => a + b, 0);
console.log(`\nCPU profile: ${total.toFixed(0)} ms sampled; top self time:`);
for (const [key, ms] of [...selfTime].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${key}`);
