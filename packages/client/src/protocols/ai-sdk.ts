import type { ChatEventOf, FinishReason } from '../chat-event.js';
import type { AdapterRequest, Emit, FrameDecoder, ProtocolAdapter } from '../protocol-adapter.js';
import { parseToolArguments } from './parse-tool-arguments.js';

/**
 * Vercel AI SDK (v5+) UI message stream, what `result.toUIMessageStreamResponse()` serves, and
 * AI SDK 4's data stream (`toDataStreamResponse()`), one `<type>:<json>` part per line.
 *
 * Request: `{ messages: UIMessage[] }` (`{id, role, parts}`), the body `useChat` posts.
 * Response: SSE, `data: {json part}` with no `event:` line, ending with `data: [DONE]`.
 */
export function aiSdk(): ProtocolAdapter {
  return { name: 'ai-sdk', framing: 'sse', request: buildRequest, decoder: createDecoder };
}

function buildRequest(request: AdapterRequest) {
  const messages: { id: string; role: string; parts: Record<string, unknown>[] }[] = [];
  const toolNames = new Map<string, string>();
  request.messages.forEach((message, index) => {
    const id = `m${index}`;
    if (message.role === 'tool') {
      // A tool result belongs to the assistant message that made the call: the UI message format
      // stores it on that call's part (`state: "output-available"`), not as a message of its own.
      const callId = message.toolCallId ?? '';
      const part = findToolPart(messages, callId);
      const output = parseOutput(message.content);
      if (part) Object.assign(part, { state: 'output-available', output });
      else messages.push({ id, role: 'assistant', parts: [{ type: `tool-${toolNames.get(callId) ?? 'unknown'}`, toolCallId: callId, state: 'output-available', input: {}, output }] });
      return;
    }
    const parts: Record<string, unknown>[] = message.content === '' ? [] : [{ type: 'text', text: message.content }];
    for (const call of message.toolCalls ?? []) {
      toolNames.set(call.id, call.name);
      parts.push({ type: `tool-${call.name}`, toolCallId: call.id, state: 'input-available', input: call.args });
    }
    messages.push({ id, role: message.role, parts });
  });
  const body: Record<string, unknown> = { messages };
  // UI message streams pick model and tools on the server; they are sent for servers that read them.
  if (request.model) body.model = request.model;
  if (request.tools?.length) body.tools = request.tools;
  return { body };
}

/** Tool results are usually JSON; anything else is passed on as the text it is. */
function parseOutput(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

function findToolPart(messages: { parts: Record<string, unknown>[] }[], toolCallId: string) {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const part = messages[index]!.parts.find((candidate) => candidate.toolCallId === toolCallId);
    if (part) return part;
  }
  return undefined;
}

const finishReasons: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  'content-filter': 'content-filter',
  'tool-calls': 'tool-calls',
  error: 'error',
};

/**
 * Text (or reasoning) blocks are keyed by id and may interleave. The oldest unfinished block
 * streams live; deltas of blocks opened later wait until it ends, so the joined text keeps
 * block order instead of mixing two blocks' words.
 */
class BlockOrder {
  /** Blocks in opening order; the first one is live. */
  private readonly order: string[] = [];
  private readonly buffers = new Map<string, string[]>();
  private readonly ended = new Set<string>();

  constructor(private readonly emitDelta: (delta: string) => void) {}

  start(id: string) {
    if (this.buffers.has(id)) return;
    this.order.push(id);
    this.buffers.set(id, []);
  }

  delta(id: string, delta: string) {
    this.start(id); // lenient servers send deltas without `*-start`
    if (id === this.order[0]) this.emitDelta(delta);
    else this.buffers.get(id)!.push(delta);
  }

  end(id: string) {
    if (!this.buffers.has(id)) return;
    this.ended.add(id);
    // Hand the stream on to the next block in opening order, flushing what it buffered.
    while (this.order.length > 0 && this.ended.has(this.order[0]!)) {
      const done = this.order.shift()!;
      this.buffers.delete(done);
      this.ended.delete(done);
      const next = this.order[0];
      const buffered = next === undefined ? undefined : this.buffers.get(next);
      if (buffered && buffered.length > 0) {
        this.emitDelta(buffered.join(''));
        buffered.length = 0;
      }
    }
  }

  /** The message ended: whatever is still buffered is flushed in order. */
  flush() {
    for (const buffered of this.buffers.values()) if (buffered.length > 0) this.emitDelta(buffered.join(''));
    this.order.length = 0;
    this.buffers.clear();
    this.ended.clear();
  }
}

interface PendingCall {
  name: string;
  pieces: string[];
  input?: unknown;
  hasInput: boolean;
}

