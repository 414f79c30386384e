// placeholder: the client core engineer is writing this adapter
import type { ProtocolAdapter } from '../protocol-adapter.js'; export function parley(): ProtocolAdapter { throw new Error('the parley adapter is not written yet'); }
