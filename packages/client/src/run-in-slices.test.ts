import { describe, expect, it } from 'vitest';
import { runInSlices } from './run-in-slices.js';

function* countTo(steps: number, log: number[]): Generator<void, string, void> {
  for (let step = 0; step < steps; step++) {
    log.push(step);
    yield;
  }
  return 'done';
}

describe('runInSlices', () => {
  it('finishes at once when the work fits in the steps allowed now', () => {
    expect(runInSlices(countTo(5, []), 10)).toEqual({ value: 'done' });
  });

  it('does the allowed steps now and the rest in later tasks, every step once and in order', async () => {
    const log: number[] = [];
    const result = runInSlices(countTo(500, log), 10);
    expect(result).toBeInstanceOf(Promise);
    expect(log).toEqual(Array.from({ length: 10 }, (_, i) => i));
    await expect(result).resolves.toBe('done');
    expect(log).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it('rejects with what the work threw in a later slice', async () => {
    function* failing(): Generator<void, never, void> {
      for (let step = 0; step < 20; step++) yield;
      throw new Error('broken step');
    }
    const result = runInSlices(failing(), 10);
    await expect(result).rejects.toThrow('broken step');
  });
});
