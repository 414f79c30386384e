import { html, type TemplateResult } from 'lit';
// Before lowlight: its module calls Object.hasOwn as it runs.
import './object-has-own.js';
import { createLowlight } from 'lowlight';
import type { ElementContent, RootContent } from 'hast';
import bash from 'highlight.js/lib/languages/bash';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

/**
 * Syntax highlighting for code blocks, in a chunk of its own that loads when an answer first has
 * a finished code block naming a language (see `parley-markdown.ts`). highlight.js grammars, run
 * by lowlight, give a tree of class names and text; it becomes DOM through Lit templates, like
 * the rest of the markdown: no HTML string is ever parsed. The languages are those business
 * answers show (queries, scripts, configuration, data); another shows as plain code.
 */
export const grammars = { bash, csharp, css, go, java, javascript, json, python, sql, typescript, xml, yaml };
const lowlight = createLowlight(grammars);

/** Longer code shows plain: highlighting runs in one task, and a huge block would make it a long one. */
const maxHighlightedChars = 20_000;

function renderNode(node: RootContent | ElementContent): TemplateResult | string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return '';
  // Class names come from the grammar (`hljs-keyword`…), never from the code.
  const className = Array.isArray(node.properties.className) ? node.properties.className.join(' ') : '';
  return html`<span class=${className}>${node.children.map(renderNode)}</span>`;
}

/** The code as highlighted DOM, or `undefined` for a language it does not know (or code too long). */
export function highlightCode(code: string, language: string): Array<TemplateResult | string> | undefined {
  const name = language.toLowerCase();
  if (code.length > maxHighlightedChars || !lowlight.registered(name)) return undefined;
  return lowlight.highlight(name, code).children.map(renderNode);
}
