import type { Attachment } from './conversation-message.js';

/**
 * The audit trail a host forwards to its own log (`createConversation({ onAudit, user })`):
 * who did what, when. Fed by the same code paths as the snapshot, so it cannot disagree with
 * what the person saw. Nothing here contains credentials or the business `context`.
 *
 * `actor` says who acted: `user` (the person, named by `user`), `model` (it proposed an action),
 * `system` (Parley itself: validation, running the host's action code).
 */
export type AuditEvent = AuditEventBase &
  (
    | {
        type: 'message-sent';
        messageId: string;
        /** The text as sent, after `beforeSend` redaction. */
        content: string;
        attachments?: Attachment[];
        /** `beforeSend` changed the text. */
        redacted: boolean;
        /** A new message, an edited earlier one, or the same one sent again (regenerate / retry). */
        kind: 'send' | 'edit' | 'regenerate';
      }
    | { type: 'message-blocked'; content: string; reason: string }
    | (AuditActionBase & { type: 'action-proposed'; args: unknown; needsApproval: boolean })
    | (AuditActionBase & { type: 'action-edited'; args: unknown; editedArgs: unknown })
    | (AuditActionBase & { type: 'action-approved'; args: unknown; editedArgs?: unknown })
    | (AuditActionBase & { type: 'action-rejected'; args: unknown; reason?: string })
    | (AuditActionBase & { type: 'action-result'; args: unknown; editedArgs?: unknown; result: unknown })
    | (AuditActionBase & { type: 'action-failed'; args: unknown; editedArgs?: unknown; error: string })
    | { type: 'feedback'; messageId: string; rating: 'up' | 'down'; comment?: string }
  );

export interface AuditEventBase {
  /** Epoch milliseconds. */
  at: number;
  conversationId: string;
  /** The `user` option: who is using the conversation, as the host names them. */
  user?: string;
  actor: 'user' | 'model' | 'system';
}

export interface AuditActionBase {
  /** The assistant message holding the call. */
  messageId: string;
  toolCallId: string;
  /** Action (tool) name. */
  name: string;
}

export type AuditEventType = AuditEvent['type'];
