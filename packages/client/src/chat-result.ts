import type { ChatError, ChatEvent, Citation, FinishReason, ToolCall, Usage } from './chat-event.js';

/** Everything one answer amounted to. `stream.result` resolves with it and never rejects. */
export interface ChatResult {
  text: string;
  reasoning: string;
  citations: Citation[];
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: Usage | null;
  error: ChatError | null;
}

/**
 * Folds ChatEvents into a ChatResult. Deltas are kept as arrays and joined once at the end,
 * so a long answer of many small deltas costs linear, not quadratic, time.
 */
export class ChatResultBuilder {
  private text: string[] = [];
  private reasoning: string[] = [];
  private readonly citations: Citation[] = [];
  private readonly toolCalls: ToolCall[] = [];
  private usage: Usage | null = null;
  private error: ChatError | null = null;
  private finishReason: FinishReason = 'stop';

  add(event: ChatEvent): void {
    switch (event.type) {
      case 'text-delta':
        // Dify's message_replace (moderation swapped the answer), an R1-named model's answer that
        // was streamed as reasoning: the text and reasoning so far are gone.
        if (event.replace) {
          this.text = [];
          this.reasoning = [];
        }
        this.text.push(event.delta);
        break;
      case 'reasoning-delta':
        this.reasoning.push(event.delta);
        break;
      case 'citation':
        this.citations.push(event.citation);
        break;
      case 'tool-call':
        this.toolCalls.push(event.toolCall);
        break;
      case 'usage':
        // Gateways report cumulative usage (Anthropic, vLLM continuous stats): the last one is the total.
        this.usage = event.usage;
        break;
      case 'error':
        this.error ??= event.error;
        break;
      case 'finish':
        this.finishReason = event.reason;
        break;
      default:
        break;
    }
  }

  result(): ChatResult {
    return {
      text: this.text.join(''),
      reasoning: this.reasoning.join(''),
      citations: this.citations,
      toolCalls: this.toolCalls,
      finishReason: this.finishReason,
      usage: this.usage,
      error: this.error,
    };
  }
}
