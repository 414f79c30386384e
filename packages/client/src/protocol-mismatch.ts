import { detectProtocol } from './detect-protocol.js';
import { createFrameSplitter, framingOf } from './frame-stream.js';
import type { Frame, ResponseInfo } from './protocol-adapter.js';
import { protocolNameSchema, type AdapterName } from './protocol-name.js';

/**
 * Why a 2xx body in which a named adapter recognised nothing is no answer: the protocol its
 * start (`head`) speaks instead, or else what arrived. `undefined` when it looks like the expected
 * protocol after all (an answer cut off early, or an empty one), or when the adapter is not a
 * built-in one, whose format nothing here knows. Loaded only then (see `runChatRequest`).
 */
export function protocolMismatch(expected: string, head: string, response: ResponseInfo): string | undefined {
  if (expected === 'auto' || !(protocolNameSchema.def.values as readonly string[]).includes(expected)) return undefined;
  // Framed as the body says it is, not as the adapter expected: an SSE body cut into NDJSON lines tells nothing.
  const frames: Frame[] = [];
  const splitter = createFrameSplitter(framingOf(response.contentType, head.trimStart()[0]), (frame) => void frames.push(frame), head.length + 1);
  try {
    splitter.push(head);
    splitter.end();
  } catch {
    // The head is cut mid-frame: what was framed before is enough.
  }
  const first = frames[0];
  if (first === undefined) return undefined;
  let found: AdapterName | undefined;
  for (const frame of frames) if ((found = detectProtocol(frame, response))) break;
  if (found === expected) return undefined;
  const arrived = `${response.contentType || 'no content-type'}; first frame: ${first.event ? `event: ${first.event}, ` : ''}${first.data.slice(0, 120)}`;
  return found
    ? `The gateway does not answer in the ${expected} protocol but in ${found} (${arrived}). Set protocol to "${found}", or "auto" to detect it.`
    : `The response did not look like the ${expected} protocol: nothing in it was recognised (${arrived}). Set protocol to the one the gateway speaks, or "auto".`;
}
