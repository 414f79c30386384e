import type * as core from 'zod/v4/core';
import type { ToolCall } from './chat-event.js';
import type { ToolDefinition } from './chat-message.js';
import type { Conversation } from './create-conversation.js';

/** A JSON Schema object (draft 4, 7, 2019-09 or 2020-12; `$schema` picks the draft, 2020-12 by default). */
export type JsonSchema = Record<string, unknown>;

/** What an action's `run` receives besides its arguments. */
export interface ActionRunContext {
  /** Aborted when the person presses stop or clears the conversation: pass it to `fetch`. */
  signal: AbortSignal;
  /** The conversation the call came from. */
  conversation: Conversation;
  /** The model's call as it arrived (its `args` are the model's proposal, before any edit). */
  toolCall: ToolCall;
}

/**
 * Something the model may do in the host app (create a purchase order, open a record).
 * The model proposes a call; arguments are validated; a person approves unless `confirm` says
 * otherwise; then `run` does it and its return value goes back to the model.
 */
export interface ConversationAction<Args = unknown> {
  /** Short human label for the action card ("Create purchase order"). Defaults to the name. */
  title?: string;
  /** What the action does, for the model (sent as the tool description). */
  description: string;
  /**
   * The arguments: a zod 4 schema (or any Standard JSON Schema) or a JSON Schema object. Either way the
   * JSON Schema goes to the gateway and arguments are validated before anything runs; zod's
   * parsed output (defaults applied) is what `run` gets. Omitted: an action without arguments.
   */
  parameters?: core.$ZodType<Args> | JsonSchema;
  /** Ask a person first: `true` (default), `false`, or decided per call from the arguments. */
  confirm?: boolean | ((args: Args) => boolean);
  /** Does it. The (JSON-serialisable) return value is the tool result; a throw becomes `{ error }`. */
  run(args: Args, context: ActionRunContext): unknown;
}

/** The `actions` option: action name (the tool name the model uses) → action. */
// `any` so that actions with different argument types fit in one map; defineAction keeps each typed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionMap = Record<string, ConversationAction<any>>;

/** Types `run`'s arguments from a zod schema: `defineAction({ parameters: z.object({...}), run(args) {...} })`. */
export function defineAction<S extends core.$ZodType>(action: ConversationAction<core.output<S>> & { parameters: S }): ConversationAction<core.output<S>>;
export function defineAction<Args = Record<string, unknown>>(action: ConversationAction<Args>): ConversationAction<Args>;
export function defineAction(action: ConversationAction): ConversationAction {
  return action;
}

export type ArgsCheck = { ok: true; args: unknown } | { ok: false; error: string };

/**
 * How an action's arguments are checked. The checking itself (`checkArgs`, with its messages) is
 * part of the answer code, loaded with the first request: a tool call arrives only in an answer.
 */
export type ArgsSchema =
  | { kind: 'object' }
  | { kind: 'standard'; standard: StandardSchema['~standard'] }
  /** `problems` is undefined when the JSON Schema checker could not be loaded. */
  | { kind: 'json'; problems(args: unknown): string[] | undefined };

/** One registered action with its wire schema and how its arguments are checked. */
export interface RegisteredAction {
  readonly name: string;
  readonly title: string;
  readonly action: ConversationAction;
  readonly args: ArgsSchema;
  /** Whether a person must approve this call; a throwing `confirm` function means yes. */
  needsConfirmation(args: unknown): boolean;
}

export interface ActionRegistry {
  /** Tool definitions for `client.stream({ tools })`; `undefined` when there are no actions. */
  readonly tools: ToolDefinition[] | undefined;
  /** Resolves (never rejects) once every validator can run; `undefined` when they all can now. */
  loading(): Promise<void> | undefined;
  get(name: string): RegisteredAction | undefined;
  readonly names: readonly string[];
}

// The strictest common tool-name rule among gateways (OpenAI: ^[a-zA-Z0-9_-]{1,64}$).
const toolNamePattern = /^[A-Za-z0-9_-]{1,64}$/;

/** The Standard Schema interface (standardschema.dev) with its JSON Schema extension, as zod 4 implements it. */
export interface StandardSchema {
  '~standard': {
    validate(value: unknown): StandardResult | Promise<StandardResult>;
    jsonSchema?: { input(options: { target: string }): JsonSchema };
  };
}
export type StandardResult = { value: unknown; issues?: undefined } | { issues: ReadonlyArray<{ message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> }> };

function isStandardSchema(value: unknown): value is StandardSchema {
  if (typeof value !== 'object' || value === null || !('~standard' in value)) return false;
  const standard = (value as StandardSchema)['~standard'];
  return typeof standard === 'object' && standard !== null && typeof standard.validate === 'function';
}


