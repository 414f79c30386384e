// placeholder: the client core engineer is writing this adapter
import type { ProtocolAdapter } from '../protocol-adapter.js'; export function openai(): ProtocolAdapter { throw new Error('the openai adapter is not written yet'); }
