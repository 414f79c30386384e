import * as z from './zod.js';
import { chatErrorSchema, citationSchema, finishReasonSchema, statusStepSchema, toolCallSchema, usageSchema } from './chat-event.js';

/**
 * The conversation's own message model: ordered parts, in the order things arrived.
 * It is also what storage holds, so it is a zod schema (restored data is untrusted).
 */

export const toolCallStateSchema = z.literal(['pending-approval', 'running', 'done', 'rejected', 'error']);
export type ToolCallState = z.output<typeof toolCallStateSchema>;

export const messagePartSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({
    type: z.literal('reasoning'),
    text: z.string(),
    /** Epoch ms when reasoning started / when the answer started (for "thought for 12 s"). */
    startedAt: z.optional(z.number()),
    endedAt: z.optional(z.number()),
  }),
  z.object({ type: z.literal('citation'), citation: citationSchema }),
  z.object({
    type: z.literal('tool-call'),
    toolCall: toolCallSchema,
    state: toolCallStateSchema,
    /** The action's return value (state `done`). */
    result: z.optional(z.unknown()),
    /** Why it failed (state `error`): invalid arguments, unknown action, thrown error. */
    error: z.optional(z.string()),
    /** Why a person rejected it (state `rejected`). */
    reason: z.optional(z.string()),
    /** The arguments a person edited before approving; `run` got these, `toolCall.args` keeps the model's proposal. */
    editedArgs: z.optional(z.unknown()),
  }),
  z.object({ type: z.literal('status'), status: statusStepSchema }),
  z.object({ type: z.literal('data'), name: z.string(), data: z.unknown(), id: z.optional(z.string()) }),
]);
export type MessagePart = z.output<typeof messagePartSchema>;
export type MessagePartOf<T extends MessagePart['type']> = Extract<MessagePart, { type: T }>;

export const attachmentSchema = z.object({
  name: z.string(),
  mediaType: z.optional(z.string()),
  url: z.optional(z.string()),
  size: z.optional(z.number()),
});
export type Attachment = z.output<typeof attachmentSchema>;

export const conversationMessageSchema = z.object({
  id: z.string(),
  role: z.literal(['user', 'assistant']),
  parts: z.array(messagePartSchema),
  createdAt: z.number(),
  model: z.optional(z.string()),
  usage: z.optional(usageSchema),
  /** `abort` = stopped by the person; absent while streaming. */
  finishReason: z.optional(finishReasonSchema),
  /** The page died while this answer was streaming; restored as far as it had come. */
  interrupted: z.optional(z.boolean()),
  /**
   * While the answer streams from a gateway that resumes answers: the id of the last event in it
   * (`ChatStream.lastEventId`). A page that restores the answer unfinished takes it up after that.
   */
  resumeAfter: z.optional(z.string()),
  /**
   * Once the streaming model call reported usage: what the calls before it used, which its
   * reports (cumulative, the last one counts) add up to in `usage`. Absent, `usage` is all theirs.
   */
  usageBase: z.optional(usageSchema),
  /** The error that ended this answer, if one did. */
  error: z.optional(chatErrorSchema),
  attachments: z.optional(z.array(attachmentSchema)),
  feedback: z.optional(z.object({ rating: z.literal(['up', 'down']), comment: z.optional(z.string()) })),
  /**
   * Assistant turns that used actions: the index in `parts` where each model call began (the first
   * is 0). The conversation uses it to replay the turn to the model call by call.
   */
  stepStarts: z.optional(z.array(z.number())),
});
export type ConversationMessage = z.output<typeof conversationMessageSchema>;
