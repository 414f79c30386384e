import type { ProtocolAdapter } from '../protocol-adapter.js';
import type { ProtocolName } from '../protocol-name.js';
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
} satisfies Record<Exclude<ProtocolName, 'auto'>, () => ProtocolAdapter>;
