// The inline-mode demo: the assistant lives in a sidebar next to the supplier workspace.
import { currentOrder } from './procurement-data.js';
import { startProcurementShell } from './procurement-shell.js';

startProcurementShell(() => ({ page: 'supplier-workspace', locale: document.documentElement.lang, order: currentOrder }));
