import { printTable } from './print-table.mjs';
import { formatSummary } from './summarize.mjs';

const kb = (bytes) => (bytes === undefined ? 'n/a' : `${(bytes / 1024).toFixed(1)}`);
const times = (x) => (Number.isFinite(x) ? `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×` : 'n/a');
const mark = (ok) => (ok === null ? '?' : ok ? '✓' : '✗');

/** Prints every table from a results object (the one run.mjs writes to bench/results/latest.json). */
export function report(results, write = (s) => process.stdout.write(s)) {
  const m = results.machine;
  write(`\nParley bench — ${results.date}\n`);
  write(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, load ${m.loadAverage.join(' ')} | Node ${m.node} | Chromium ${m.chromium} | Parley ${m.parleyCommit}\n`);
  write(`packages: ${Object.entries(m.packages).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
  const budgets = [];

  if (results.bundles) {
    const rows = [['group', 'option', 'measured', 'min KB', 'gzip KB', 'brotli KB', 'lazy gz KB', 'gzip ÷ Parley']];
    const parleyIn = (group) => results.bundles.find((r) => r.group === group && r.name === 'parley' && r.initial && !r.firstAnswer);
    for (const r of results.bundles) {
      if (r.error) {
        rows.push([r.group, r.name, r.what, `error: ${r.error}`]);
        continue;
      }
      const base = parleyIn(r.group);
      rows.push([r.group, r.name, r.what, kb(r.initial.min), kb(r.initial.gzip), kb(r.initial.brotli), r.lazy ? kb(r.lazy.gzip) : '', base ? times(r.initial.gzip / base.initial.gzip) : 'n/a']);
    }
    printTable('1. Bundle cost (what loads at start; esbuild rows: code splitting on, lazy chunks apart)', rows, { write });
    for (const group of ['widget ESM, bundled', 'client, bundled for streaming chat']) {
      const top = parleyIn(group)?.composition?.slice(0, 10);
      if (top) write(`  Parley ${group}, minified bytes by source: ${top.map((c) => `${c.source} ${kb(c.min)} KB`).join(', ')}\n`);
    }
    const deep = results.bundles.find((r) => r.group === 'widget script tag' && r.name === 'deep-chat' && r.initial);
    const scriptTag = [
      ['at start', parleyIn('widget script tag')],
      ['all it loads before a first answer, every feature in', results.bundles.find((r) => r.group === 'widget script tag' && r.firstAnswer && r.initial)],
    ];
    for (const [what, parley] of scriptTag) {
      if (!parley || !deep) continue;
      const ratio = parley.initial.gzip / deep.initial.gzip;
      budgets.push([`script tag ≤ 1/3 of deep-chat gzip (Parley: ${what})`, `${kb(parley.initial.gzip)} KB vs ${kb(deep.initial.gzip)} KB = ${ratio.toFixed(2)}`, '≤ 0.33', mark(ratio <= 1 / 3)]);
    }
  }

  if (results.client && !results.client.error) {
    const c = results.client;
    const parley = c.clients.parley;
    const rows = [['client', 'MB/s (median ±spread)', 'min–max', 'Parley ÷ this', 'parsed all', 'text / reasoning / tools']];
    for (const [name, r] of Object.entries(c.clients)) {
      const t = r.throughput;
      rows.push([
        name,
        r.error ? `error: ${r.error.split('\n')[0]}` : formatSummary(t, 2),
        t.runs ? `${t.min.toFixed(2)}–${t.max.toFixed(2)}` : '',
        parley?.throughput.runs && t.runs ? times(parley.throughput.median / t.median) : 'n/a',
        r.verified ? 'yes' : 'NO',
        r.counts ? `${r.counts.text} / ${r.counts.reasoning} / ${r.counts.toolCalls}` : '',
      ]);
    }
    printTable(
      `2. Client throughput: ${(c.bytes / 1e6).toFixed(2)} MB chat-completions SSE (${c.expected.events} events; ${c.networkChunks} chunks of 1–16 KB), ${c.measuredRounds} measured rounds after ${c.warmupRounds} warm-up; expected ${c.expected.textLength} / ${c.expected.reasoningLength} / ${c.expected.toolCalls}`,
      rows,
      { write },
    );
    for (const [name, need] of [['openai', 1.5], ['ai-sdk', 1]]) {
      const other = c.clients[name];
      if (!parley?.throughput.runs || !other?.throughput.runs) {
        budgets.push([`client ≥ ${need}× ${name}`, 'not measured', `≥ ${need}×`, '✗']);
        continue;
      }
      const ratio = parley.throughput.median / other.throughput.median;
      budgets.push([`client ≥ ${need === 1 ? '1× (faster than)' : `${need}×`} ${name}`, times(ratio), need === 1 ? '> 1×' : `≥ ${need}×`, mark(parley.verified && (need === 1 ? ratio > 1 : ratio >= need))]);
    }
  }

  if (results.render) {
    const r = results.render;
    const names = Object.keys(r.contestants);
    const s = (name) => r.contestants[name].summary;
    const ratio = (f) => (names.length === 2 && s(names[0])[f]?.runs && s(names[1])[f]?.runs ? times(s(names[1])[f].median / s(names[0])[f].median) : '');
    const row = (label, f, digits, unit = '') => [label, ...names.map((n) => formatSummary(s(n)[f], digits, unit)), ratio(f)];
    const rows = [
      ['metric', ...names, `${names[1] ?? ''} ÷ ${names[0]}`],
      ['runs', ...names.map((n) => String(r.contestants[n].runs.filter((x) => !x.error).length)), ''],
      row('main-thread busy, CPU ms', 'busyCpuMs', 0),
      row('main-thread busy, wall ms', 'busyMs', 0),
      row('longest task, CPU ms', 'longestTaskCpuMs', 1),
      row('longest task, wall ms', 'longestTaskMs', 1),
      row('tasks > 50 ms, CPU', 'tasksOver50Cpu', 0),
      row('tasks > 50 ms, wall', 'tasksOver50', 0),
      row('dropped frames', 'droppedFrames', 0),
      row('CPU ms per chunk, first tenth', 'firstTenthCpuMsPerChunk', 3),
      row('CPU ms per chunk, last tenth', 'lastTenthCpuMsPerChunk', 3),
      row('flatness (last ÷ first), CPU', 'flatnessCpu', 2),
      row('flatness (last ÷ first), wall', 'flatness', 2),
      row('last chunk → all rendered, ms', 'lastChunkToRenderedMs', 0),
      row('stream wall time, ms', 'streamWallMs', 0),
      ['answer complete', ...names.map((n) => (s(n).complete ? 'yes' : 'NO')), ''],
    ];
    printTable(
      `3. Streaming render: ${r.answerLength}-char markdown answer in ${r.chunks} chunks, one every ${r.intervalMs} ms, Chromium (CPU = the renderer thread's own time; wall includes time a busy machine took it away)`,
      rows,
      { write },
    );
    for (const n of names) for (const f of s(n).failures) write(`  ${n} failed: ${f.split('\n')[0]}\n`);
    const p = s('parley');
    const d = s('deep-chat');
    if (p?.longestTaskMs?.runs) {
      const ok = r.contestants.parley.runs.filter((x) => !x.error);
      const worstCpu = Math.max(...ok.map((x) => x.longestTaskCpuMs));
      const worstWall = Math.max(...ok.map((x) => x.longestTaskMs));
      budgets.push(['streaming: no task > 50 ms', `longest ${worstCpu.toFixed(0)} ms CPU (${worstWall.toFixed(0)} ms wall), worst run`, '≤ 50 ms CPU', mark(worstCpu <= 50)]);
      budgets.push(['streaming: flatness ≤ 1.5', `${p.flatnessCpu.median.toFixed(2)} CPU (${p.flatness.median.toFixed(2)} wall)`, '≤ 1.5', mark(p.flatnessCpu.median <= 1.5)]);
      budgets.push(['streaming: rendered ≤ 0.5 s after last chunk', p.lastChunkToRenderedMs.runs ? `${p.lastChunkToRenderedMs.median.toFixed(0)} ms` : 'never complete', '≤ 500 ms', mark(p.complete && p.lastChunkToRenderedMs.median <= 500)]);
      if (d?.busyCpuMs?.runs) {
        const share = p.busyCpuMs.median / d.busyCpuMs.median;
        budgets.push(['streaming: busy well below deep-chat', `${(share * 100).toFixed(1)}% of deep-chat's`, '≤ 50%', mark(share <= 0.5)]);
      }
    } else {
      budgets.push(['streaming', 'not measured', '', '✗']);
    }
  }

  if (results.history) {
    const h = results.history;
    const names = Object.keys(h.contestants);
    const s = (name) => h.contestants[name].summary;
    const ratio = (f) => (names.length === 2 && s(names[0])[f]?.runs && s(names[1])[f]?.runs && s(names[0])[f].median ? times(s(names[1])[f].median / s(names[0])[f].median) : '');
    const row = (label, f, digits) => [label, ...names.map((n) => formatSummary(s(n)[f], digits)), ratio(f)];
    const rows = [
      ['metric', ...names, `${names[1] ?? ''} ÷ ${names[0]}`],
      row('first paint of newest message, ms', 'firstPaintMs', 0),
      row('whole history in the page, ms', 'wholeHistoryMs', 0),
      row('JS heap after (after GC), MB', 'heapMB', 1),
      row('DOM nodes', 'domNodes', 0),
      row('DOM nodes per message', 'domNodesPerMessage', 1),
      row('longest task while opening, CPU ms', 'openLongestTaskCpuMs', 0),
      row('longest task while opening, wall ms', 'openLongestTaskMs', 0),
      row('tasks > 50 ms while opening, CPU', 'openTasksOver50Cpu', 0),
      row('scroll to top: p95 frame, ms', 'scrollP95FrameMs', 1),
      row('scroll to top: longest frame, ms', 'scrollLongestFrameMs', 0),
      row('scroll to top: dropped frames', 'scrollDroppedFrames', 0),
      row('scroll to top: tasks > 50 ms, CPU', 'scrollTasksOver50Cpu', 0),
      row('scroll to top: longest task, CPU ms', 'scrollLongestTaskCpuMs', 0),
    ];
    printTable(`4. Long history: ${h.messages} messages restored, then scrolled to the top in 100 steps (one per frame)`, rows, { write });
    for (const n of names) for (const f of s(n).failures) write(`  ${n} failed: ${f.split('\n')[0]}\n`);
    const p = s('parley');
    if (p?.openTasksOver50Cpu?.runs) {
      const ok = p.openTasksOver50Cpu.max === 0 && (p.scrollTasksOver50Cpu?.max ?? 1) === 0;
      budgets.push([
        '1,000 messages open and scroll without long tasks',
        `open: ${p.openTasksOver50Cpu.median} (longest ${p.openLongestTaskCpuMs.median.toFixed(0)} ms CPU), scroll: ${p.scrollTasksOver50Cpu?.median ?? 'n/a'} (longest ${p.scrollLongestTaskCpuMs?.median?.toFixed(0) ?? 'n/a'} ms CPU)`,
        '0 tasks > 50 ms CPU',
        mark(ok),
      ]);
    } else {
      budgets.push(['1,000 messages open and scroll', 'not measured', '', '✗']);
    }
  }

  printTable('Budgets (DESIGN.md "Performance budgets"; checked here by reading, not asserted in tests)', [['budget', 'measured', 'target', ''], ...budgets], { write });
  write(`\n${results.seconds ? `bench took ${results.seconds.toFixed(0)} s\n` : ''}`);
}
