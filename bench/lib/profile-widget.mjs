// Where a widget's main-thread time goes in one scenario: `node bench/lib/profile-widget.mjs
// [stream|history] [parley|deep-chat]`. Prints what the long tasks (> 50 ms, or PROFILE_LONG_MS) are made of (trace)
// and the top self-time functions (CPU profile, mapped through the script tag's source maps); for
// `stream`, also what grows from the first to the last tenth of the chunks (self time per function
// and trace events per chunk, windowed by the page's bench-* marks: CPU-profile sample times and
// trace `ts` share one clock); for `history`, the opening's and the scroll's three longest tasks (CPU
// time, and of the trace events inside them) and the functions each ran. Used for bench/PROFILE.md;
// not part of `npm run bench`.
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
const long = onMain.filter((e) => e.cat === 'toplevel' && e.name.includes('RunTask') && e.dur > Number(process.env.PROFILE_LONG_MS ?? 50) * 1000);
const inside = {};
for (const task of long) {
  const end = task.ts + task.dur;
  for (const e of onMain) {
    if (e === task || e.ts < task.ts || e.ts + (e.dur ?? 0) > end) continue;
    if (!['FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'RunMicrotasks', 'v8.run', 'UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'ParseHTML', 'HitTest', 'ScrollLayer', 'IntersectionObserverController::computeIntersections'].includes(e.name)) continue;
    inside[e.name] = (inside[e.name] ?? 0) + e.dur / 1000;
  }
}
console.log(`\nlong tasks > ${process.env.PROFILE_LONG_MS ?? 50} ms: ${long.length}, total ${(long.reduce((s, t) => s + t.dur, 0) / 1000).toFixed(0)} ms, longest ${(Math.max(0, ...long.map((t) => t.dur)) / 1000).toFixed(0)} ms`);
console.log('inside them (ms, nested events overlap):', Object.entries(inside).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));

