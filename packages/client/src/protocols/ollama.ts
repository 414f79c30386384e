// placeholder: replaced by the adapters engineer
import type { ProtocolAdapter } from '../protocol-adapter.js'; export function ollama(): ProtocolAdapter { throw new Error('the ollama adapter is not written yet'); }
