// placeholder: replaced by the adapters engineer
import type { ProtocolAdapter } from '../protocol-adapter.js'; export function anthropic(): ProtocolAdapter { throw new Error('the anthropic adapter is not written yet'); }
