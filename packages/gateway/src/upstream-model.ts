import { createClient, type ChatEvent, type ChatMessage } from '@parley/client';
import type { ChatModel } from './chat-model.js';
import type { KnowledgeIndex } from './knowledge-index.js';
import { passageCitation } from './passage-citation.js';

export interface UpstreamOptions {
  /** An OpenAI-compatible chat-completions endpoint (vLLM, SGLang, Ollama, DeepSeek, LiteLLM…). */
  url: string;
  /** The upstream model name; when unset, the model the request names. */
  model?: string;
  /** Sent as `Authorization: Bearer <key>`; never forwarded from the gateway's own callers. */
  key?: string;
  /** Tests inject it; defaults to the global fetch. */
  fetch?: typeof globalThis.fetch;
}

/** Passages the model is given, at most. */
const maxPassages = 4;

function lastUserText(messages: ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === 'user') return messages[i]?.content ?? '';
  return '';
}

/**
 * Forwards to an OpenAI-compatible server through `@parley/client`: retrieves the passages the
 * user may see, gives them to the model as a system message with numbered sources, adds their
 * citations to the stream, and passes the page's tools through. The stream that comes back is
 * already ChatEvents, so the gateway can answer in either protocol.
 */
export function createUpstreamModel(index: KnowledgeIndex, upstream: UpstreamOptions): ChatModel {
  return async function* upstreamModel(request, signal) {
    const question = lastUserText(request.messages);
    const hits = question ? index.search(question, request.identity, { limit: maxPassages }) : [];
    const top = hits[0]?.score ?? 0;
    const passages = hits.filter((hit) => hit.score >= top * 0.5);
    const citations = passages.map((hit, i) => passageCitation(i + 1, hit, hit.text));

    let messages = request.messages;
    if (passages.length > 0) {
      const sources = passages.map((hit, i) => `[${i + 1}] ${hit.title} › ${hit.heading} (${hit.source})\n${hit.text}`).join('\n\n');
      const system: ChatMessage = {
        role: 'system',
        content:
          'Answer from the company documents below when they are relevant, and cite them with their [n] markers. ' +
          "If they do not answer the question, say so rather than guessing.\n\n" +
          sources,
      };
      let at = 0;
      while (at < messages.length && messages[at]?.role === 'system') at++;
      messages = [...messages.slice(0, at), system, ...messages.slice(at)];
    }

    const model = upstream.model ?? request.model;
    const signedIn = request.identity.user !== 'anonymous';
    const client = createClient({
      url: upstream.url,
      protocol: 'openai',
      ...(model ? { model } : {}),
      ...(upstream.key ? { headers: { authorization: `Bearer ${upstream.key}` } } : {}),
      ...(upstream.fetch ? { fetch: upstream.fetch } : {}),
      // OpenAI's `user` field: lets the upstream attribute usage and abuse to the verified user.
      ...(signedIn ? { body: { user: request.identity.tenant ? `${request.identity.tenant}:${request.identity.user}` : request.identity.user } } : {}),
    });
    const stream = client.stream({
      messages,
      signal,
      ...(request.tools.length > 0 ? { tools: request.tools } : {}),
      ...(request.context ? { context: request.context } : {}),
    });

    const citationEvents: ChatEvent[] = citations.map((citation) => ({ type: 'citation', citation }));
    let cited = false;
    for await (const event of stream) {
      if (!cited) {
        cited = true;
        if (event.type === 'start') {
          yield event;
          yield* citationEvents;
          continue;
        }
        yield { type: 'start', ...(model ? { model } : {}) };
        yield* citationEvents;
      }
      yield event;
    }
  };
}
