// placeholder: replaced by the adapters engineer
import type { ProtocolAdapter } from '../protocol-adapter.js'; export function dify(): ProtocolAdapter { throw new Error('the dify adapter is not written yet'); }
