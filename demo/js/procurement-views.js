// Renders the ERP's data into the demo pages, always as text (never markup).
import { setChildren } from './set-children.js';
import { orderStatusLabel } from './page-i18n.js';
import { currentOrder, orders, suppliers } from './procurement-data.js';

export const money = (amount, currency) => currency + ' ' + Number(amount).toLocaleString('en-US', { maximumFractionDigits: 2 });

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

export function renderOrders(labels, highlightId) {
  const body = document.getElementById('orders-body');
  setChildren(body, [
    ...orders.map((order) => {
      const row = document.createElement('tr');
      row.dataset.orderId = order.id;
      const id = cell(order.id, 'mono');
      if (order.id === highlightId) {
        row.className = 'is-new';
        id.append(Object.assign(document.createElement('span'), { className: 'badge', textContent: labels.newOrder }));
      }
      const status = cell('');
      status.append(Object.assign(document.createElement('span'), { className: 'status-pill', textContent: orderStatusLabel(labels, order.status) }));
      row.append(id, cell(order.supplier), cell(order.items), cell(money(order.amount, order.currency), 'num'), status, cell(order.created, 'mono'));
      return row;
    }),
  ]);
}

export function renderCurrentOrder(labels) {
  document.getElementById('current-order-id').textContent = currentOrder.id;
  const fields = {
    supplier: currentOrder.supplier,
    status: orderStatusLabel(labels, currentOrder.status),
    amount: money(currentOrder.amount, currentOrder.currency),
    requestedBy: currentOrder.requestedBy,
    approver: currentOrder.approver,
    expectedDelivery: currentOrder.expectedDelivery,
  };
  Object.entries(fields).forEach(([key, value]) => {
    document.querySelector('[data-field="' + key + '"]').textContent = value;
  });
  setChildren(document.getElementById('current-order-lines'), [
    ...currentOrder.items.map((line) => Object.assign(document.createElement('li'), { textContent: line.quantity + ' × ' + line.name + ' @ ' + money(line.unitPrice, currentOrder.currency) })),
  ]);
}

export function renderSuppliers(lang) {
  const zh = lang === 'zh-CN';
  setChildren(document.getElementById('supplier-list'), [
    ...suppliers.map((supplier) => {
      const item = document.createElement('li');
      item.className = 'supplier';
      item.append(
        Object.assign(document.createElement('strong'), { textContent: zh ? supplier.nameZh : supplier.name }),
        Object.assign(document.createElement('span'), { textContent: zh ? supplier.termsZh : supplier.terms }),
        Object.assign(document.createElement('span'), { className: 'muted', textContent: (zh ? supplier.categoriesZh : supplier.categories) + ' · ' + supplier.agreement }),
      );
      return item;
    }),
  ]);
}
