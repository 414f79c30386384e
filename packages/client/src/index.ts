export { chatEventSchema, citationSchema, toolCallSchema, statusStepSchema, usageSchema, finishReasonSchema, chatErrorSchema } from './chat-event.js';
export type { ChatEvent, ChatEventType, ChatEventOf, Citation, ToolCall, StatusStep, Usage, FinishReason, ChatError } from './chat-event.js';
export { chatMessageSchema, toolDefinitionSchema } from './chat-message.js';
export type { ChatMessage, ToolDefinition } from './chat-message.js';
export type { ProtocolAdapter, FrameDecoder, Frame, Emit, AdapterRequest, AdapterHttpRequest } from './protocol-adapter.js';
export { conversationMessageSchema, messagePartSchema } from './conversation-message.js';
export type { ConversationMessage, MessagePart, MessagePartOf, ToolCallState, Attachment } from './conversation-message.js';
