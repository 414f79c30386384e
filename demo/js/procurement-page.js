// The launcher-mode demo: a purchase-order page of an ERP with <parley-chat> dropped in.
import { startDemoShell, renderPrompts } from './demo-shell.js';
import { currentOrder, orders } from './procurement-data.js';
import { renderCurrentOrder, renderOrders, renderSuppliers } from './procurement-views.js';

let highlighted;
const shell = startDemoShell({
  context: () => ({ page: 'purchase-order', locale: document.documentElement.lang, order: currentOrder, orgUnit: 'Northwind Trading · IT Procurement' }),
  addOrder(order) {
    orders.unshift(order);
    highlighted = order.id;
    renderOrders(shell.labels(), highlighted);
  },
  onLanguage(lang, labels) {
    renderPrompts(document.getElementById('prompt-list'), labels.prompts);
    renderSuppliers(lang);
    renderOrders(labels, highlighted);
  },
});
renderCurrentOrder();
