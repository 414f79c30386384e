import type { Emit } from '../protocol-adapter.js';

const openTag = '<think>';
const closeTag = '</think>';

/**
 * Splits the `<think>…</think>` block a model writes at the start of its text (a server without a
 * reasoning parser) into reasoning and answer, with the tags cut anywhere across chunks. Only a
 * `<think>` before any other text opens reasoning; a `</think>` later in the answer stays text.
 */
export class ThinkTagSplitter {
  private mode: 'start' | 'think' | 'text' = 'start';
  /** Held back: leading whitespace, or what may be the start of a tag. */
  private pending = '';
  private trim = false;
  /**
   * The reasoning emitted on the guess that the prompt opened `<think>`; `undefined` without a
   * guess, and again once a `</think>` confirms it.
   */
  guessed: string[] | undefined;

  /**
   * @param opensInPrompt asked at the first text that is not `<think>`: true when the model's chat
   * template opens `<think>` inside the prompt, so that the text up to a lone `</think>` is
   * reasoning (the openai adapter guesses it from the model's name).
   */
  constructor(private readonly opensInPrompt?: () => boolean) {}

  push(text: string, emit: Emit): void {
    if (this.mode === 'text') {
      if (this.trim) {
        text = text.trimStart();
        if (text === '') return;
        this.trim = false;
      }
      emit({ type: 'text-delta', delta: text });
      return;
    }
    this.pending += text;
    if (this.mode === 'start') {
      const head = this.pending.trimStart();
      // Whitespace or the beginning of `<think>` so far: wait for more.
      if (head === '' || (head.length < openTag.length && openTag.startsWith(head))) return;
      if (head.startsWith(openTag)) this.pending = head.slice(openTag.length);
      else if (this.opensInPrompt?.()) this.guessed = [];
      else {
        const all = this.pending;
        this.mode = 'text';
        this.pending = '';
        emit({ type: 'text-delta', delta: all });
        return;
      }
      this.mode = 'think';
      this.trim = true;
    }
    // Think mode: everything up to `</think>` is reasoning.
    const close = this.pending.indexOf(closeTag);
    if (close !== -1) {
      const rest = this.pending.slice(close + closeTag.length);
      this.reasoning(this.pending.slice(0, close), emit);
      this.guessed = undefined;
      this.pending = '';
      this.mode = 'text';
      this.trim = true;
      if (rest !== '') this.push(rest, emit);
      return;
    }
    // Keep what may be the beginning of `</think>` until the next chunk says.
    let keep = Math.min(closeTag.length - 1, this.pending.length);
    while (keep > 0 && !this.pending.endsWith(closeTag.slice(0, keep))) keep--;
    this.reasoning(this.pending.slice(0, this.pending.length - keep), emit);
    this.pending = this.pending.slice(this.pending.length - keep);
  }

  /** The text ended: what was held back is flushed as what it turned out to be. */
  end(emit: Emit): void {
    const rest = this.pending;
    this.pending = '';
    if (this.mode === 'think') this.reasoning(rest, emit);
    else if (rest.trim() !== '') emit({ type: 'text-delta', delta: rest });
  }

  private reasoning(text: string, emit: Emit): void {
    if (this.trim) {
      text = text.trimStart();
      if (text !== '') this.trim = false;
    }
    if (text === '') return;
    this.guessed?.push(text);
    emit({ type: 'reasoning-delta', delta: text });
  }
}
