import { chatEventSchema } from '../chat-event.js';
import type { AdapterRequest, ProtocolAdapter } from '../protocol-adapter.js';

/** The native request body: the client's own shapes, as they are. */
export function parleyRequestBody(request: AdapterRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { messages: request.messages };
  if (request.model !== undefined) body.model = request.model;
  if (request.tools !== undefined && request.tools.length > 0) body.tools = request.tools;
  if (request.context !== undefined) body.context = request.context;
  return body;
}

/**
 * Parley's native protocol: POST `{ model, messages, tools, context }` as JSON; the response is
 * SSE with one ChatEvent per `data:` line, ending with `finish`. Every event is validated, since
 * it crosses a trust boundary; one that does not fit ends the stream with `bad_response`.
 */
export function parley(): ProtocolAdapter {
  return {
    name: 'parley',
    framing: 'sse',
    acceptsContext: true,
    // A gateway that numbers its events (`<answer>:<n>`) goes on after `Last-Event-ID`; one without ids is never asked.
    resumable: true,
    request: (request) => ({ body: parleyRequestBody(request) }),
    decoder: () => ({
      frame(frame, emit) {
        // Not part of the protocol, but gateways built on OpenAI tooling append it out of habit.
        if (frame.data === '[DONE]') return 'done';
        const parsed = chatEventSchema.safeParse(JSON.parse(frame.data));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
          throw new Error(`not a ChatEvent${where}: ${issue?.message ?? 'invalid'} (${frame.data.slice(0, 120)})`);
        }
        emit(parsed.data);
        return parsed.data.type === 'finish' ? 'done' : undefined;
      },
      end() {
        // Nothing is held between frames; a stream without `finish` is reported as cut off by the client.
      },
    }),
  };
}
