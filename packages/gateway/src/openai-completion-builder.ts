import type { ChatEvent, Citation, Usage } from '@parley/client';
import { citationFields, finishReasons, usageJson, type OpenAIChunkEncoderOptions } from './openai-chunk-encoder.js';

type Json = Record<string, unknown>;

/** Collects a whole answer for `stream: false`. */
export class OpenAICompletionBuilder {
  #text = '';
  #reasoning = '';
  #finish: string = 'stop';
  #usage: Usage | undefined;
  #error: { code: string; message: string } | undefined;
  readonly #citations: Citation[] = [];
  readonly #toolCalls: Json[] = [];

  add(event: ChatEvent): void {
    if (event.type === 'text-delta') this.#text += event.delta;
    else if (event.type === 'reasoning-delta') this.#reasoning += event.delta;
    else if (event.type === 'citation') this.#citations.push(event.citation);
    else if (event.type === 'usage') this.#usage = event.usage;
    else if (event.type === 'finish') this.#finish = finishReasons[event.reason];
    else if (event.type === 'error') this.#error = event.error;
    else if (event.type === 'tool-call') {
      this.#toolCalls.push({
        id: event.toolCall.id,
        type: 'function',
        function: { name: event.toolCall.name, arguments: typeof event.toolCall.args === 'string' ? event.toolCall.args : JSON.stringify(event.toolCall.args ?? {}) },
      });
    }
  }

  get error(): { code: string; message: string } | undefined {
    return this.#error;
  }

  build(options: Omit<OpenAIChunkEncoderOptions, 'includeUsage'>): Json {
    return {
      id: options.id,
      object: 'chat.completion',
      created: options.created,
      model: options.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: this.#toolCalls.length > 0 && this.#text === '' ? null : this.#text,
            ...(this.#reasoning ? { reasoning_content: this.#reasoning } : {}),
            ...(this.#toolCalls.length > 0 ? { tool_calls: this.#toolCalls } : {}),
          },
          logprobs: null,
          finish_reason: this.#finish,
        },
      ],
      ...(this.#usage ? { usage: usageJson(this.#usage) } : {}),
      ...citationFields(this.#citations),
    };
  }
}
