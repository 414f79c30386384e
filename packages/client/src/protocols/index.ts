import type { ProtocolAdapter } from '../protocol-adapter.js';
import { aiSdk } from './ai-sdk.js';
import { anthropic } from './anthropic.js';
import { dify } from './dify.js';
import { ollama } from './ollama.js';
import { openaiResponses } from './openai-responses.js';
import { openai } from './openai.js';
import { parley } from './parley.js';

/** The built-in wire protocols, by the name `createClient({ protocol })` accepts. */
export const protocolFactories = {
  openai,
  'openai-responses': openaiResponses,
  anthropic,
  ollama,
  'ai-sdk': aiSdk,
  dify,
  parley,
} satisfies Record<string, () => ProtocolAdapter>;

export type ProtocolName = keyof typeof protocolFactories;

export const protocolNames = Object.keys(protocolFactories) as ProtocolName[];
