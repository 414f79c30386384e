import type { ChatMessage } from './chat-message.js';
import type { ConversationMessage, MessagePart, MessagePartOf } from './conversation-message.js';

/** The text a message shows, joined from its text parts. */
export function messageText(message: Pick<ConversationMessage, 'parts'>): string {
  let text = '';
  for (const part of message.parts) if (part.type === 'text') text += part.text;
  return text;
}

function stringify(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
}

/** What the model is told about one tool call: its result, `{ error }` or `{ rejected: true, reason }`. */
export function toolResultContent(part: MessagePartOf<'tool-call'>): string {
  switch (part.state) {
    case 'done':
      // An edit by a person must reach the model too, or it would describe the call it proposed.
      return part.editedArgs === undefined ? stringify(part.result ?? null) : JSON.stringify({ editedArgs: part.editedArgs, result: part.result ?? null });
    case 'rejected':
      return JSON.stringify(part.reason ? { rejected: true, reason: part.reason } : { rejected: true });
    case 'error':
      return JSON.stringify({ error: part.error ?? 'The action failed.' });
    default:
      return JSON.stringify({ error: 'The action was not completed.' });
  }
}

/** The parts of each model call in an assistant turn (see `stepStarts`). */
export function splitSteps(message: ConversationMessage): MessagePart[][] {
  const starts = message.stepStarts?.length ? message.stepStarts : [0];
  return starts.map((start, index) => message.parts.slice(start, starts[index + 1] ?? message.parts.length));
}

/**
 * Maps the transcript to the one message shape every protocol adapter reads. Each model call of
 * an assistant turn becomes an assistant message (its text and `toolCalls`) followed by one `tool`
 * message per call, so the model sees exactly the exchange it had. Reasoning, citations, status
 * and data parts stay in the transcript: they are not the model's words (DeepSeek even rejects
 * reasoning sent back).
 */
export function toChatMessages(messages: readonly ConversationMessage[], system?: string): ChatMessage[] {
  const wire: ChatMessage[] = system ? [{ role: 'system', content: system }] : [];
  for (const message of messages) {
    if (message.role === 'user') {
      wire.push({ role: 'user', content: messageText(message) });
      continue;
    }
    for (const step of splitSteps(message)) {
      const calls = step.filter((part): part is MessagePartOf<'tool-call'> => part.type === 'tool-call');
      const content = messageText({ parts: step });
      if (!content && !calls.length) continue;
      wire.push(calls.length ? { role: 'assistant', content, toolCalls: calls.map((part) => part.toolCall) } : { role: 'assistant', content });
      for (const part of calls) wire.push({ role: 'tool', toolCallId: part.toolCall.id, content: toolResultContent(part) });
    }
  }
  return wire;
}
