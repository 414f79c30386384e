// placeholder: replaced by the adapters engineer
import type { ProtocolAdapter } from '../protocol-adapter.js'; export function openaiResponses(): ProtocolAdapter { throw new Error('the openai-responses adapter is not written yet'); }
