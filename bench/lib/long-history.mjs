// Part 4: a 1,000-message conversation restored into each widget: open, then scroll to the top.
import { mainThreadTasks, taskStats } from './browser-session.mjs';
import { runContestants } from './run-contestants.mjs';
import { longHistory } from './markdown-answer.mjs';
import { summarize } from './summarize.mjs';

const prefixed = (prefix, stats) => Object.fromEntries(Object.entries(stats).map(([k, v]) => [prefix + k[0].toUpperCase() + k.slice(1), v]));

export async function longHistoryBench({ contestants, log = () => {} }) {
  const { messages, sentinel } = longHistory();
  const raw = await runContestants({
    part: 'history',
    contestants,
    log,
    measure: async ({ name, page, context, browser }) => {
      const cdp = await context.newCDPSession(page);
      await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
      const inPage = await page.evaluate((args) => window.bench.restoreHistory(args), { contestant: name, messages, sentinel, oldest: messages[0].text });
      const trace = await browser.stopTracing();
      const { marks, tasks } = mainThreadTasks(trace, 'bench-history-start');
      const within = (from, to) => tasks.filter((t) => t.start + t.duration > from && t.start < to);
      const opening = within(marks['bench-history-start'], marks['bench-history-shown']);
      const scrolling = marks['bench-scroll-start'] ? within(marks['bench-scroll-start'], marks['bench-scroll-end']) : [];
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      await cdp.send('Performance.enable');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return {
        ...inPage,
        heapMB: usedSize / 1e6,
        domNodes: metrics.find((m) => m.name === 'Nodes')?.value ?? null,
        ...prefixed('open', taskStats(opening)),
        ...prefixed('scroll', taskStats(scrolling)),
      };
    },
    describe: (r) =>
      `first paint ${r.firstPaintMs?.toFixed(0)} ms, whole history ${r.wholeHistoryMs?.toFixed(0)} ms, ${(r.domNodes / messages.length).toFixed(1)} nodes per message, heap ${r.heapMB.toFixed(1)} MB, open longest task ${r.openLongestTaskMs.toFixed(0)} ms (CPU ${r.openLongestTaskCpuMs.toFixed(0)}), scroll p95 frame ${r.scroll?.p95Frame?.toFixed(1)} ms`,
  });
  const out = { messages: messages.length, contestants: {} };
  for (const [name, list] of Object.entries(raw)) {
    const ok = list.filter((r) => !r.error && r.shown);
    const pick = (f) => summarize(ok.map(f).filter((v) => v !== null && v !== undefined));
    out.contestants[name] = {
      summary: {
        firstPaintMs: pick((r) => r.firstPaintMs),
        wholeHistoryMs: pick((r) => r.wholeHistoryMs),
        heapMB: pick((r) => r.heapMB),
        domNodes: pick((r) => r.domNodes),
        domNodesPerMessage: pick((r) => (r.domNodes === null ? null : r.domNodes / messages.length)),
        openLongestTaskMs: pick((r) => r.openLongestTaskMs),
        openTasksOver50: pick((r) => r.openTasksOver50),
        openLongestTaskCpuMs: pick((r) => r.openLongestTaskCpuMs),
        openTasksOver50Cpu: pick((r) => r.openTasksOver50Cpu),
        scrollLongestTaskCpuMs: pick((r) => (r.scroll ? r.scrollLongestTaskCpuMs : undefined)),
        scrollTasksOver50Cpu: pick((r) => (r.scroll ? r.scrollTasksOver50Cpu : undefined)),
        scrollP95FrameMs: pick((r) => r.scroll?.p95Frame),
        scrollLongestFrameMs: pick((r) => r.scroll?.longestFrame),
        scrollDroppedFrames: pick((r) => r.scroll?.dropped),
        scrollLongestTaskMs: pick((r) => (r.scroll ? r.scrollLongestTaskMs : undefined)),
        scrollTasksOver50: pick((r) => (r.scroll ? r.scrollTasksOver50 : undefined)),
        shown: ok.length > 0 && ok.length === list.length,
        scrolled: ok.some((r) => r.scroll),
        failures: list.filter((r) => r.error || !r.shown).map((r) => r.error ?? 'newest message never appeared'),
        pageErrors: [...new Set(list.flatMap((r) => r.errors ?? []))].slice(0, 5),
      },
      runs: list,
    };
  }
  return out;
}
