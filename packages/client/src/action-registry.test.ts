import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { createActionRegistry, defineAction } from './action-registry.js';

describe('createActionRegistry', () => {
  it('turns zod parameters into a JSON Schema tool and validates with zod (defaults applied)', () => {
    const registry = createActionRegistry({
      create_po: defineAction({
        description: 'Create a purchase order',
        parameters: z.object({ supplier: z.string(), qty: z._default(z.number(), 1) }),
        run: (args) => args.supplier,
      }),
    });
    expect(registry.tools).toEqual([
      { name: 'create_po', description: 'Create a purchase order', parameters: expect.objectContaining({ type: 'object', properties: { supplier: { type: 'string' }, qty: expect.objectContaining({ type: 'number' }) } }) },
    ]);
    expect(registry.tools![0]!.parameters).not.toHaveProperty('$schema');
    const action = registry.get('create_po')!;
    expect(action.validate({ supplier: 'ACME' })).toEqual({ ok: true, args: { supplier: 'ACME', qty: 1 } });
    expect(action.validate({ qty: 2 })).toEqual({ ok: false, error: expect.stringMatching(/^Invalid arguments for create_po: supplier: /) });
  });

  it('validates JSON Schema parameters without generating code, honouring the declared draft', () => {
    const registry = createActionRegistry({
      approve_invoice: {
        description: 'Approve an invoice',
        parameters: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { id: { type: 'string', pattern: '^INV-\\d+$' }, amount: { type: 'number', maximum: 5000 } }, required: ['id'] },
        run: () => 'ok',
      },
    });
    const action = registry.get('approve_invoice')!;
    expect(action.validate({ id: 'INV-7', amount: 10 })).toEqual({ ok: true, args: { id: 'INV-7', amount: 10 } });
    const invalid = action.validate({ id: 'X', amount: 9000 });
    expect(invalid.ok).toBe(false);
    expect(!invalid.ok && invalid.error).toMatch(/id: .*pattern/);
    expect(!invalid.ok && invalid.error).toMatch(/amount: /);
  });

  it('refuses parameters it cannot use, naming the action', () => {
    expect(() => createActionRegistry({ a: { description: 'a', parameters: { _def: {}, safeParse: () => null }, run: () => null } })).toThrow(/actions\.a\.parameters looks like a zod 3 schema/);
    expect(() => createActionRegistry({ a: { description: 'a', parameters: 'string' as never, run: () => null } })).toThrow(/actions\.a\.parameters must be/);
    expect(() => createActionRegistry({ a: { run: () => null } as never })).toThrow(/actions\.a\.description/);
  });

  it('an action without parameters takes an empty object', () => {
    const registry = createActionRegistry({ refresh: { description: 'Refresh', run: () => null } });
    expect(registry.tools![0]!.parameters).toEqual({ type: 'object', properties: {} });
    expect(registry.get('refresh')!.validate({}).ok).toBe(true);
    expect(registry.get('refresh')!.validate('{oops').ok).toBe(false);
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
