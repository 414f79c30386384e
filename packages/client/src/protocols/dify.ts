import type { Citation, StatusStep } from '../chat-event.js';
import type { AdapterRequest, FrameDecoder, ProtocolAdapter } from '../protocol-adapter.js';
import { ThinkTagSplitter } from './think-tag-splitter.js';

/**
 * Dify chat apps (`POST /v1/chat-messages`, `response_mode: "streaming"`): chatbot, agent and
 * chatflow apps.
 *
 * Request: `{ query, inputs, response_mode: "streaming", user, conversation_id? }`. Dify keeps
 * the history itself, so only the last user message is sent as `query`; pass the rest through
 * `createClient({ body })`, which is merged into this body:
 *   `body: { user: currentUser.id, conversation_id: saved, inputs: { department: 'sales' } }`.
 * The first answer of a new conversation tells its id in a `data` event named
 * `dify-conversation` (`{ conversationId }`); keep it and send it as `conversation_id` next time.
 *
 * Response: SSE without `event:` lines; the type is inside the JSON (`data: {"event":"message",…}`).
 * There is no `[DONE]`: `message_end` is the last event and the body then simply ends.
 */
export function dify(): ProtocolAdapter {
  return { name: 'dify', framing: 'sse', request: buildRequest, decoder: createDecoder };
}

/** Dify requires a `user`; a fixed one until the app passes its own through `body`. */
const defaultUser = 'parley';

function buildRequest(request: AdapterRequest) {
  // A reverse loop rather than `findLast`: the script-tag build runs on Chromium 80.
  let query = '';
  for (let index = request.messages.length - 1; index >= 0; index -= 1) {
    const message = request.messages[index]!;
    if (message.role === 'user') {
      query = message.content;
      break;
    }
  }
  return { body: { query, inputs: {}, response_mode: 'streaming', user: defaultUser } };
}

// The wire is untrusted JSON: read it through loose records rather than trusting a shape.
type Json = Record<string, any>;

