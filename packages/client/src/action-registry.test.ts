import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import * as zm from 'zod/mini';
import { createActionRegistry, defineAction } from './action-registry.js';
import { checkArgs } from './apply-answer-event.js';

describe('createActionRegistry', () => {
  it('turns zod parameters into a JSON Schema tool and validates with zod (defaults applied)', () => {
    const registry = createActionRegistry({
      create_po: defineAction({
        description: 'Create a purchase order',
        parameters: z.object({ supplier: z.string(), qty: z.number().default(1) }),
        run: (args) => args.supplier,
      }),
    });
    expect(registry.tools).toEqual([
      { name: 'create_po', description: 'Create a purchase order', parameters: expect.objectContaining({ type: 'object', properties: { supplier: { type: 'string' }, qty: expect.objectContaining({ type: 'number' }) } }) },
    ]);
    expect(registry.tools![0]!.parameters).not.toHaveProperty('$schema');
    const action = registry.get('create_po')!;
    expect(checkArgs(action, { supplier: 'ACME' })).toEqual({ ok: true, args: { supplier: 'ACME', qty: 1 } });
    expect(checkArgs(action, { qty: 2 })).toEqual({ ok: false, error: expect.stringMatching(/^Invalid arguments for create_po: supplier: /) });
  });

  it('validates JSON Schema parameters without generating code', async () => {
    const registry = createActionRegistry({
      approve_invoice: {
        description: 'Approve an invoice',
        parameters: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { id: { type: 'string', pattern: '^INV-\\d+$' }, amount: { type: 'number', maximum: 5000 } }, required: ['id'] },
        run: () => 'ok',
      },
    });
    await registry.loading();
    const action = registry.get('approve_invoice')!;
    expect(checkArgs(action, { id: 'INV-7', amount: 10 })).toEqual({ ok: true, args: { id: 'INV-7', amount: 10 } });
    const invalid = checkArgs(action, { id: 'X', amount: 9000 });
    expect(invalid.ok).toBe(false);
    expect(!invalid.ok && invalid.error).toMatch(/id: must match \^INV-/);
    expect(!invalid.ok && invalid.error).toMatch(/amount: /);
  });

  it('refuses parameters it cannot use, naming the action', () => {
    expect(() => createActionRegistry({ a: { description: 'a', parameters: { _def: {}, safeParse: () => null }, run: () => null } })).toThrow(/actions\.a\.parameters looks like a zod 3 schema/);
    expect(() => createActionRegistry({ a: { description: 'a', parameters: 'string' as never, run: () => null } })).toThrow(/actions\.a\.parameters must be/);
    expect(() => createActionRegistry({ a: { run: () => null } as never })).toThrow(/actions\.a\.description/);
  });

  it('explains that a zod/mini schema must be given as JSON Schema', async () => {
    expect(() => createActionRegistry({ a: { description: 'a', parameters: zm.object({ id: zm.string() }), run: () => null } })).toThrow(/actions\.a\.parameters cannot describe itself as JSON Schema/);
    const registry = createActionRegistry({ a: { description: 'a', parameters: zm.toJSONSchema(zm.object({ id: zm.string() })), run: () => null } });
    await registry.loading();
    expect(checkArgs(registry.get('a')!, { id: 7 })).toEqual({ ok: false, error: expect.stringMatching(/^Invalid arguments for a: id: .*expected string/) });
  });

  it('JSON Schema checks reach nested objects, arrays, enums, unknown properties and local $refs', async () => {
    const registry = createActionRegistry({
      create_po: {
        description: 'Create a purchase order',
        parameters: {
          type: 'object',
          $defs: { line: { type: 'object', properties: { sku: { type: 'string', minLength: 3 }, qty: { type: 'integer', minimum: 1 } }, required: ['sku', 'qty'] } },
          properties: { currency: { enum: ['CNY', 'USD'] }, lines: { type: 'array', minItems: 1, items: { $ref: '#/$defs/line' } }, note: { type: ['string', 'null'] } },
          required: ['currency', 'lines'],
          additionalProperties: false,
        },
        run: () => null,
      },
    });
    await registry.loading();
    const action = registry.get('create_po')!;
    expect(checkArgs(action, { currency: 'CNY', lines: [{ sku: 'LAP-14', qty: 10 }], note: null }).ok).toBe(true);
    const invalid = checkArgs(action, { currency: 'EUR', lines: [{ sku: 'L', qty: 0.5 }, {}], discount: 5 });
    expect(invalid).toEqual({
      ok: false,
      error: 'Invalid arguments for create_po: currency: must be one of "CNY", "USD"; lines[0].sku: must have at least 3 characters; lines[0].qty: expected integer, got number; lines[1].sku: is required; lines[1].qty: is required; discount: is not an allowed property',
    });
    expect(checkArgs(action, { currency: 'USD', lines: [] })).toEqual({ ok: false, error: 'Invalid arguments for create_po: lines: must have at least 1 items' });
  });

  it('an action without parameters takes an empty object', () => {
    const registry = createActionRegistry({ refresh: { description: 'Refresh', run: () => null } });
    expect(registry.tools![0]!.parameters).toEqual({ type: 'object', properties: {} });
    expect(checkArgs(registry.get('refresh')!, {}).ok).toBe(true);
    expect(checkArgs(registry.get('refresh')!, '{oops').ok).toBe(false);
  });

  it('confirm: true by default, false, or per call; a throwing confirm asks a person', () => {
    const run = () => null;
    const registry = createActionRegistry({
      a: { description: 'a', run },
      b: { description: 'b', confirm: false, run },
      c: { description: 'c', confirm: (args: { amount: number }) => args.amount > 100, run },
      d: { description: 'd', confirm: () => { throw new Error('bug'); }, run },
    });
    expect(registry.get('a')!.needsConfirmation({})).toBe(true);
    expect(registry.get('b')!.needsConfirmation({})).toBe(false);
    expect(registry.get('c')!.needsConfirmation({ amount: 5 })).toBe(false);
    expect(registry.get('c')!.needsConfirmation({ amount: 500 })).toBe(true);
    expect(registry.get('d')!.needsConfirmation({})).toBe(true);
    expect(registry.get('toString')).toBeUndefined();
    expect(createActionRegistry(undefined).tools).toBeUndefined();
  });
});
