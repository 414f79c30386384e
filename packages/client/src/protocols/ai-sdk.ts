// placeholder: replaced by the adapters engineer
import type { ProtocolAdapter } from '../protocol-adapter.js'; export function aiSdk(): ProtocolAdapter { throw new Error('the ai-sdk adapter is not written yet'); }
