import type { ActionRegistry, ArgsCheck, RegisteredAction } from './action-registry.js';
import type { ChatEvent, ToolCall, Usage } from './chat-event.js';
import type { MessagePartOf } from './conversation-message.js';
import type { MessageDraft } from './conversation-store.js';
import { reconnectStepId, retryStepId } from './retry-step.js';
import { renamedToolCallId } from './tool-call-id.js';

// The conversation's Web Lock comes with the answer code: a page streams only once it is in.
export { checkFollowed, holdWhile, movedOn, stopHolder, waitForHolder } from './page-lock.js';

/** The events that change an answer's parts; `finish`, `error` and `tool-call` steer the turn instead. */
export type AnswerEvent = Exclude<ChatEvent, { type: 'finish' | 'error' | 'tool-call' }>;

/** What the event changes besides the message: whether a reasoning part is open. */
export interface AnswerTurn {
  reasoningOpen: boolean;
}

function addUsage(base: Usage, usage: Usage): Usage {
  const sum: Usage = { inputTokens: base.inputTokens + usage.inputTokens, outputTokens: base.outputTokens + usage.outputTokens };
  if (base.reasoningTokens !== undefined || usage.reasoningTokens !== undefined) sum.reasoningTokens = (base.reasoningTokens ?? 0) + (usage.reasoningTokens ?? 0);
  return sum;
}

/** Ends the open reasoning part of the current model call at `at` (text or a tool call follows it). */
export function closeReasoning(draft: MessageDraft, turn: AnswerTurn, start: number, at: number): void {
  turn.reasoningOpen = false;
  for (let index = draft.parts.length - 1; index >= start; index--) {
    const part = draft.parts[index]!;
    if (part.type === 'reasoning' && part.endedAt === undefined) draft.part<MessagePartOf<'reasoning'>>(index).endedAt = at;
  }
}

/**
 * Writes one streamed event into the answer being drafted. `start` is the index of the current
 * model call's first part (`stepStarts`): text and reasoning extend only parts of that call.
 * Loaded with the first answer's events, not at start (`createConversation`).
 */
export function applyAnswerEvent(draft: MessageDraft, event: AnswerEvent, turn: AnswerTurn, start: number, now: () => number): void {
  const { parts, message } = draft;
  const last = parts.length - 1;
  const lastInStep = last >= start ? parts[last] : undefined;
  switch (event.type) {
    case 'start':
      if (event.model) message.model = event.model;
      return;
    case 'text-delta':
      if (turn.reasoningOpen) closeReasoning(draft, turn, start, now());
      if (event.replace) {
        // Moderation replaced the answer (or reasoning turned out to be the answer): what it
        // removed must not survive in any part of this model call.
        draft.parts.splice(start, parts.length - start, ...parts.slice(start).filter((part) => part.type !== 'text' && part.type !== 'reasoning'));
        draft.push({ type: 'text', text: event.delta });
      } else {
        // A citation arrives mid-sentence but shows in the sources list, not where it came: the
        // text goes on in the same part (a new part would be a new paragraph).
        let index = last;
        while (index >= start && parts[index]!.type === 'citation') index--;
        if (index >= start && parts[index]!.type === 'text') draft.part<MessagePartOf<'text'>>(index).text += event.delta;
        else draft.push({ type: 'text', text: event.delta });
      }
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
      // The client's wait before a retry is the request's state while it lasts, not a step of the answer.
      if ((event.status.id === retryStepId || event.status.id === reconnectStepId) && event.status.state !== 'running') {
        if (index >= 0) draft.parts.splice(index, 1);
      } else if (index < 0) draft.push({ type: 'status', status: event.status });
      else draft.part<MessagePartOf<'status'>>(index).status = event.status;
      return;
    }
    case 'data': {
      // A part with the same name and id replaces the earlier one (the AI SDK's `data-*` parts).
      const index = event.id === undefined ? -1 : parts.findIndex((part) => part.type === 'data' && part.name === event.name && part.id === event.id);
      if (index < 0) return draft.push({ ...event });
      draft.part<MessagePartOf<'data'>>(index).data = event.data;
      return;
    }
    case 'usage':
      // A report is the model call's usage so far: it adds to what the calls before it used, noted
      // at its first report (the call's start clears it) and kept beside `resumeAfter`, so that a
      // reload which takes the call up adds the next report to that too, and not to `usage`.
      message.usageBase ??= message.usage ?? { inputTokens: 0, outputTokens: 0 };
      message.usage = addUsage(message.usageBase, event.usage);
      return;
  }
}

/**
 * The part a proposed tool call becomes: an error (unknown action, invalid arguments), awaiting a
 * person, or running with `args`. `undefined` for a call already among `earlier` (the current
 * model call's): a gateway re-sending it, or a stream taken up again, must not ask or run it twice.
 * A re-send is the same call, name and arguments; a different call under an id already taken
 * (OpenAI-compatible servers whose tool parser gives every call of an answer one id) is a call of
 * its own, and gets an id of its own so that approve and reject can tell the two apart.
 */
