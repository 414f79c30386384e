import { afterEach, describe, expect, it, vi } from 'vitest';
import { html, render } from 'lit';
import { en } from '../i18n/en.js';
import { LazyPart } from './lazy-part.js';
import { renderPartPending } from './part-pending.js';

afterEach(() => document.body.replaceChildren());

/** A part rendered the way message-view renders one: the module's view once loaded, else the pending line. */
function mount(part: LazyPart<{ view: () => unknown }>) {
  const host = document.createElement('div');
  document.body.append(host);
  const draw = (): void => {
    const loaded = part.get(draw);
    render(loaded.module ? html`${loaded.module.view()}` : renderPartPending(loaded.failed, en, () => part.retry(draw)), host);
  };
  draw();
  return host;
}

describe('a part whose code loads on first use', () => {
  it('shows a loading line, then the part, and imports it once however many ask', async () => {
    let imports = 0;
    let arrive!: () => void;
    const part = new LazyPart(() => {
      imports++;
      return new Promise<{ view: () => unknown }>((resolve) => (arrive = () => resolve({ view: () => html`<p class="card">Card</p>` })));
    });
    const first = mount(part);
    const second = mount(part);
    expect(first.textContent).toContain(en.partLoading);
    arrive();
    await vi.waitFor(() => expect(first.querySelector('.card')?.textContent).toBe('Card'));
    expect(second.querySelector('.card')?.textContent).toBe('Card');
    expect(imports).toBe(1);
  });

  it('says so in an alert when the code cannot be loaded, and Retry brings the part', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let attempt = 0;
    const part = new LazyPart(() => (++attempt === 1 ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : Promise.resolve({ view: () => html`<p class="card">Card</p>` })));
    const host = mount(part);
    const alert = await vi.waitFor(() => host.querySelector<HTMLElement>('[role="alert"]') ?? Promise.reject(new Error('no alert yet')));
    expect(alert.textContent).toContain(en.partLoadFailed);
    expect(error).toHaveBeenCalledOnce();
    host.querySelector<HTMLButtonElement>('button.retry')!.click();
    await vi.waitFor(() => expect(host.querySelector('.card')?.textContent).toBe('Card'));
    expect(host.querySelector('[role="alert"]')).toBeNull();
    expect(attempt).toBe(2);
    error.mockRestore();
  });
});
