// The inline-mode demo: the assistant lives in a sidebar next to the supplier workspace.
import { startDemoShell, renderPrompts } from './demo-shell.js';
import { currentOrder, orders } from './procurement-data.js';
import { renderOrders, renderSuppliers } from './procurement-views.js';

let highlighted;
const shell = startDemoShell({
  context: () => ({ page: 'supplier-workspace', locale: document.documentElement.lang, order: currentOrder }),
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
