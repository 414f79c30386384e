/**
 * Runs `steps` (a generator that yields between small units of work) without one long task:
 * up to `stepsNow` steps at once, and if it is not done by then, the rest in slices of about
 * `sliceMs` each, one task apart (a frame can be drawn, input handled, in between).
 *
 * Returns `{ value }` when it finished within `stepsNow` steps, else a promise of the value: how
 * much is done at once depends on the count only, never on how fast the machine is.
 */
export function runInSlices<T>(steps: Generator<void, T, void>, stepsNow: number, sliceMs = 4): { value: T } | Promise<T> {
  for (let taken = 0; taken < stepsNow; taken++) {
    const step = steps.next();
    if (step.done) return { value: step.value };
  }
  const clock = globalThis.performance ?? Date;
  return new Promise<T>((resolve, reject) => {
    const slice = (): void => {
      try {
        const end = clock.now() + sliceMs;
        do {
          const step = steps.next();
          if (step.done) return resolve(step.value);
        } while (clock.now() < end);
        setTimeout(slice, 0);
      } catch (error) {
        reject(error);
      }
    };
    setTimeout(slice, 0);
  });
}
