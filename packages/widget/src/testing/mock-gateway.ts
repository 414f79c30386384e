import { afterAll, afterEach, beforeAll } from 'vitest';
import { http, HttpResponse, passthrough } from 'msw';
import { setupWorker } from 'msw/browser';
import type { ChatEvent } from '@parley/client';

/** The source modules of two chunks loaded on first use, as the test server serves them (`holdModule`, `worker.use`). */
export const transcriptViewsModule = /\/src\/parts\/transcript-views\.ts/;
export const markdownElementModule = /\/src\/markdown\/markdown-element\.ts/;

/** An SSE stream of the native `parley` protocol whose events a test pushes one by one. */
export interface ControlledAnswer {
  push(event: ChatEvent): void;
  text(delta: string): void;
  finish(): void;
  /** Resolves when the client cancelled the response body (stop, removal). */
  readonly cancelled: Promise<void>;
}

export interface GatewayRequest {
  body: { model?: string; messages: Array<{ role: string; content: unknown }> };
  headers: Headers;
}

const encoder = new TextEncoder();
const frame = (event: ChatEvent) => encoder.encode(`data: ${JSON.stringify(event)}\n\n`);

export function sse(events: ChatEvent[]): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const event of events) controller.enqueue(frame(event));
      controller.close();
    },
  });
  return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
}

export function controlledSse(): { response: Response; answer: ControlledAnswer } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let onCancel!: () => void;
  const cancelled = new Promise<void>((resolve) => (onCancel = resolve));
  let closed = false;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    cancel: () => onCancel(),
  });
  const answer: ControlledAnswer = {
    push: (event) => void (closed || controller.enqueue(frame(event))),
    text: (delta) => answer.push({ type: 'text-delta', delta }),
    finish() {
      answer.push({ type: 'finish', reason: 'stop' });
      closed = true;
      controller.close();
    },
    cancelled,
  };
  return { response: new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } }), answer };
}

function createMockGateway() {
  const worker = setupWorker();
  const requests: GatewayRequest[] = [];
  return {
    worker,
    requests,
    /** Answers every POST to `url` with `respond(request)`, recording each request body. */
    serve(url: string, respond: (request: GatewayRequest, index: number) => Response | Promise<Response>) {
      worker.resetHandlers(
        http.post(url, async ({ request }) => {
          const recorded: GatewayRequest = { body: (await request.json()) as GatewayRequest['body'], headers: request.headers };
          requests.push(recorded);
          return respond(recorded, requests.length - 1);
        }),
      );
    },
    /**
     * Holds the page's request for a module (a chunk loaded on first use) until `release()`, as a
     * slow network would; `requests()` counts how often the page asked for it.
     */
    holdModule(module: RegExp): { requests(): number; release(): void } {
      let count = 0;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      worker.use(
        http.get(module, async () => {
          count++;
          await held;
          return passthrough();
        }),
      );
      return { requests: () => count, release };
    },
    reset() {
      requests.length = 0;
      worker.resetHandlers();
    },
  };
}

export type MockGateway = ReturnType<typeof createMockGateway>;

/** One msw service worker for the whole test file; handlers are set per test. */
export async function startMockGateway(): Promise<MockGateway> {
  const gateway = createMockGateway();
  await gateway.worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  return gateway;
}

/**
 * A test file's usual set-up: the gateway starts before its first test and stops after its last;
 * after each test its handlers and requests are forgotten and the page is emptied.
 */
export function useMockGateway(): MockGateway {
  const gateway = createMockGateway();
  beforeAll(() => gateway.worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
  afterAll(() => gateway.worker.stop());
  afterEach(() => {
    gateway.reset();
    document.body.replaceChildren();
  });
  return gateway;
}