function createDecoder(): FrameDecoder {
  let started = false;
  let ended = false;
  /** Agent thoughts are resent whole as they grow; what was already shown, by thought id. */
  const thoughts = new Map<string, string>();
  let reasoned = false;
  let moderated = false;
  /** The answer text so far, to tell a thought that only repeats it. */
  let answer = '';
  // Dify's model plugins put a reasoning model's reasoning into the answer as "<think>\n…\n</think>"
  // (`_wrap_thinking_by_reasoning_content`), which Dify's own UI folds away.
  let content = new ThinkTagSplitter();

  return {
    frame(frame, emit) {
      // Dify writes ASCII-only JSON: CJK is `\uXXXX` and an emoji a surrogate pair, which
      // JSON.parse joins back into one character.
      const data: Json = JSON.parse(frame.data);
      if (!started && data.message_id !== undefined) {
        started = true;
        emit({ type: 'start', messageId: String(data.message_id) });
        if (data.conversation_id) emit({ type: 'data', name: 'dify-conversation', data: { conversationId: data.conversation_id } });
      }
      const type = data.event ?? frame.event;
      switch (type) {
        case 'message':
        case 'agent_message':
          if (data.answer) {
            answer += data.answer;
            content.push(String(data.answer), emit);
          }
          return;
        case 'message_replace':
          // Output moderation swapped the answer: all text so far is replaced, not extended, and
          // the answer finishes as `content-filter`.
          // A flag on `text-delta` (rather than a `data` event) so every text consumer sees it:
          // one that ignored a side event would keep showing exactly the text moderation removed.
          answer = String(data.answer ?? '');
          content = new ThinkTagSplitter();
          emit({ type: 'text-delta', delta: answer, replace: true });
          moderated = true;
          return;
        case 'agent_thought': {
          // Each `agent_thought` carries the whole thought so far for its id, so only the new tail
          // is emitted; a tool call in the thought shows as a progress step.
          const id = String(data.id ?? data.position ?? '');
          const thought = String(data.thought ?? '');
          const shown = thoughts.get(id);
          // A new thought (or one rewritten rather than extended) starts a paragraph of its own.
          let delta = '';
          // The function-calling and ReAct agents stream their text as `agent_message`, then save
          // that same text as the thought: it is the answer already shown, not reasoning as well.
          // (Thinking that never reached the answer, as newer agent apps send it, is still shown.)
          const repeatsAnswer = thought.trim() !== '' && answer.includes(thought.trim());
          if (repeatsAnswer) delta = '';
          else if (shown !== undefined && thought.startsWith(shown)) delta = thought.slice(shown.length);
          else if (thought !== '') delta = reasoned ? `\n\n${thought}` : thought;
          if (delta !== '') {
            reasoned = true;
            emit({ type: 'reasoning-delta', delta });
          }
          thoughts.set(id, thought);
          if (data.tool) {
            const step: StatusStep = { id, label: String(data.tool), state: data.observation ? 'done' : 'running' };
            if (data.tool_input) step.detail = String(data.tool_input);
            emit({ type: 'status', status: step });
          }
          return;
        }
        case 'message_file':
          emit({ type: 'data', name: 'file', data: { id: data.id, type: data.type, url: data.url, belongsTo: data.belongs_to } });
          return;
        // Chatflow progress: one step per node, updated in place by its node id.
        case 'workflow_started':
          emit({ type: 'status', status: { id: String(data.workflow_run_id ?? data.data?.id), label: 'Workflow', state: 'running' } });
          return;
        case 'node_started':
        case 'iteration_started':
        case 'loop_started':
        case 'node_finished':
        case 'iteration_completed':
        case 'loop_completed': {
          const node: Json = data.data ?? {};
          const step: StatusStep = { id: String(node.node_id ?? node.id), label: String(node.title ?? node.node_type ?? 'step'), state: 'running' };
          if (!String(type).endsWith('_started')) {
            // `exception` = failed but continued on the node's error branch; still a failure to show.
            step.state = node.error || (node.status !== undefined && node.status !== 'succeeded') ? 'error' : 'done';
            if (node.error) step.detail = String(node.error);
          }
          emit({ type: 'status', status: step });
          return;
        }
        case 'workflow_finished': {
          const run: Json = data.data ?? {};
          const step: StatusStep = { id: String(data.workflow_run_id ?? run.id), label: 'Workflow', state: run.status === 'succeeded' ? 'done' : 'error' };
          if (run.error) step.detail = String(run.error);
          emit({ type: 'status', status: step });
          return;
        }
        case 'message_end': {
          content.end(emit);
          // The only place citations come: the knowledge-base passages the answer used.
          const metadata: Json = data.metadata ?? {};
          for (const resource of (metadata.retriever_resources ?? []) as Json[]) emit({ type: 'citation', citation: toCitation(resource) });
          const usage: Json | undefined = metadata.usage;
          if (usage) emit({ type: 'usage', usage: { inputTokens: usage.prompt_tokens ?? 0, outputTokens: usage.completion_tokens ?? 0 } });
          // Not 'done' yet: chatflow apps may still report `workflow_finished` before the body ends.
          ended = true;
          return;
        }
        case 'error':
          // `{event:"error",status,code,message}` ends the stream; the code is Dify's own.
          content.end(emit);
          emit({
            type: 'error',
            error: { code: String(data.code ?? 'error'), message: String(data.message ?? data.code ?? 'Dify error'), ...(typeof data.status === 'number' ? { status: data.status } : {}) },
          });
          return 'done';
        // `ping` (its SSE form has no data and never arrives here), tts_message and future events.
        default:
          return;
      }
    },
    end(emit) {
      content.end(emit);
      // The end of the body is the end marker, but only after `message_end`: a body cut before it
      // is a truncated answer, which the client reports.
      if (ended) emit({ type: 'finish', reason: moderated ? 'content-filter' : 'stop' });
    },
  };
}

/** One `retriever_resources` entry (a knowledge-base segment) → Citation. */
function toCitation(resource: Json): Citation {
  const citation: Citation = { id: String(resource.position ?? resource.segment_id ?? resource.document_id) };
  if (resource.document_name) citation.title = resource.document_name;
  if (resource.dataset_name) citation.source = resource.dataset_name;
  if (resource.content) citation.snippet = resource.content;
  if (typeof resource.page === 'number') citation.page = resource.page;
  citation.meta = {
    datasetId: resource.dataset_id,
    documentId: resource.document_id,
    segmentId: resource.segment_id,
    score: resource.score,
  };
  return citation;
}
