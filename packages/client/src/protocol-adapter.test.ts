import { describe, expect, it } from 'vitest';
import type { FrameDecoder, ProtocolAdapter } from './protocol-adapter.js';
import { replay, standardSlicings } from './testing/replay.js';

const body = ['data: one\n\n', 'data: two\n\n', 'data: three\n\n', 'data: [DONE]\n\n'].join('');

/**
 * An in-house adapter whose decoder loads something on its first frame (as `auto` loads the
 * adapter it detected): `frame` returns a promise then, and decodes at once afterwards.
 */
function lazyAdapter(load: () => Promise<void>, seen: string[] = []): ProtocolAdapter {
  return {
    name: 'lazy',
    framing: 'sse',
    request: (request) => ({ body: { messages: request.messages } }),
    decoder(): FrameDecoder {
      let ready = false;
      const decode: FrameDecoder['frame'] = (frame, emit) => {
        seen.push(frame.data);
        if (frame.data === '[DONE]') {
          emit({ type: 'finish', reason: 'stop' });
          return 'done';
        }
        emit({ type: 'text-delta', delta: `${frame.data} ` });
        return undefined;
      };
      return {
        frame(frame, emit) {
          if (ready) return decode(frame, emit);
          return load().then(() => {
            ready = true;
            return decode(frame, emit);
          });
        },
        end: (emit) => emit({ type: 'text-delta', delta: `(${seen.length} frames)` }),
      };
    },
  };
}

describe('a decoder whose frame() returns a promise', () => {
  it('gets the next frame, and end(), only after it settles, in order, however the body is cut', async () => {
    for (const slicing of standardSlicings()) {
      const seen: string[] = [];
      let loads = 0;
      const { result } = await replay(lazyAdapter(async () => void loads++, seen), body, slicing);
      expect(result, String(slicing)).toMatchObject({ text: 'one two three (4 frames)', finishReason: 'stop', error: null });
      expect(seen).toEqual(['one', 'two', 'three', '[DONE]']);
      expect(loads).toBe(1);
    }
  });

  it('an event over maxEventSize in the network chunk it is loading for still keeps the frames before it, as with a decoder that answers at once', async () => {
    const oversize = `data: one\n\ndata: two\n\ndata: ${'x'.repeat(200)}\n\ndata: three\n\n`;
    const { result } = await replay(lazyAdapter(async () => undefined), oversize, 'whole', { client: { maxEventSize: 100 } });
    expect(result).toMatchObject({
      text: 'one two (2 frames)',
      finishReason: 'error',
      error: { code: 'bad_response', message: 'An event of the response exceeded 100 characters; the rest of the stream was dropped.' },
    });
  });

  it('a promise that rejects ends the stream with bad_response and lets end() hand over what it holds, as a throw does', async () => {
    const { result } = await replay(lazyAdapter(() => Promise.reject(new Error('no decoder here'))), body, 1);
    expect(result).toMatchObject({ text: '(0 frames)', finishReason: 'error', error: { code: 'bad_response', message: 'The lazy response could not be read: no decoder here' } });
  });
});