// --- CPU profile: self time by function ---------------------------------------------------------
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const deltas = profile.timeDeltas;
const keyOf = new Map();
function functionKey(node) {
  if (keyOf.has(node.id)) return keyOf.get(node.id);
  const f = node.callFrame;
  let where = f.url ? `${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}:${f.columnNumber + 1}` : '';
  const sourceMap = f.url ? sourceMapOf(f.url) : null;
  if (sourceMap) {
    const entry = sourceMap.findEntry(f.lineNumber, f.columnNumber);
    if (entry?.originalSource) where = `${entry.originalSource.replace(/^.*?(packages|node_modules)\//, '$1/')}:${entry.originalLine + 1}`;
  }
  const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
  keyOf.set(node.id, key);
  return key;
}
/** Each sample as [time µs (the trace clock), node id, ms it stands for]. */
const samples = [];
let sampledAt = profile.startTime;
profile.samples.forEach((id, i) => samples.push([(sampledAt += deltas[i] ?? 0), id, (deltas[i + 1] ?? 0) / 1000]));
/** Self time per function (ms) of the samples taken in [from, to) µs; all of them without bounds. */
function selfTimeBetween(from = -Infinity, to = Infinity) {
  const selfTime = new Map();
  for (const [at, id, ms] of samples) {
    if (at < from || at >= to) continue;
    const key = functionKey(byId.get(id));
    selfTime.set(key, (selfTime.get(key) ?? 0) + ms);
  }
  return selfTime;
}
const markTs = (name) => trace.find((e) => e.name === name && e.cat?.includes('blink.user_timing'))?.ts;
const selfTime = selfTimeBetween();
const total = [...selfTime.values()].reduce((a, b) => a + b, 0);
console.log(`\nCPU profile: ${total.toFixed(0)} ms sampled; top self time:`);
for (const [key, ms] of [...selfTime].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${key}`);

// --- stream only: what grows between the first and the last tenth of the chunks ------------------
if (scenario === 'stream') {
  const chunks = streamChunks(markdownAnswer().markdown).length;
  const tenth = Math.floor(chunks / 10);
  const windows = {
    first: [markTs('bench-chunk-first'), markTs('bench-first-tenth-end')],
    last: [markTs('bench-last-tenth-start'), markTs('bench-chunk-last')],
  };
  const perChunk = (ms) => ms / tenth;
  const early = selfTimeBetween(...windows.first);
  const late = selfTimeBetween(...windows.last);
  const sum = (m) => [...m.values()].reduce((a, b) => a + b, 0);
  const idle = (m) => (m.get('(idle)') ?? 0);
  console.log(`\nfirst vs last tenth (${tenth} chunks each), CPU-profile self time, ms per chunk:`);
  console.log(`  sampled non-idle: ${perChunk(sum(early) - idle(early)).toFixed(3)} -> ${perChunk(sum(late) - idle(late)).toFixed(3)}`);
  const keys = new Set([...early.keys(), ...late.keys()]);
  keys.delete('(idle)');
  const rows = [...keys].map((k) => [k, perChunk(early.get(k) ?? 0), perChunk(late.get(k) ?? 0)]);
  for (const [key, a, b] of rows.sort((x, y) => (y[2] - y[1]) - (x[2] - x[1])).slice(0, 25)) {
    console.log(`  ${a.toFixed(3).padStart(7)} -> ${b.toFixed(3).padStart(7)}  (${(b - a >= 0 ? '+' : '') + (b - a).toFixed(3)})  ${key}`);
  }
  // Trace events on the renderer's main thread, wall (dur) and CPU (tdur), per chunk in each window.
  const names = ['RunTask', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'EventDispatch', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'Commit', 'MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'HitTest', 'ScrollLayer', 'ResizeObserverController::DeliverObservations', 'IntersectionObserverController::computeIntersections', 'ParseHTML', 'v8.compile', 'v8.callFunction'];
  const byWindow = (from, to) => {
    const out = {};
    for (const e of onMain) {
      if (e.ts < from || e.ts >= to) continue;
      const name = e.name.includes('RunTask') ? 'RunTask' : e.name;
      if (!names.includes(name)) continue;
      const slot = (out[name] ??= { n: 0, dur: 0, cpu: 0 });
      slot.n++;
      slot.dur += (e.dur ?? 0) / 1000;
      slot.cpu += (e.tdur ?? e.dur ?? 0) / 1000;
    }
    return out;
  };
  const a = byWindow(...windows.first);
  const b = byWindow(...windows.last);
  console.log('\ntrace events per chunk, first -> last tenth (count | wall ms | CPU ms; nested events overlap):');
  for (const name of names) {
    const x = a[name] ?? { n: 0, dur: 0, cpu: 0 };
    const y = b[name] ?? { n: 0, dur: 0, cpu: 0 };
    if (!x.n && !y.n) continue;
    console.log(`  ${name.padEnd(28)} ${(x.n / tenth).toFixed(2)} -> ${(y.n / tenth).toFixed(2)} | ${perChunk(x.dur).toFixed(3)} -> ${perChunk(y.dur).toFixed(3)} | ${perChunk(x.cpu).toFixed(3)} -> ${perChunk(y.cpu).toFixed(3)}`);
  }
}

// --- history only: the opening's and the scroll's longest tasks (what the bench's "longest task" rows read)
if (scenario === 'history') {
  // Inclusive time per function: a sample counts once for each distinct function on its stack.
  const parentOf = new Map(profile.nodes.flatMap((n) => (n.children ?? []).map((child) => [child, n.id])));
  for (const [label, from, to] of [
    ['opening', markTs('bench-history-start'), markTs('bench-history-shown')],
    ['scrolling', markTs('bench-scroll-start'), markTs('bench-scroll-end')],
  ]) {
    if (from === undefined || to === undefined) continue;
    const inWindow = onMain
      .filter((e) => e.cat === 'toplevel' && e.name.includes('RunTask') && e.ts + e.dur > from && e.ts < to)
      .sort((a, b) => (b.tdur ?? b.dur) - (a.tdur ?? a.dur));
    console.log(`\n${label} (${((to - from) / 1000).toFixed(0)} ms, ${inWindow.length} tasks): the longest, CPU ms, with the functions they ran (inclusive)`);
    for (const task of inWindow.slice(0, 3)) {
      const inclusive = new Map();
      for (const [ts, id, ms] of samples) {
        if (ts < task.ts || ts >= task.ts + task.dur) continue;
        const keys = new Set();
        for (let node = id; node !== undefined; node = parentOf.get(node)) keys.add(functionKey(byId.get(node)));
        for (const key of keys) inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
      }
      const events = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur && ['TimerFire', 'FireAnimationFrame', 'FireIdleCallback', 'FunctionCall', 'RunMicrotasks', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'MajorGC', 'MinorGC', 'IntersectionObserverController::computeIntersections', 'ResizeObserverController::DeliverObservations'].includes(e.name));
      const byName = {};
      for (const e of events) byName[e.name] = (byName[e.name] ?? 0) + (e.tdur ?? e.dur) / 1000;
      console.log(`  at +${((task.ts - from) / 1000).toFixed(0)} ms: ${((task.tdur ?? task.dur) / 1000).toFixed(1)} CPU (${(task.dur / 1000).toFixed(1)} wall); inside, CPU: ${Object.entries(byName).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
      const top = [...inclusive].filter(([key]) => !key.startsWith('(root)')).sort((a, b) => b[1] - a[1]).slice(0, 10);
      console.log(`    ${top.map(([key, ms]) => `${key} ${ms.toFixed(1)}`).join('\n    ')}`);
    }
  }
}
