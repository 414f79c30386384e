/**
 * The DOM invariants model output must never break (SECURITY-NOTES §1 tests 1–2): walks a subtree,
 * including open shadow roots, and lists every violation so a failing test says what went live.
 */
export interface UnsafeDomOptions {
  /** Exact hosts `<img>` may load from (default: none). */
  imageHosts?: readonly string[];
  /** Elements that must not exist in model output. */
  forbiddenElements?: readonly string[];
}

export const defaultForbiddenElements = [
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'textarea', 'select',
  'style', 'link', 'meta', 'base', 'svg', 'math', 'foreignobject', 'template', 'noscript', 'portal', 'video',
  'audio', 'source', 'track', 'picture', 'marquee', 'details', 'dialog',
];

const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'cite', 'background', 'longdesc', 'data', 'codebase'];
const neverAttributes = ['srcset', 'ping', 'poster', 'srcdoc', 'style', 'manifest', 'lowsrc', 'dynsrc', 'imagesrcset'];
const allowedSchemes = ['http:', 'https:', 'mailto:'];

function describe(element: Element): string {
  return `<${element.localName}${Array.from(element.attributes, (a) => ` ${a.name}="${a.value}"`).join('')}>`;
}

export function findUnsafeDom(root: Node, options: UnsafeDomOptions = {}): string[] {
  const forbidden = options.forbiddenElements ?? defaultForbiddenElements;
  const hosts = options.imageHosts ?? [];
  const problems: string[] = [];
  const visit = (node: Node): void => {
    if (node instanceof Element) {
      if (forbidden.indexOf(node.localName.toLowerCase()) !== -1) problems.push(`forbidden element ${describe(node)}`);
      if (node.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`foreign-namespace element ${describe(node)}`);
      for (const attribute of Array.from(node.attributes)) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on')) problems.push(`event handler attribute ${name} on ${describe(node)}`);
        if (neverAttributes.indexOf(name) !== -1) problems.push(`attribute ${name} on ${describe(node)}`);
        if (urlAttributes.indexOf(name) !== -1) {
          let url: URL | null = null;
          try {
            url = new URL(attribute.value, document.baseURI);
          } catch {
            problems.push(`unparsable URL in ${name} on ${describe(node)}`);
          }
          if (url && allowedSchemes.indexOf(url.protocol) === -1) problems.push(`scheme ${url.protocol} in ${name} on ${describe(node)}`);
          if (url && node.localName === 'img' && name === 'src' && hosts.indexOf(url.host) === -1) {
            problems.push(`image from a host that is not allowed: ${describe(node)}`);
          }
        }
      }
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
  };
  visit(root);
  return problems;
}

/**
 * Serialises a subtree without comments (Lit's markers differ between two equal renders) and
 * without the pages `<parley-markdown>` groups settled blocks in (layout only; a one-shot render
 * has none).
 */
export function normalizedMarkup(root: Element): string {
  const clone = root.cloneNode(true) as Element;
  const walker = document.createTreeWalker(clone, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) comments.push(node);
  for (const comment of comments) comment.parentNode?.removeChild(comment);
  for (const page of Array.from(clone.querySelectorAll('.parley-markdown-page'))) page.replaceWith(...Array.from(page.childNodes));
  return clone.innerHTML;
}
