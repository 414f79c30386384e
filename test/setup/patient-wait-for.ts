import { vi } from 'vitest';

// `vi.waitFor` gives up after 1 s by default. On a loaded 2-core CI machine a browser can take
// longer than that to stream and render; a wait still fails when the condition never comes true,
// only later. An explicit timeout in a test still wins.
const waitFor = vi.waitFor.bind(vi);
vi.waitFor = ((callback, options) =>
  waitFor(callback, typeof options === 'number' ? options : { timeout: 10_000, ...options })) as typeof vi.waitFor;
