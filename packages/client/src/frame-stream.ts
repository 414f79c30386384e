import { createParser, type EventSourceParser } from 'eventsource-parser';
import type { Frame } from './protocol-adapter.js';

/** Thrown by `push` when one event grows past the size limit; the client turns it into `bad_response`. */
export class FrameSizeError extends Error {
  readonly type = 'frame-size';
  constructor(maxEventSize: number) {
    super(`An event of the response exceeded ${maxEventSize} characters; the rest of the stream was dropped.`);
    this.name = 'FrameSizeError';
  }
}

/** Cuts decoded response text into frames: SSE events, or NDJSON lines. */
export interface FrameSplitter {
  /** Feed the next piece of text (any boundary: mid-line, mid-CRLF). */
  push(text: string): void;
  /** The body ended: an event or line without its terminator is still delivered (a cut one then fails to parse). */
  end(): void;
}

/**
 * AI SDK 4's data stream (`text/plain`) writes one `<type>:<json>` part per line, the types `0`-`9`
 * and `a`-`k`. Its first part is never one whose letter also starts an SSE field (`data:`,
 * `event:`, `id:`), so the first character tells it from SSE: it is cut into lines, as NDJSON is.
 */
export function startsDataStream(first: string | undefined): boolean {
  return first !== undefined && /^[0-9abcfghjk]$/.test(first);
}

/** How a body is framed by what it says it is, or else by its first character (`auto`). */
export function framingOf(contentType: string, first: string | undefined): 'sse' | 'ndjson' {
  if (contentType.includes('event-stream')) return 'sse';
  return contentType.includes('ndjson') || contentType.includes('jsonl') || first === '{' || startsDataStream(first) ? 'ndjson' : 'sse';
}

/** `maxEventSize`: the largest single event or line (characters) before a `FrameSizeError`. */
export function createFrameSplitter(framing: 'sse' | 'ndjson', onFrame: (frame: Frame) => void, maxEventSize: number): FrameSplitter {
  return framing === 'sse' ? sseSplitter(onFrame, maxEventSize) : ndjsonSplitter(onFrame, maxEventSize);
}

function sseSplitter(onFrame: (frame: Frame) => void, maxEventSize: number): FrameSplitter {
  let tooLarge = false;
  // eventsource-parser handles CRLF/CR/LF, comments, `retry:`/`id:`, multi-line data and the BOM.
  const parser: EventSourceParser = createParser({
    maxBufferSize: maxEventSize,
    onEvent(event) {
      // An event that arrived in one network chunk never sat in the parser's buffer: check it here.
      if (event.data.length > maxEventSize) throw new FrameSizeError(maxEventSize);
      onFrame(event);
    },
    onError(error) {
      // Invalid `retry:` values and unknown fields are ignored, as the SSE spec says.
      if (error.type === 'max-buffer-size-exceeded') tooLarge = true;
    },
  });
  return {
    push(text) {
      parser.feed(text);
      if (tooLarge) throw new FrameSizeError(maxEventSize);
    },
    end() {
      // The spec drops an unterminated event at EOF; gateways (and recorded fixtures) often omit
      // the last blank line, so it is terminated and delivered instead.
      parser.feed('\n\n');
      if (tooLarge) throw new FrameSizeError(maxEventSize);
    },
  };
}

function ndjsonSplitter(onFrame: (frame: Frame) => void, maxEventSize: number): FrameSplitter {
  // A long line arrives in many pieces; they are joined once, when its newline comes, not per piece.
  const pending: string[] = [];
  let pendingLength = 0;
  const emitLine = (line: string) => {
    const end = line.charCodeAt(line.length - 1) === 13 ? line.length - 1 : line.length;
    const data = end === line.length ? line : line.slice(0, end);
    if (data.trim() !== '') onFrame({ data });
  };
  return {
    push(text) {
      let start = 0;
      let newline = text.indexOf('\n');
      while (newline !== -1) {
        let line = text.slice(start, newline);
        if (pending.length > 0) {
          pending.push(line);
          line = pending.join('');
          pending.length = 0;
          pendingLength = 0;
        }
        if (line.length > maxEventSize) throw new FrameSizeError(maxEventSize);
        emitLine(line);
        start = newline + 1;
        newline = text.indexOf('\n', start);
      }
      if (start < text.length) {
        const rest = start === 0 ? text : text.slice(start);
        pending.push(rest);
        pendingLength += rest.length;
        if (pendingLength > maxEventSize) throw new FrameSizeError(maxEventSize);
      }
    },
    end() {
      if (pending.length === 0) return;
      const line = pending.join('');
      pending.length = 0;
      pendingLength = 0;
      emitLine(line);
    },
  };
}