type CheckJsonSchema = typeof import('./json-schema-check.js').checkJsonSchema;
let checkJsonSchema: CheckJsonSchema | undefined;
let checkerLoad: Promise<void> | undefined;

/**
 * The JSON Schema checker is fetched when an action described by a JSON Schema object is
 * registered, so a page whose actions use zod, or that has none, never loads it. Until it is
 * there, a call to such an action waits (`loading()`); if it cannot load, the call fails closed.
 */
function loadJsonSchemaChecker(): Promise<void> {
  return (checkerLoad ??= import('./json-schema-check.js').then(
    (module) => void (checkJsonSchema = module.checkJsonSchema),
    (error: unknown) => {
      checkerLoad = undefined;
      console.error('[parley] The JSON Schema checker for actions could not be loaded:', error);
    },
  ));
}

function register(name: string, action: ConversationAction): { registered: RegisteredAction; tool: ToolDefinition; needsChecker: boolean } {
  if (!toolNamePattern.test(name)) throw new TypeError(`actions["${name}"]: an action name must be 1-64 letters, digits, "_" or "-" (gateways reject other tool names).`);
  if (typeof action !== 'object' || action === null) throw new TypeError(`actions.${name} must be an object { description, parameters, confirm, run }.`);
  if (typeof action.run !== 'function') throw new TypeError(`actions.${name}.run must be a function.`);
  if (typeof action.description !== 'string') throw new TypeError(`actions.${name}.description must be a string (the model reads it to decide when to call the action).`);
  const confirm = action.confirm ?? true;
  if (typeof confirm !== 'boolean' && typeof confirm !== 'function') throw new TypeError(`actions.${name}.confirm must be true, false or a function of the arguments.`);

  const { parameters } = action;
  let jsonSchema: JsonSchema;
  let args: ArgsSchema;
  let needsChecker = false;
  if (parameters === undefined) {
    jsonSchema = { type: 'object', properties: {} };
    args = { kind: 'object' };
  } else if (isStandardSchema(parameters)) {
    // zod 4 (classic) and other Standard Schema libraries describe themselves as JSON Schema and
    // validate themselves, so Parley carries no schema converter of its own (it would weigh more
    // than the rest of the conversation code). zod/mini schemas cannot describe themselves.
    const standard = parameters['~standard'];
    if (!standard.jsonSchema) {
      throw new TypeError(`actions.${name}.parameters cannot describe itself as JSON Schema (zod/mini schemas cannot): pass a zod (classic) schema, or a JSON Schema object such as z.toJSONSchema(schema).`);
    }
    const { $schema: _dialect, ...wire } = standard.jsonSchema.input({ target: 'draft-2020-12' });
    jsonSchema = wire;
    args = { kind: 'standard', standard };
  } else if (typeof parameters === 'object' && parameters !== null && '_def' in parameters && typeof (parameters as { safeParse?: unknown }).safeParse === 'function') {
    throw new TypeError(`actions.${name}.parameters looks like a zod 3 schema; use zod 4 or a JSON Schema object.`);
  } else if (typeof parameters === 'object' && parameters !== null && !Array.isArray(parameters)) {
    const schema = parameters as JsonSchema;
    jsonSchema = schema;
    needsChecker = true;
    void loadJsonSchemaChecker();
    args = { kind: 'json', problems: (value) => checkJsonSchema?.(schema, value) };
  } else {
    throw new TypeError(`actions.${name}.parameters must be a zod schema or a JSON Schema object.`);
  }

  const registered: RegisteredAction = {
    name,
    title: action.title ?? name,
    action,
    args,
    needsConfirmation(value) {
      if (typeof confirm === 'boolean') return confirm;
      try {
        return confirm(value) !== false;
      } catch {
        return true;
      }
    },
  };
  return { registered, tool: { name, description: action.description, parameters: jsonSchema }, needsChecker };
}

/** Validates the `actions` option once, up front, and prepares tool definitions and validators. */
export function createActionRegistry(actions: ActionMap | undefined): ActionRegistry {
  const byName = new Map<string, RegisteredAction>();
  const tools: ToolDefinition[] = [];
  let usesJsonSchema = false;
  for (const [name, action] of Object.entries(actions ?? {})) {
    const { registered, tool, needsChecker } = register(name, action as ConversationAction);
    byName.set(name, registered);
    tools.push(tool);
    usesJsonSchema ||= needsChecker;
  }
  return {
    tools: tools.length ? tools : undefined,
    loading: () => (usesJsonSchema && !checkJsonSchema ? loadJsonSchemaChecker() : undefined),
    names: [...byName.keys()],
    get: (name) => byName.get(name),
  };
}
