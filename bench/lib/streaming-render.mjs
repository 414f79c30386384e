// Part 3: the same long markdown answer streamed chunk by chunk into each widget.
import { mainThreadTasks, busyBetween, taskStats } from './browser-session.mjs';
import { runContestants } from './run-contestants.mjs';
import { markdownAnswer, streamChunks } from './markdown-answer.mjs';
import { summarize } from './summarize.mjs';

/**
 * `contestants`: name -> { file, module, tag, runs } (see runContestants).
 * Returns per contestant: the summaries and the raw runs.
 */
export async function streamingRender({ contestants, intervalMs = 4, log = () => {} }) {
  const { markdown, segments } = markdownAnswer();
  const chunks = streamChunks(markdown);
  const raw = await runContestants({
    part: 'render',
    contestants,
    log,
    measure: async ({ name, page, browser }) => {
      await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
      const inPage = await page.evaluate((args) => window.bench.streamAnswer(args), { contestant: name, chunks, segments, intervalMs });
      const trace = await browser.stopTracing();
      const { marks, tasks } = mainThreadTasks(trace, 'bench-chunk-first');
      const first = marks['bench-chunk-first'];
      const firstTenthEnd = marks['bench-first-tenth-end'];
      const lastTenthStart = marks['bench-last-tenth-start'];
      const last = marks['bench-chunk-last'];
      const rendered = marks['bench-rendered'];
      const during = tasks.filter((t) => t.start + t.duration > first && t.start < rendered);
      const tenth = Math.floor(chunks.length / 10);
      const result = {
        ...inPage,
        busyMs: busyBetween(tasks, first, rendered),
        busyCpuMs: busyBetween(tasks, first, rendered, { cpu: true }),
        ...taskStats(during),
        firstTenthMsPerChunk: busyBetween(tasks, first, firstTenthEnd) / tenth,
        lastTenthMsPerChunk: busyBetween(tasks, lastTenthStart, last) / tenth,
        firstTenthCpuMsPerChunk: busyBetween(tasks, first, firstTenthEnd, { cpu: true }) / tenth,
        lastTenthCpuMsPerChunk: busyBetween(tasks, lastTenthStart, last, { cpu: true }) / tenth,
      };
      result.flatness = result.lastTenthMsPerChunk / result.firstTenthMsPerChunk;
      result.flatnessCpu = result.lastTenthCpuMsPerChunk / result.firstTenthCpuMsPerChunk;
      return result;
    },
    describe: (r) =>
      `busy ${r.busyMs.toFixed(0)} ms (CPU ${r.busyCpuMs.toFixed(0)}), longest ${r.longestTaskMs.toFixed(1)} ms (CPU ${r.longestTaskCpuMs.toFixed(1)}), flatness ${r.flatness.toFixed(2)} (CPU ${r.flatnessCpu.toFixed(2)}), complete ${r.complete}`,
  });
  const fields = [
    'busyMs', 'busyCpuMs', 'longestTaskMs', 'longestTaskCpuMs', 'tasksOver50', 'tasksOver50Cpu',
    'firstTenthMsPerChunk', 'firstTenthCpuMsPerChunk', 'lastTenthMsPerChunk', 'lastTenthCpuMsPerChunk',
    'flatness', 'flatnessCpu', 'lastChunkToRenderedMs', 'streamWallMs',
  ];
  const out = { answerLength: markdown.length, chunks: chunks.length, intervalMs, contestants: {} };
  for (const [name, list] of Object.entries(raw)) {
    const ok = list.filter((r) => !r.error);
    const summary = Object.fromEntries(fields.map((f) => [f, summarize(ok.map((r) => r[f]).filter((v) => v !== null && v !== undefined))]));
    summary.droppedFrames = summarize(ok.map((r) => r.frames.dropped));
    summary.complete = ok.length > 0 && ok.every((r) => r.complete);
    summary.failures = list.filter((r) => r.error).map((r) => r.error);
    summary.pageErrors = [...new Set(list.flatMap((r) => r.errors ?? []))].slice(0, 5);
    out.contestants[name] = { summary, runs: list };
  }
  return out;
}
