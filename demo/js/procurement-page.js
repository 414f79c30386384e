// The launcher-mode demo: a purchase-order page of an ERP with <parley-chat> dropped in.
import { currentOrder } from './procurement-data.js';
import { startProcurementShell } from './procurement-shell.js';
import { renderCurrentOrder } from './procurement-views.js';

startProcurementShell(() => ({ page: 'purchase-order', locale: document.documentElement.lang, order: currentOrder, orgUnit: 'Northwind Trading · IT Procurement' }), { onLanguage: renderCurrentOrder });
