// What both procurement pages do with the shell: an approved order goes to the top of the table
// (highlighted), and a language switch re-renders the prompts, suppliers and orders (and what the
// page adds with `onLanguage`).
import { startDemoShell, renderPrompts } from './demo-shell.js';
import { orders } from './procurement-data.js';
import { renderOrders, renderSuppliers } from './procurement-views.js';

export function startProcurementShell(context, { onLanguage } = {}) {
  let highlighted;
  const shell = startDemoShell({
    context,
    addOrder(order) {
      orders.unshift(order);
      highlighted = order.id;
      renderOrders(shell.labels(), highlighted);
    },
    onLanguage(lang, labels) {
      renderPrompts(document.getElementById('prompt-list'), labels.prompts);
      renderSuppliers(lang);
      renderOrders(labels, highlighted);
      if (onLanguage) onLanguage(labels);
    },
  });
  return shell;
}
