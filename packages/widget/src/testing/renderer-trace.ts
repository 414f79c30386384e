import { cdp } from 'vitest/browser';

/** A `devtools.timeline` trace event: what ran on a renderer thread, and when (µs). */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  args?: { beginData?: { frame?: string; dirtyObjects?: number }; data?: { frame?: string } };
}

/** The frame a trace event belongs to (Chromium's frame id, see test-frame.ts), where it says. */
export const frameOf = (event: TraceEvent): string | undefined => event.args?.data?.frame ?? event.args?.beginData?.frame;

/** What Chromium's renderers did while `run` ran: the trace DevTools' Performance panel records. */
export async function traced(run: () => Promise<void>): Promise<TraceEvent[]> {
  const session = cdp();
  const events: TraceEvent[] = [];
  // Typed by vitest as string maps: the events hold numbers (`ts`, `dur`) and objects (`args`) too.
  const collect = ({ value }: { value: object[] }): void => void events.push(...(value as TraceEvent[]));
  session.on('Tracing.dataCollected', collect);
  await session.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
  try {
    await run();
  } finally {
    // `on` and `off`, not `once`: vitest's `once` removes the listener twice, and the second
    // removal throws in its server.
    let done!: () => void;
    const complete = new Promise<void>((resolve) => (done = resolve));
    session.on('Tracing.tracingComplete', done);
    await session.send('Tracing.end');
    await complete;
    session.off('Tracing.tracingComplete', done);
    session.off('Tracing.dataCollected', collect);
  }
  return events;
}
