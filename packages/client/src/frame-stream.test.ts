import { describe, expect, it } from 'vitest';
import { defaultMaxEventSize } from './create-client.js';
import { createFrameSplitter, FrameSizeError } from './frame-stream.js';
import type { Frame } from './protocol-adapter.js';

/** Feeds `text` cut at every position (two pieces), and whole; every cut must give the same frames. */
function framesAtEveryCut(framing: 'sse' | 'ndjson', text: string): Frame[] {
  const split = (pieces: string[]) => {
    const frames: Frame[] = [];
    const splitter = createFrameSplitter(framing, (frame) => frames.push({ ...frame }), defaultMaxEventSize);
    for (const piece of pieces) splitter.push(piece);
    splitter.end();
    return frames;
  };
  const whole = split([text]);
  for (let at = 1; at < text.length; at++) expect(split([text.slice(0, at), text.slice(at)]), `cut at ${at}`).toEqual(whole);
  expect(split([...text])).toEqual(whole);
  return whole;
}

describe('SSE framing', () => {
  it('handles CRLF, CR and LF, comments, id and retry lines, multi-line data and a BOM', () => {
    const text = '\uFEFF: keep-alive\r\nretry: 3000\r\nid: 7\r\nevent: message_start\r\ndata: {"a":\r\ndata: 1}\r\n\r\ndata:no-space\r\rdata: last\n\n';
    const frames = framesAtEveryCut('sse', text);
    expect(frames).toEqual([
      { id: '7', event: 'message_start', data: '{"a":\n1}' },
      { id: undefined, event: undefined, data: 'no-space' },
      { id: undefined, event: undefined, data: 'last' },
    ]);
  });

  it('never dispatches an event without data (Dify’s bare `event: ping`), ignores bad retry values', () => {
    expect(framesAtEveryCut('sse', 'event: ping\n\nretry: soon\ndata: x\n\n').map((frame) => frame.data)).toEqual(['x']);
  });

  it('delivers a last event that lacks its blank line at the end of the body', () => {
    expect(framesAtEveryCut('sse', 'data: a\n\ndata: b').map((frame) => frame.data)).toEqual(['a', 'b']);
  });

  it('throws FrameSizeError for an event over the limit, whether it arrives whole or in pieces', () => {
    const big = `data: ${'x'.repeat(200)}\n\n`;
    expect(() => createFrameSplitter('sse', () => {}, 100).push(big)).toThrow(FrameSizeError);
    const splitter = createFrameSplitter('sse', () => {}, 100);
    expect(() => {
      for (let at = 0; at < big.length; at += 10) splitter.push(big.slice(at, at + 10));
    }).toThrow(FrameSizeError);
  });
});

describe('NDJSON framing', () => {
  it('cuts lines (LF or CRLF), skips blank ones and keeps an unterminated last line', () => {
    const frames = framesAtEveryCut('ndjson', '{"a":1}\r\n\n{"b":"中文"}\n{"c":3}');
    expect(frames.map((frame) => frame.data)).toEqual(['{"a":1}', '{"b":"中文"}', '{"c":3}']);
  });

  it('throws FrameSizeError for a line over the limit without a newline in sight', () => {
    const splitter = createFrameSplitter('ndjson', () => {}, 100);
    expect(() => {
      for (let i = 0; i < 20; i++) splitter.push('xxxxxxxxxx');
    }).toThrow(FrameSizeError);
  });
});
