/**
 * Runs `action` with `navigator.clipboard.writeText` observed: `written` gets each text handed to
 * it, and the write succeeds without reaching the system clipboard. A play function cannot read
 * the clipboard back in a browser opened by a person (`readText()` needs the clipboard-read
 * permission, which only vitest.config.ts grants), and its clicks are no user gesture, so the real
 * write may be refused too. What is checked is what the page asked the clipboard to hold, with the
 * same words the page shows on success. The clipboard's own method is back when `action` ends.
 */
export async function withClipboardObserved(action: (written: readonly string[]) => Promise<void>): Promise<void> {
  const clipboard = navigator.clipboard;
  const own = Object.getOwnPropertyDescriptor(clipboard, 'writeText');
  const written: string[] = [];
  Object.defineProperty(clipboard, 'writeText', {
    configurable: true,
    writable: true,
    value: (text: string): Promise<void> => {
      written.push(text);
      return Promise.resolve();
    },
  });
  try {
    await action(written);
  } finally {
    if (own) Object.defineProperty(clipboard, 'writeText', own);
    else delete (clipboard as Partial<Clipboard>).writeText;
  }
}
