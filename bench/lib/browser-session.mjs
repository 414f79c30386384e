import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';
const origin = 'http://bench.invalid';

/** One Chromium for the whole part; every run gets a fresh context so no state or cache carries over. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The page every contestant gets: the same host box, fonts and harness; only the widget script differs. */
export function benchPage({ module }) {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>' +
    '<style>html,body{margin:0;font:16px/1.4 sans-serif}#host{margin:20px}</style></head>' +
    '<body><div id="host"></div>' +
    `<script src="/harness.js"></script><script ${module ? 'type="module" ' : ''}src="/widget.js"></script></body></html>`
  );
}

/**
 * Opens a fresh page that loads the widget `file` (a classic or module script, served from disk
 * through page.route; the `chunks/` it imports are served from its folder, as a static host
 * would) and waits until its element `tag` is defined.
 */
export async function openPage(browser, { file, module = false, tag }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const files = {
    '/': ['text/html', () => benchPage({ module })],
    '/widget.js': ['text/javascript', () => readFileSync(file)],
    '/harness.js': ['text/javascript', () => readFileSync(join(import.meta.dirname, 'page', 'harness.js'))],
  };
  await page.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const chunk = /^\/chunks\/[\w-]+\.js$/.test(path) ? join(dirname(file), path) : undefined;
    if (chunk) return route.fulfill({ status: 200, contentType: 'text/javascript', body: readFileSync(chunk) });
    const served = files[path];
    if (!served) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, contentType: served[0], body: served[1]() });
  });
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error.message)));
  await page.goto(`${origin}/`);
  await page.waitForFunction((name) => Boolean(window.bench && customElements.get(name)), tag);
  return { page, context, errors };
}

export async function chromiumVersion(browser) {
  return browser.version();
}

/**
 * Main-thread tasks of the page's renderer from a Chrome trace (category `toplevel`), and the
 * page's performance marks (category `blink.user_timing`) to cut it into windows. Times in ms.
 */
export function mainThreadTasks(traceBuffer, firstMark) {
  const { traceEvents } = JSON.parse(traceBuffer.toString('utf8'));
  const marks = {};
  let thread = null;
  for (const event of traceEvents) {
    if (event.cat?.includes('blink.user_timing') && event.name.startsWith('bench-')) {
      marks[event.name] ??= event.ts / 1000;
      if (event.name === firstMark) thread = { pid: event.pid, tid: event.tid };
    }
  }
  if (!thread) throw new Error(`trace has no "${firstMark}" mark`);
  const tasks = traceEvents
    .filter((e) => e.ph === 'X' && e.pid === thread.pid && e.tid === thread.tid && e.cat === 'toplevel' && e.name.includes('RunTask'))
    // `dur` is wall time; `tdur` is the thread's CPU time. On a busy machine the OS deschedules the
    // renderer mid-task and wall time balloons (a 6 ms task can read 100 ms): CPU time is what the
    // widget itself cost.
    .map((e) => ({ start: e.ts / 1000, duration: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? e.dur ?? 0) / 1000 }))
    .sort((a, b) => a.start - b.start);
  // Nested run loops report a task inside a task: count the outer one only.
  const outer = [];
  for (const task of tasks) {
    const last = outer[outer.length - 1];
    if (last && task.start < last.start + last.duration) continue;
    outer.push(task);
  }
  return { marks, tasks: outer };
}

/**
 * Busy time (ms) of `tasks` inside [from, to), clipping tasks that straddle an edge: wall time, or
 * with `cpu` the tasks' CPU time (a clipped task counts its CPU time pro rata).
 */
export function busyBetween(tasks, from, to, { cpu = false } = {}) {
  let busy = 0;
  for (const task of tasks) {
    const start = Math.max(task.start, from);
    const end = Math.min(task.start + task.duration, to);
    if (end <= start) continue;
    busy += cpu ? (task.duration > 0 ? task.cpu * ((end - start) / task.duration) : 0) : end - start;
  }
  return busy;
}

/** Longest task and count over 50 ms, by wall time and by CPU time. */
export function taskStats(tasks) {
  return {
    longestTaskMs: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
    tasksOver50: tasks.filter((t) => t.duration > 50).length,
    longestTaskCpuMs: tasks.reduce((m, t) => Math.max(m, t.cpu), 0),
    tasksOver50Cpu: tasks.filter((t) => t.cpu > 50).length,
  };
}
