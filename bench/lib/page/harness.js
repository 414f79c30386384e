// Runs inside the bench page. Feeds a widget the same way for every contestant and records what
// the page itself can see (frame times, long tasks, when the text is complete); the Node side adds
// the main-thread trace. Plain ES2020, no imports: it is served as a classic script.
(() => {
  const host = () => document.getElementById('host');
  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });

  const yieldNow = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

  /** Text of the composed tree (shadow roots included), whitespace removed: markup differences do not matter. */
  function renderedText(root) {
    const out = [];
    const walk = (node) => {
      if (node.nodeType === 3) { out.push(node.data); return; }
      if (node.nodeType !== 1 && node.nodeType !== 11) return;
      if (node.nodeName === 'STYLE' || node.nodeName === 'SCRIPT' || node.nodeName === 'TEMPLATE') return;
      if (node.shadowRoot) walk(node.shadowRoot);
      for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    };
    walk(root);
    return out.join('').replace(/\s+/g, '');
  }
  /** Every segment appears, in order: the answer is all there. */
  function complete(root, segments) {
    const text = renderedText(root);
    let at = 0;
    for (const raw of segments) {
      const segment = raw.replace(/\s+/g, '');
      const found = text.indexOf(segment, at);
      if (found < 0) return false;
      at = found + segment.length;
    }
    return true;
  }
  /** Depth-first from the last child: finds the newest message fast once it exists. */
  function containsText(node, needle) {
    if (node.nodeType === 3) return node.data.includes(needle);
    if (node.nodeType !== 1 && node.nodeType !== 11) return false;
    if (node.nodeName === 'STYLE' || node.nodeName === 'SCRIPT') return false;
    for (let child = node.lastChild; child; child = child.previousSibling) if (containsText(child, needle)) return true;
    return node.shadowRoot ? containsText(node.shadowRoot, needle) : false;
  }
  function findScroller(root) {
    let best = null;
    const walk = (node) => {
      if (node.nodeType !== 1 && node.nodeType !== 11) return;
      if (node.nodeType === 1) {
        const style = getComputedStyle(node);
        if (/(auto|scroll)/.test(style.overflowY) && node.scrollHeight > node.clientHeight + 10 && (!best || node.scrollHeight > best.scrollHeight)) best = node;
      }
      if (node.shadowRoot) walk(node.shadowRoot);
      for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    };
    walk(root);
    return best;
  }

  /** Frame timestamps while `running()`; dropped = frames that should have fitted in the gaps. */
  function frameProbe() {
    const stamps = [];
    let on = true;
    const tick = (t) => { stamps.push(t); if (on) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    return {
      stop() {
        on = false;
        const gaps = stamps.slice(1).map((t, i) => t - stamps[i]);
        const frame = 1000 / 60;
        const dropped = gaps.reduce((n, gap) => n + Math.max(0, Math.round(gap / frame) - 1), 0);
        const sorted = [...gaps].sort((a, b) => a - b);
        return {
          frames: stamps.length,
          dropped,
          longestFrame: sorted[sorted.length - 1] ?? 0,
          p95Frame: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
          framesOver50: gaps.filter((g) => g > 50).length,
        };
      },
    };
  }

  // --- contestants: how each widget is created and fed -------------------------------------
  const contestants = {
    parley: {
      async mount({ history, sentinel } = {}) {
        const element = document.createElement('parley-chat');
        element.setAttribute('conversation-id', 'bench');
        element.setAttribute('persist', history ? 'session' : 'none');
        element.style.cssText = 'display:block;width:480px;height:720px';
        let feed;
        const opened = new Promise((resolve) => { feed = resolve; });
        element.client = { stream: () => fakeParleyStream(feed) };
        host().append(element);
        await element.updateComplete;
        return { element, opened, start: (text) => { element.send(text); } };
      },
      storeHistory(messages) {
        const now = Date.now();
        const stored = messages.map((m, i) => ({
          id: `m${i}`,
          role: m.role,
          parts: [{ type: 'text', text: m.text }],
          createdAt: now - (messages.length - i) * 60000,
          ...(m.role === 'assistant' ? { finishReason: 'stop' } : {}),
        }));
        sessionStorage.setItem('parley:conversation:bench', JSON.stringify({ v: 1, id: 'bench', messages: stored }));
      },
    },
    'deep-chat': {
      async mount({ history } = {}) {
        const element = document.createElement('deep-chat');
        element.chatStyle = { width: '480px', height: '720px' };
        if (history) element.history = history.map((m) => ({ role: m.role === 'assistant' ? 'ai' : 'user', text: m.text }));
        let feed;
        const opened = new Promise((resolve) => { feed = resolve; });
        element.connect = {
          stream: true,
          handler: (_body, signals) => {
            signals.onOpen();
            // onResponse is async: closing before the last one settles drops the final chunk.
            let pending = Promise.resolve();
            feed({
              chunk: (text) => { pending = signals.onResponse({ text }); },
              end: () => { pending.then(() => signals.onClose()); },
            });
          },
        };
        host().append(element);
        for (let i = 0; i < 600 && !(element.shadowRoot && element.shadowRoot.querySelector('#messages')); i++) await sleep(5);
        return { element, opened, start: (text) => element.submitUserMessage({ text }) };
      },
    },
  };

  /** A stand-in for `client.stream()`: yields what the bench pushes, shaped like @parley/client's ChatStream. */
  function fakeParleyStream(onOpen) {
    const queue = [];
    let waiter = null;
    let closed = false;
    let text = '';
    let settle;
    const result = new Promise((resolve) => { settle = resolve; });
    const push = (event) => {
      if (waiter) { const w = waiter; waiter = null; w({ value: event, done: false }); } else queue.push(event);
    };
    push({ type: 'start', messageId: 'bench-answer', model: 'bench' });
    onOpen({
      chunk: (delta) => { text += delta; push({ type: 'text-delta', delta }); },
      end: () => {
        push({ type: 'finish', reason: 'stop' });
        closed = true;
        if (waiter) { const w = waiter; waiter = null; w({ value: undefined, done: true }); }
        settle({ text, reasoning: '', citations: [], toolCalls: [], finishReason: 'stop', usage: null, error: null });
      },
    });
    return {
      result,
      abort() {},
      [Symbol.asyncIterator]() {
        return {
          next: () => {
            if (queue.length) return Promise.resolve({ value: queue.shift(), done: false });
            if (closed) return Promise.resolve({ value: undefined, done: true });
            return new Promise((resolve) => { waiter = resolve; });
          },
          return: () => Promise.resolve({ value: undefined, done: true }),
        };
      },
    };
  }

  // --- the two scenarios ----------------------------------------------------------------------
  window.bench = {
    async streamAnswer({ contestant, chunks, segments, intervalMs }) {
      const widget = await contestants[contestant].mount();
      await sleep(300);
      widget.start('Summarise the Q3 restock plan.');
      const feed = await widget.opened;
      await sleep(100);
      const tenth = Math.floor(chunks.length / 10);
      const probe = frameProbe();
      const longTasksBefore = longTasks.length;
      performance.mark('bench-chunk-first');
      const t0 = performance.now();
      for (let i = 0; i < chunks.length; i++) {
        const wait = t0 + i * intervalMs - performance.now();
        if (wait > 1) await sleep(wait); else await yieldNow();
        if (i === tenth) performance.mark('bench-first-tenth-end');
        if (i === chunks.length - tenth) performance.mark('bench-last-tenth-start');
        feed.chunk(chunks[i]);
      }
      const lastChunkAt = performance.now();
      performance.mark('bench-chunk-last');
      feed.end();
      let doneAt = null;
      for (;;) {
        const t = await nextFrame();
        if (complete(widget.element, segments)) { doneAt = t; break; }
        if (performance.now() - lastChunkAt > 30000) break;
      }
      await nextFrame();
      performance.mark('bench-rendered');
      const frames = probe.stop();
      const tasks = longTasks.slice(longTasksBefore);
      return {
        streamWallMs: lastChunkAt - t0,
        lastChunkToRenderedMs: doneAt === null ? null : Math.max(0, doneAt - lastChunkAt),
        complete: doneAt !== null,
        frames,
        longTasksObserved: tasks.length,
        longestObservedTask: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
      };
    },

    async restoreHistory({ contestant, messages, sentinel, oldest }) {
      if (contestants[contestant].storeHistory) {
        // Stands for an earlier visit: writing the store must not share a task with opening.
        contestants[contestant].storeHistory(messages);
        await sleep(50);
      }
      const longTasksBefore = longTasks.length;
      performance.mark('bench-history-start');
      const t0 = performance.now();
      const widget = await contestants[contestant].mount({ history: messages, sentinel });
      let shownAt = null;
      for (;;) {
        const t = await nextFrame();
        if (containsText(widget.element, sentinel)) { shownAt = t; break; }
        if (performance.now() - t0 > 30000) break;
      }
      // The frame after the one where it is in the DOM is the one that paints it.
      const paintedAt = shownAt === null ? null : await nextFrame();
      performance.mark('bench-history-shown');
      const openTasks = longTasks.slice(longTasksBefore);
      await sleep(500);

      const scroller = findScroller(widget.element);
      let scroll = null;
      if (scroller) {
        scroller.scrollTop = scroller.scrollHeight;
        await nextFrame();
        const step = Math.max(300, Math.ceil(scroller.scrollHeight / 100));
        const before = longTasks.length;
        const probe = frameProbe();
        performance.mark('bench-scroll-start');
        let steps = 0;
        while (scroller.scrollTop > 0 && steps < 400) {
          scroller.scrollTop -= step;
          steps++;
          await nextFrame();
        }
        performance.mark('bench-scroll-end');
        scroll = { ...probe.stop(), steps, scrollHeight: scroller.scrollHeight, longTasks: longTasks.length - before };
        // The walk below reads every node of the page (13 ms CPU for deep-chat's 1,000 messages,
        // 27-43 for Parley's): in the task of the last frame it was the scroll's longest task for
        // both. It is the harness's, so it gets a task of its own, after the scroll's window.
        await sleep(0);
      }
      // A widget may add the older messages over several frames: heap and nodes are read once the
      // whole history is in the page, so they do not depend on how far it got by the scroll's end.
      let wholeAt = null;
      while (oldest && wholeAt === null && performance.now() - t0 < 60000) {
        if (containsText(widget.element, oldest)) wholeAt = performance.now();
        else await sleep(100);
      }
      return {
        wholeHistoryMs: wholeAt === null ? null : wholeAt - t0,
        firstPaintMs: paintedAt === null ? null : paintedAt - t0,
        shown: shownAt !== null,
        openLongTasks: openTasks.length,
        openLongestTask: openTasks.reduce((m, t) => Math.max(m, t.duration), 0),
        scroll,
      };
    },
  };
})();
