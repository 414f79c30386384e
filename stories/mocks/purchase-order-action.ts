import { defineAction, type ActionMap } from '@parley/client';

const parameters = {
  type: 'object',
  properties: {
    supplier: { type: 'string' },
    item: { type: 'string' },
    quantity: { type: 'integer', minimum: 1 },
    deliverBy: { type: 'string', format: 'date' },
  },
  required: ['supplier', 'item', 'quantity'],
  additionalProperties: false,
};

/** The host app's action the mock gateway asks for; approval is always a person's. */
export function purchaseOrderActions({ fails = false, never = false } = {}): ActionMap {
  return {
    createPurchaseOrder: defineAction({
      title: 'Create purchase order',
      description: 'Creates a purchase order in the ERP, pending Finance approval.',
      parameters,
      run: (_args, { signal }) => {
        // An ERP call that has not come back yet; Stop aborts it.
        if (never) return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
        if (fails) throw new Error('Supplier Huadong Steel is on hold with Finance.');
        return { orderId: 'PO-2025-0142', status: 'pending-finance-approval' };
      },
    }),
  };
}
