import { imageHostsConverter } from './image-hosts-converter.js';
import { describeLinkDestination, followedUrl, type LinkDestination } from './link-destination.js';
import { formatLabel, type MarkdownLabels } from './markdown-labels.js';
import { normalizeImageHosts } from './safe-url.js';

let nextId = 0;
/** Each open confirmation's link: clicking it again goes back to its confirmation. */
const heldLinks = new WeakMap<Element, HTMLAnchorElement>();

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.append(...children);
  return node;
}

/** A label with one `{name}` placeholder, the value in `<strong>`: the host is what a person must read. */
function emphasised(template: string, name: string, value: string): Array<Node | string> {
  const [before, ...after] = template.split(`{${name}}`);
  if (after.length === 0) return [formatLabel(template, { [name]: value })];
  return [before as string, element('strong', 'parley-link-confirm-host', value), formatLabel(after.join(value), { [name]: value })];
}

/**
 * Holds a model-written link for a confirmation, shown right after it: the destination's host in
 * bold, the whole URL as text, a warning when the URL looks like it carries data, and Open /
 * Cancel. Built with DOM calls and text nodes only (no HTML strings, no style attributes). The
 * markdown element keeps at most one open; a new one replaces it.
 */
export function confirmLink(link: HTMLAnchorElement, destination: Exclude<LinkDestination, { kind: 'allowed' }>, labels: MarkdownLabels): void {
  // One open at a time per answer text or sources list.
  const scope = link.closest('.parley-markdown, .citations');
  const open = scope?.querySelector<HTMLElement>('.parley-link-confirm');
  if (open && heldLinks.get(open) === link) {
    open.focus();
    return;
  }
  open?.remove();

  const id = `parley-link-confirm-${++nextId}`;
  const title =
    destination.kind === 'mail'
      ? emphasised(labels.mailConfirm, 'address', destination.address)
      : emphasised(labels.linkConfirm, 'host', destination.host);
  const warningText =
    destination.kind === 'mail'
      ? destination.prefilled && labels.mailPrefilled
      : destination.carriesData && formatLabel(labels.linkDataWarning, { host: destination.host });
  const openButton = element('button', 'parley-link-confirm-open', labels.linkOpen);
  const cancelButton = element('button', 'parley-link-confirm-cancel', labels.linkCancel);
  openButton.type = cancelButton.type = 'button';

  const box = element(
    'span',
    'parley-link-confirm',
    element('span', 'parley-link-confirm-title', ...title),
    element('span', 'parley-link-confirm-url', destination.url.href),
    ...(warningText ? [element('span', 'parley-link-confirm-warning', warningText)] : []),
    element('span', 'parley-link-confirm-actions', openButton, cancelButton),
  );
  const [titleNode, urlNode, warningNode] = Array.from(box.children);
  titleNode!.id = `${id}-title`;
  urlNode!.id = `${id}-url`;
  if (warningText) warningNode!.id = `${id}-warning`;
  box.setAttribute('role', 'alertdialog');
  box.setAttribute('aria-labelledby', titleNode!.id);
  box.setAttribute('aria-describedby', warningText ? `${urlNode!.id} ${warningNode!.id}` : urlNode!.id);
  // Focus goes to the box, not to Open: a second Enter (or a held key) must not open the link.
  box.tabIndex = -1;

  const close = () => {
    box.remove();
    if (link.isConnected) link.focus();
  };
  openButton.addEventListener('click', () => {
    window.open(destination.url.href, '_blank', 'noopener,noreferrer');
    close();
  });
  cancelButton.addEventListener('click', close);
  box.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    close();
  });

  heldLinks.set(box, link);
  placeAfter(link).after(box);
  box.focus();
}

/**
 * The confirmation goes after the link, outside any bold or italic around it; after a heading
 * that holds the link, so it is not set in heading type.
 */
function placeAfter(link: HTMLAnchorElement): Element {
  const heading = link.closest('h1, h2, h3, h4, h5, h6');
  if (heading) return heading;
  let node: Element = link;
  while (node.parentElement && /^(STRONG|EM|DEL)$/.test(node.parentElement.tagName)) node = node.parentElement;
  return node;
}

/**
 * The hosts a link under `node` opens to at once, besides the page's own: `own`, and inside
 * <parley-chat> that element's `link-hosts` attribute. Read from the attribute when a link is
 * activated rather than passed down as a property: a property of <parley-chat> would cost its
 * start chunk bytes on every page.
 */
export function allowedLinkHosts(node: Node, own: readonly string[] = []): string[] {
  const root = node.getRootNode();
  const inherited = root instanceof ShadowRoot ? imageHostsConverter.fromAttribute(root.host.getAttribute('link-hosts')) : [];
  return normalizeImageHosts([...own, ...inherited]);
}

/**
 * Lets `event` (a click, Enter or middle click on `link`) open a link whose host is allowed; any
 * other link, and every `mailto:`, is stopped and its confirmation shown. What is checked is the
 * URL the browser would follow (`link.href`), never the attribute parsed again.
 */
export function holdUnlessAllowed(event: Event, link: HTMLAnchorElement, allowedHosts: readonly string[], labels: MarkdownLabels): void {
  const url = followedUrl(link);
  const destination = url && describeLinkDestination(url, allowedHosts, location.host);
  if (destination && destination.kind === 'allowed') return;
  event.preventDefault();
  if (destination) confirmLink(link, destination, labels);
}