export function proposedCall(toolCall: ToolCall, registry: ActionRegistry, earlier: ReadonlyArray<{ part: MessagePartOf<'tool-call'> }>): { part: MessagePartOf<'tool-call'>; args?: unknown } | undefined {
  const taken = (id: string) => earlier.some(({ part }) => part.toolCall.id === id);
  if (taken(toolCall.id)) {
    const same = JSON.stringify([toolCall.name, toolCall.args]);
    if (earlier.some(({ part }) => JSON.stringify([part.toolCall.name, part.toolCall.args]) === same)) return undefined;
    let id = toolCall.id;
    for (let n = 2; taken(id); n++) id = renamedToolCallId(toolCall.id, n);
    toolCall = { ...toolCall, id };
  }
  const registered = registry.get(toolCall.name);
  if (!registered) {
    const known = registry.names.length ? `Available actions: ${registry.names.join(', ')}.` : 'No actions are available.';
    return { part: { type: 'tool-call', toolCall, state: 'error', error: `Unknown action "${toolCall.name}". ${known}` } };
  }
  const check = checkArgs(registered, toolCall.args);
  if (!check.ok) return { part: { type: 'tool-call', toolCall, state: 'error', error: check.error } };
  return { part: { type: 'tool-call', toolCall, state: registered.needsConfirmation(check.args) ? 'pending-approval' : 'running' }, args: check.args };
}

/**
 * What an action returned, as the transcript keeps it: a JSON copy, so a host object is neither
 * frozen by the snapshot nor changed behind its back (`undefined` is `null`). Throws for a value
 * JSON cannot carry (the action fails).
 */
export function actionResult(value: unknown): unknown {
  try {
    return jsonCopy(value);
  } catch (error) {
    throw new Error(`The action returned a value that is not JSON (${thrownMessage(error)}).`);
  }
}

/**
 * The arguments of a call a person approved, as its action gets them: the model's, or the ones
 * the person corrected (`editedArgs`, copied as JSON: `edited`), checked. Throws a `TypeError` for
 * edited arguments that are not JSON and for arguments the action's schema refuses: nothing runs.
 * Here, not in `approve()`: only a page with the answer code approves, and its messages cost the
 * script tag's start.
 */
export function approvedArgs(registered: RegisteredAction, args: unknown, editedArgs: unknown): { args: unknown; edited?: unknown } {
  let edited: unknown;
  if (editedArgs !== undefined) {
    try {
      edited = jsonCopy(editedArgs);
    } catch (error) {
      throw new TypeError(`approve(toolCallId, editedArgs): editedArgs must be JSON (${thrownMessage(error)}).`);
    }
  }
  const check = checkArgs(registered, editedArgs === undefined ? args : edited);
  if (!check.ok) throw new TypeError(check.error);
  return { args: check.args, edited };
}

function describeArgs(args: unknown): string {
  return typeof args === 'string' ? ' (the arguments were not valid JSON)' : '';
}

/** Checks a call's arguments against its action's parameters (schema defaults applied). */
export function checkArgs(registered: RegisteredAction, args: unknown): ArgsCheck {
  const { name, args: schema } = registered;
  const invalid = (detail: string): ArgsCheck => ({ ok: false, error: `Invalid arguments for ${name}${detail}` });
  switch (schema.kind) {
    case 'object':
      return typeof args === 'object' && args !== null && !Array.isArray(args) ? { ok: true, args } : invalid(`: expected an object${describeArgs(args)}.`);
    case 'json': {
      const problems = schema.problems(args);
      if (!problems) return invalid(': the JSON Schema checker could not be loaded, so nothing was run.');
      return problems.length === 0 ? { ok: true, args } : invalid(`${describeArgs(args)}: ${problems.join('; ')}`);
    }
    case 'standard':
      try {
        const result = schema.standard.validate(args);
        if (result instanceof Promise) return invalid(': the schema validates asynchronously, which actions do not support.');
        if (!result.issues) return { ok: true, args: result.value };
        const problems = result.issues.map((issue) => `${issue.path?.length ? issue.path.map((key) => (typeof key === 'object' ? String(key.key) : String(key))).join('.') : '(arguments)'}: ${issue.message}`);
        return invalid(`${describeArgs(args)}: ${problems.join('; ')}`);
      } catch (error) {
        return invalid(`: ${thrownMessage(error)}`);
      }
  }
}

/** A JSON copy (`undefined` is `null`), so a host object is neither frozen by the snapshot nor changed behind its back. */
function jsonCopy(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

// Not errorMessage(): this chunk imports nothing from the start code (see rollup.config.mjs).
function thrownMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
