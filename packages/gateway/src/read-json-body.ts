import type { IncomingMessage } from 'node:http';

/** A request body the gateway refuses: `status` and `code` go into the JSON error response. */
export class RequestBodyError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Reads and parses a JSON body, refusing more than `maxBytes` (the limit is checked while reading). */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new RequestBodyError(413, 'payload_too_large', `body: larger than ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) throw new RequestBodyError(413, 'payload_too_large', `body: larger than ${maxBytes} bytes`);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new RequestBodyError(400, 'invalid_request', 'body: expected a JSON object, got an empty body');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RequestBodyError(400, 'invalid_request', `body: not valid JSON (${(error as Error).message})`);
  }
}
