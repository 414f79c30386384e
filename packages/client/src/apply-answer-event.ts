import type { ChatEvent, Usage } from './chat-event.js';
import type { MessagePartOf } from './conversation-message.js';
import type { MessageDraft } from './conversation-store.js';

/** The events that change an answer's parts; `finish`, `error` and `tool-call` steer the turn instead. */
export type AnswerEvent = Exclude<ChatEvent, { type: 'finish' | 'error' | 'tool-call' }>;

/** What the event changes besides the message: the turn's usage so far and whether a reasoning part is open. */
export interface AnswerTurn {
  usageBase: Usage | undefined;
  reasoningOpen: boolean;
}

function addUsage(base: Usage | undefined, usage: Usage): Usage {
  if (!base) return { ...usage };
  const sum: Usage = { inputTokens: base.inputTokens + usage.inputTokens, outputTokens: base.outputTokens + usage.outputTokens };
  if (base.reasoningTokens !== undefined || usage.reasoningTokens !== undefined) sum.reasoningTokens = (base.reasoningTokens ?? 0) + (usage.reasoningTokens ?? 0);
  return sum;
}

/**
 * Writes one streamed event into the answer being drafted. `start` is the index of the current
 * model call's first part (`stepStarts`): text and reasoning extend only parts of that call.
 * Loaded with the first answer's events, not at start (`createConversation`).
 */
export function applyAnswerEvent<Turn extends AnswerTurn>(
  draft: MessageDraft,
  event: AnswerEvent,
  turn: Turn,
  start: number,
  now: () => number,
  closeReasoning: (turn: Turn, draft: MessageDraft) => void,
): void {
  const { parts, message } = draft;
  const last = parts.length - 1;
  const lastInStep = last >= start ? parts[last] : undefined;
  switch (event.type) {
    case 'start':
      if (event.model) message.model = event.model;
      return;
    case 'text-delta':
      closeReasoning(turn, draft);
      if (event.replace) {
        // Moderation replaced the answer: what it removed must not survive in any part.
        draft.parts.splice(start, parts.length - start, ...parts.slice(start).filter((part) => part.type !== 'text'));
        draft.push({ type: 'text', text: event.delta });
      } else if (lastInStep?.type === 'text') draft.part<MessagePartOf<'text'>>(last).text += event.delta;
      else draft.push({ type: 'text', text: event.delta });
      return;
    case 'reasoning-delta':
      if (lastInStep?.type === 'reasoning' && lastInStep.endedAt === undefined) draft.part<MessagePartOf<'reasoning'>>(last).text += event.delta;
      else {
        draft.push({ type: 'reasoning', text: event.delta, startedAt: now() });
        turn.reasoningOpen = true;
      }
      return;
    case 'citation': {
      const { citation } = event;
      const index = parts.findIndex((part) => part.type === 'citation' && part.citation.id === citation.id);
      if (index < 0) return draft.push({ type: 'citation', citation });
      const known = (parts[index] as MessagePartOf<'citation'>).citation;
      const merged = { ...known, ...citation };
      if (Object.keys(merged).some((key) => merged[key] !== known[key])) draft.part<MessagePartOf<'citation'>>(index).citation = merged;
      return;
    }
    case 'status': {
      const index = parts.findIndex((part) => part.type === 'status' && part.status.id === event.status.id);
      if (index < 0) draft.push({ type: 'status', status: event.status });
      else draft.part<MessagePartOf<'status'>>(index).status = event.status;
      return;
    }
    case 'data':
      return draft.push({ type: 'data', name: event.name, data: event.data });
    case 'usage':
      message.usage = addUsage(turn.usageBase, event.usage);
      return;
  }
}
