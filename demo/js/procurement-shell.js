// What both procurement pages do with the shell: an approved order goes to the top of the table
// (highlighted), and a language switch re-renders the prompts, suppliers and orders (and what the
// page adds with `onLanguage`).
import { readSaved, renderPrompts, savePreference, startDemoShell } from './demo-shell.js';
import { orders } from './procurement-data.js';
import { renderOrders, renderSuppliers } from './procurement-views.js';

// Orders the assistant created live as long as the conversation does (the widget keeps it in
// sessionStorage by default): after a reload, the table still has the order the restored
// transcript says was created, and the next one gets the next number.
function readCreatedOrders() {
  try {
    const created = JSON.parse(readSaved('created-orders') ?? '[]');
    return Array.isArray(created) ? created : [];
  } catch (error) {
    return [];
  }
}

export function startProcurementShell(context, { onLanguage } = {}) {
  const created = readCreatedOrders();
  orders.unshift(...created);
  let highlighted;
  const shell = startDemoShell({
    context,
    addOrder(order) {
      orders.unshift(order);
      created.unshift(order);
      savePreference('created-orders', JSON.stringify(created));
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