// The wire is untrusted JSON: read it through loose records rather than trusting a shape.
type Json = Record<string, any>;

function createDecoder(): FrameDecoder {
  let emit: Emit = () => {};
  const text = new BlockOrder((delta) => emit({ type: 'text-delta', delta }));
  const reasoning = new BlockOrder((delta) => emit({ type: 'reasoning-delta', delta }));
  /** Tool calls in order of appearance, by `toolCallId`. */
  const calls = new Map<string, PendingCall>();
  let finished = false;
  /** An AI SDK 4 step started: later steps of the same message are no new start. */
  let stepped = false;

  function pendingCall(id: string, name: string | undefined): PendingCall {
    let call = calls.get(id);
    if (!call) calls.set(id, (call = { name: name ?? '', pieces: [], hasInput: false }));
    if (name) call.name = name;
    return call;
  }

  /**
   * A call's whole input: it is authoritative over the joined argument deltas. On AI SDK 5's
   * `tool-input-error` it is what the model sent (possibly a raw string), which the conversation
   * reports as invalid.
   */
  function wholeInput(id: string, name: string | undefined, input: unknown) {
    const call = pendingCall(id, name);
    call.input = input;
    call.hasInput = input !== undefined;
  }

  /**
   * Client-side tool calls are emitted together at the end of the message. A tool the server
   * executed itself also streams `tool-input-*` parts, but then sends `tool-output-available`:
   * those are shown as done steps and never handed to the client to run again.
   */
  function emitToolCalls() {
    for (const [id, call] of calls) {
      const args = call.hasInput ? call.input : parseToolArguments(call.pieces.join(''));
      emit({ type: 'tool-call', toolCall: { id, name: call.name, args } });
    }
    const count = calls.size;
    calls.clear();
    return count;
  }

  /**
   * This wire has no usage part; servers that report usage put the AI SDK's usage object
   * (`{inputTokens, outputTokens, reasoningTokens?}`) in `messageMetadata.usage` or `.totalUsage`.
   */
  function readUsage(metadata: Json | undefined) {
    const usage: Json | undefined = metadata?.usage ?? metadata?.totalUsage;
    if (typeof usage?.inputTokens !== 'number' || typeof usage.outputTokens !== 'number') return;
    const reasoningTokens = usage.reasoningTokens;
    emit({
      type: 'usage',
      usage: { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, ...(typeof reasoningTokens === 'number' ? { reasoningTokens } : {}) },
    });
  }

  /** A tool the server ran itself: a done (or failed) step, never a call for the client to run. */
  function serverRan(id: string, errorText: string | undefined) {
    const call = calls.get(id);
    calls.delete(id);
    const failed = errorText !== undefined;
    emit({ type: 'status', status: { id, label: call?.name ?? 'tool', state: failed ? 'error' : 'done', ...(errorText ? { detail: errorText } : {}) } });
  }

  /**
   * One part of AI SDK 4's data stream (`toDataStreamResponse()`), a line `<type>:<json>` with no
   * `[DONE]`: `f` step start, `0` text, `g` reasoning, `b`/`c`/`9` tool call start, argument
   * delta and whole call, `a` tool result, `h` source, `2` data, `3` error, `d` finish message
   * (always last). Step finishes, redacted reasoning, signatures, files and annotations show nothing.
   */
  function dataStreamPart(type: string, value: Json): void | 'done' {
    switch (type) {
      case 'f':
        if (!stepped) emit({ type: 'start', ...(value.messageId ? { messageId: String(value.messageId) } : {}) });
        stepped = true;
        return;
      case '0':
        emit({ type: 'text-delta', delta: String(value) });
        return;
      case 'g':
        emit({ type: 'reasoning-delta', delta: String(value) });
        return;
      case 'b':
        pendingCall(value.toolCallId, value.toolName);
        return;
      case 'c':
        pendingCall(value.toolCallId, undefined).pieces.push(value.argsTextDelta ?? '');
        return;
      case '9':
        wholeInput(value.toolCallId, value.toolName, value.args);
        return;
      case 'a':
        serverRan(value.toolCallId, undefined);
        return;
      case 'h':
        if (value.url) emit({ type: 'citation', citation: { id: String(value.id ?? value.url), url: value.url, ...(value.title ? { title: value.title } : {}) } });
        return;
      case '2':
        for (const data of Array.isArray(value) ? value : [value]) emit({ type: 'data', name: 'data', data });
        return;
      case '3':
        emit({ type: 'error', error: { code: 'server_error', message: String(value || 'The server reported an error') } });
        return 'done';
      case 'd': {
        const usage: Json | undefined = value.usage;
        if (typeof usage?.promptTokens === 'number' && typeof usage.completionTokens === 'number') {
          emit({ type: 'usage', usage: { inputTokens: usage.promptTokens, outputTokens: usage.completionTokens } });
        }
        finish(value.finishReason);
        return 'done';
      }
      default:
        return;
    }
  }

  function finish(reason: string | undefined) {
    if (finished) return;
    finished = true;
    text.flush();
    reasoning.flush();
    const toolCalls = emitToolCalls();
    const mapped = reason ? finishReasons[reason] : undefined;
    emit({ type: 'finish', reason: mapped ?? (toolCalls > 0 ? 'tool-calls' : 'stop') });
  }

  return {
    frame(frame, frameEmit) {
      emit = frameEmit;
      // `[DONE]` is the whole data value, never a JSON part.
      if (frame.data === '[DONE]') {
        finish(undefined);
        return 'done';
      }
      const dataStream = /^([0-9a-k]):/.exec(frame.data);
      if (dataStream) return dataStreamPart(dataStream[1]!, JSON.parse(frame.data.slice(2)));
      const part: Json = JSON.parse(frame.data);
      const type = String(part.type);
      switch (type) {
        case 'start': {
          const model = part.messageMetadata?.model;
          emit({ type: 'start', ...(part.messageId ? { messageId: part.messageId } : {}), ...(typeof model === 'string' ? { model } : {}) });
          readUsage(part.messageMetadata);
          return;
        }
        case 'message-metadata':
          readUsage(part.messageMetadata);
          return;
        case 'text-start':
          text.start(part.id);
          return;
        case 'text-delta':
          text.delta(part.id, part.delta ?? '');
          return;
        case 'text-end':
          text.end(part.id);
          return;
        case 'reasoning-start':
          reasoning.start(part.id);
          return;
        case 'reasoning-delta':
          reasoning.delta(part.id, part.delta ?? '');
          return;
        case 'reasoning-end':
          reasoning.end(part.id);
          return;
        case 'tool-input-start':
          pendingCall(part.toolCallId, part.toolName);
          return;
        case 'tool-input-delta':
          pendingCall(part.toolCallId, undefined).pieces.push(part.inputTextDelta ?? '');
          return;
        case 'tool-input-available':
        case 'tool-input-error':
          wholeInput(part.toolCallId, part.toolName, part.input);
          return;
        case 'tool-output-available':
        case 'tool-output-error':
          if (!part.preliminary) serverRan(part.toolCallId, type === 'tool-output-error' ? part.errorText ?? '' : undefined);
          return;
        case 'tool-approval-request':
        case 'tool-output-denied': {
          // A server tool that asks its own UI for approval (AI SDK 5's `needsApproval`), or was
          // refused it: not a call for the client to run. The approval goes back in the AI SDK's
          // message format, which this chat does not send, so the step says it did not run.
          const call = calls.get(part.toolCallId);
          calls.delete(part.toolCallId);
          const detail = type === 'tool-output-denied' ? 'Not approved.' : 'Needs an approval this chat cannot give; not run.';
          emit({ type: 'status', status: { id: part.toolCallId, label: call?.name ?? 'tool', state: 'error', detail } });
          return;
        }
        case 'source-url':
          emit({ type: 'citation', citation: { id: part.sourceId, url: part.url, ...(part.title ? { title: part.title } : {}) } });
          return;
        case 'source-document': {
          const citation: ChatEventOf<'citation'>['citation'] = { id: part.sourceId, title: part.title };
          if (part.filename) citation.source = part.filename;
          if (part.mediaType) citation.meta = { mediaType: part.mediaType };
          emit({ type: 'citation', citation });
          return;
        }
        case 'error':
          // `error{errorText}` has no code of its own.
          emit({ type: 'error', error: { code: 'server_error', message: String(part.errorText ?? 'The server reported an error') } });
          return 'done';
        case 'abort':
          // The server stopped the answer (its own abort signal fired).
          text.flush();
          reasoning.flush();
          emit({ type: 'finish', reason: 'abort' });
          finished = true;
          return 'done';
        case 'finish':
          readUsage(part.messageMetadata);
          finish(part.finishReason);
          return;
        default:
          // `data-<name>` parts carry app data for plug-ins; the name loses its `data-` prefix.
          if (type.startsWith('data-')) emit({ type: 'data', name: type.slice(5), data: part.data, ...(typeof part.id === 'string' ? { id: part.id } : {}) });
          // start-step, finish-step, file and future parts: nothing to show.
          return;
      }
    },
    end(endEmit) {
      emit = endEmit;
      // Some servers close after `finish` without `[DONE]`; blocks still buffered are flushed either way.
      text.flush();
      reasoning.flush();
    },
  };
}
