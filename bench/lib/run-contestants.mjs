import { launchBrowser, openPage } from './browser-session.mjs';

/**
 * The loop both browser parts share. `contestants`: name -> { file, module, tag, runs } (see
 * openPage); a slow peer may get fewer runs. Runs interleave (A, B, A, B, …) so machine noise hits
 * all alike, each in a fresh page. `measure({ name, page, context, browser, errors })` returns
 * one run's figures; `describe(result)` says them in the progress log. Resolves with name ->
 * the runs (a failed run is `{ error, errors }`).
 */
export async function runContestants({ part, contestants, measure, describe, log = () => {} }) {
  const browser = await launchBrowser();
  const raw = Object.fromEntries(Object.keys(contestants).map((name) => [name, []]));
  try {
    const rounds = Math.max(...Object.values(contestants).map((c) => c.runs));
    for (let run = 0; run < rounds; run++) {
      for (const [name, widget] of Object.entries(contestants)) {
        if (run >= widget.runs) continue;
        const started = Date.now();
        const { page, context, errors } = await openPage(browser, widget);
        const label = `  ${part} ${name} run ${run + 1}/${widget.runs}`;
        try {
          const result = { ...(await measure({ name, page, context, browser })), errors };
          raw[name].push(result);
          log(`${label}: ${describe(result)} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
        } catch (error) {
          raw[name].push({ error: String(error?.message ?? error), errors });
          log(`${label}: FAILED ${String(error?.message ?? error).split('\n')[0]}`);
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
  return raw;
}
