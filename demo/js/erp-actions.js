// The agent actions this page registers on <parley-chat>. Their JSON Schemas go to the gateway as
// tools; the widget validates the model's arguments against them and asks the person to approve
// before `run` changes anything. Their cards' titles and argument labels follow the page's language
// through a plug-in (erp-action-cards.js); what `run` returns for the person to read does too.
import { orderStatusLabel } from './page-i18n.js';
import { approvalStatus, findInventoryItem, orders } from './procurement-data.js';

/** The next free PO-2026-… number, after the orders already in the table (also those created before a reload). */
function nextOrderId() {
  const taken = orders.map((order) => Number(/^PO-2026-(\d+)$/.exec(order.id)?.[1] ?? 141));
  return 'PO-2026-' + String(Math.max(141, ...taken) + 1).padStart(4, '0');
}

export function createErpActions({ addOrder, currentUser, labels }) {
  return {
    create_purchase_order: {
      title: 'Create purchase order',
      description: 'Create a purchase order in the ERP. Needs the supplier, the item and the quantity.',
      parameters: {
        type: 'object',
        properties: {
          supplier: { type: 'string', description: 'Supplier name, e.g. ACME Industrial Supplies' },
          item: { type: 'string', description: 'Item name' },
          sku: { type: 'string', description: 'Stock keeping unit, e.g. LAP-PB14' },
          quantity: { type: 'integer', minimum: 1, maximum: 10000 },
          unitPrice: { type: 'number', minimum: 0 },
          currency: { type: 'string', enum: ['USD', 'CNY'] },
        },
        required: ['supplier', 'item', 'quantity'],
        additionalProperties: false,
      },
      confirm: true,
      run(args) {
        const currency = args.currency || 'USD';
        const amount = (args.unitPrice || 0) * args.quantity;
        const order = {
          id: nextOrderId(),
          supplier: args.supplier,
          items: args.quantity + ' × ' + args.item,
          amount,
          currency,
          status: approvalStatus(amount, currency),
          created: new Date().toISOString().slice(0, 10),
          requestedBy: currentUser(),
        };
        addOrder(order);
        // The card shows `status` as the result; the assistant quotes it too.
        return { id: order.id, status: orderStatusLabel(labels(), order.status), supplier: order.supplier, item: args.item, quantity: args.quantity, total: amount, currency };
      },
    },
    lookup_stock: {
      title: 'Look up stock',
      description: 'Current stock of an item in the Shanghai warehouse (reads the ERP).',
      parameters: {
        type: 'object',
        properties: { item: { type: 'string', description: 'Item name or SKU' }, sku: { type: 'string' } },
        required: ['item'],
        additionalProperties: false,
      },
      confirm: false,
      run(args) {
        const item = findInventoryItem(args.sku || args.item);
        if (!item) return { error: labels().noSuchItem(args.item) };
        const available = item.onHand - item.reserved;
        // `summary` is the card's result line (else it shows the JSON); the assistant reads the numbers.
        const summary = labels().stockSummary(item.name, available, item.onHand, item.reserved);
        return { summary, item: item.name, sku: item.sku, onHand: item.onHand, reserved: item.reserved, available, reorderPoint: item.reorderPoint };
      },
    },
  };
}
