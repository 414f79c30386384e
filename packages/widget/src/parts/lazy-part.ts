/**
 * A renderer only some answers need (action cards, source cards, the feedback comment form), or
 * none before the first message (the transcript views with `<parley-markdown>`), kept out of the code every page loads at
 * start: the first answer that needs it imports it
 * (rollup and an app's bundler make it a chunk of its own), and every element that asked for it
 * renders again once it is in — or once it failed, to say so.
 */
export class LazyPart<T> {
  private module: T | undefined;
  private failed = false;
  private loading = false;
  private readonly waiting = new Set<() => void>();

  constructor(private readonly load: () => Promise<T>) {}

  /**
   * `{ module }` once loaded; until then `{ failed }`, and `changed` runs once when the import
   * settles. The first call starts the import; a failure is not retried until `retry()` or
   * `preload()`.
   */
  get(changed: () => void): { module: T } | { module?: undefined; failed: boolean } {
    if (this.module) return { module: this.module };
    // Also after a failure: whoever asked renders again when a later attempt brings it.
    this.waiting.add(changed);
    if (!this.failed) this.start();
    return { failed: this.failed };
  }

  /**
   * Starts the import before a render asks for it, and again after a failed one: a new attempt
   * of the person (a send, Retry) may find the network back. Renders never retry by themselves,
   * so a missing chunk is not fetched once per streaming frame.
   */
  preload(changed: () => void): ReturnType<LazyPart<T>['get']> {
    this.failed = false;
    return this.get(changed);
  }

  /** After a failed import (a dropped connection), asks again; `changed` runs when it settles. */
  retry(changed: () => void): void {
    this.preload(changed);
    changed();
  }

  private start(): void {
    if (this.loading) return;
    this.loading = true;
    this.load().then(
      (module) => this.settle(module),
      (error: unknown) => {
        console.error('<parley-chat>: a part of the answer could not be loaded (serve every chunk next to the script).', error);
        this.settle(undefined);
      },
    );
  }

  private settle(module: T | undefined): void {
    this.module = module;
    this.failed = module === undefined;
    this.loading = false;
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const changed of waiting) changed();
  }
}

