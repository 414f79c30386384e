// The host page's own labels (the widget translates itself from its `lang` attribute).

export const pageLabels = {
  en: {
    brandTagline: 'Procurement',
    demoNotice: 'Parley demo — the assistant is a retrieval demo over bundled documents, not an LLM. Point PARLEY_UPSTREAM_URL at your own model to use one.',
    navDashboard: 'Dashboard', navProcurement: 'Procurement', navInventory: 'Inventory', navFinance: 'Finance',
    userLabel: 'Signed in as', languageLabel: 'Language', brandLabel: 'Brand',
    pageTitle: 'Purchase orders', currentOrder: 'Current order', supplier: 'Supplier', status: 'Status', amount: 'Amount',
    requestedBy: 'Requested by', approver: 'Approver', expectedDelivery: 'Expected delivery', lines: 'Lines',
    orders: 'All purchase orders', colId: 'PO', colSupplier: 'Supplier', colItems: 'Items', colAmount: 'Amount', colStatus: 'Status', colCreated: 'Created',
    suppliers: 'Framework suppliers', terms: 'Payment terms', categories: 'Categories', agreement: 'Agreement',
    tryAsking: 'Try asking the assistant', inlineLink: 'Inline mode demo', launcherLink: 'Launcher mode demo',
    newOrder: 'New', close: 'Close', documentTitle: 'Document', loading: 'Loading…', notVisible: 'This document is not available to you.',
    prompts: ['What are the payment terms with ACME?', 'Order 10 laptops from ACME', 'How many monitors are in stock?', 'Compare the payment terms of ACME and Huadong', 'What is the status of this order?', 'What is our negotiation strategy with ACME?'],
    roleHint: { alice: 'Procurement manager — can raise orders and see restricted documents', bob: 'Warehouse clerk — cannot raise orders or see restricted documents' },
    activity: 'Assistant activity (audit)',
    activityIntro: "Every action the assistant proposes and every decision on it, from the widget's parley-action events — what a host forwards to its audit log.",
    activityTypes: { requested: 'proposed', approved: 'approved', rejected: 'rejected', ran: 'ran', failed: 'failed' },
    heading: 'Procurement assistant', inlineTitle: 'Supplier workspace', inlineIntro: 'The assistant sits in the sidebar (mode="inline"): ask about the supplier agreements while you review them.',
    actions: {
      create_purchase_order: { title: 'Create purchase order', args: { supplier: 'Supplier', item: 'Item', sku: 'SKU', quantity: 'Quantity', unitPrice: 'Unit price', currency: 'Currency' } },
      lookup_stock: { title: 'Look up stock', args: { item: 'Item', sku: 'SKU' } },
    },
    orderStatus: {},
    stockSummary: (item, available, onHand, reserved) => item + ': ' + available + ' available (' + onHand + ' on hand, ' + reserved + ' reserved)',
    noSuchItem: (item) => 'No item "' + item + '" in the inventory',
  },
  'zh-CN': {
    brandTagline: '采购管理',
    demoNotice: 'Parley 演示：助手是基于内置文档的检索演示，并非大语言模型。设置 PARLEY_UPSTREAM_URL 即可接入您自己的模型。',
    navDashboard: '工作台', navProcurement: '采购', navInventory: '库存', navFinance: '财务',
    userLabel: '当前用户', languageLabel: '语言', brandLabel: '品牌',
    pageTitle: '采购订单', currentOrder: '当前订单', supplier: '供应商', status: '状态', amount: '金额',
    requestedBy: '申请人', approver: '审批人', expectedDelivery: '预计交货', lines: '明细',
    orders: '全部采购订单', colId: '订单号', colSupplier: '供应商', colItems: '物品', colAmount: '金额', colStatus: '状态', colCreated: '创建日期',
    suppliers: '框架协议供应商', terms: '付款条件', categories: '品类', agreement: '协议',
    tryAsking: '试着问问助手', inlineLink: '内嵌模式演示', launcherLink: '悬浮按钮模式演示',
    newOrder: '新', close: '关闭', documentTitle: '文档', loading: '加载中……', notVisible: '您无权查看此文档。',
    prompts: ['ACME的付款条件是什么？', '帮我向ACME订购10台笔记本', '显示器还有多少库存？', '对比ACME和华东电子的付款条件', '这个订单的状态是什么？', '差旅住宿标准是多少？'],
    roleHint: { alice: '采购经理：可以创建订单并查看受限文档', bob: '仓库管理员：不能创建订单或查看受限文档' },
    activity: '助手操作记录（审计）',
    activityIntro: '助手提出的每个操作以及对它的每个决定，来自组件的 parley-action 事件，宿主系统可将其转发到审计日志。',
    activityTypes: { requested: '提出', approved: '批准', rejected: '拒绝', ran: '已执行', failed: '失败' },
    heading: '采购助手', inlineTitle: '供应商工作台', inlineIntro: '助手位于侧边栏（mode="inline"）：查看供应商协议时可以随时提问。',
    actions: {
      create_purchase_order: { title: '创建采购订单', args: { supplier: '供应商', item: '物品', sku: '物料编码', quantity: '数量', unitPrice: '单价', currency: '币种' } },
      lookup_stock: { title: '查询库存', args: { item: '物品', sku: '物料编码' } },
    },
    orderStatus: {
      'Awaiting CEO approval': '待首席执行官审批',
      'Awaiting CFO approval': '待首席财务官审批',
      'Awaiting department head approval': '待部门负责人审批',
      'Awaiting line manager approval': '待直属经理审批',
      'Sent to supplier': '已发送给供应商',
      Received: '已收货',
      Paid: '已付款',
    },
    stockSummary: (item, available, onHand, reserved) => item + '：可用 ' + available + '（在库 ' + onHand + '，已预留 ' + reserved + '）',
    noSuchItem: (item) => '库存中没有“' + item + '”',
  },
};

/** An order's status as the page shows it: the ERP stores it in English, as it sends it to the assistant in `context`. */
export function orderStatusLabel(labels, status) {
  return (labels.orderStatus && labels.orderStatus[status]) || status;
}

/** Fills every `[data-label]` element's text from the dictionary of `lang`. */
export function applyPageLabels(lang) {
  const labels = pageLabels[lang] || pageLabels.en;
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-label]').forEach((element) => {
    const value = labels[element.getAttribute('data-label')];
    if (typeof value === 'string') element.textContent = value;
  });
  return labels;
}
