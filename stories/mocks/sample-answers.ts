import type { Citation, StatusStep } from '@parley/client';

/**
 * What the mock gateways say, in English and Chinese. Answers are about the ERP demo's
 * purchasing domain, so the stories read like the product, not like lorem ipsum.
 */
export interface SampleAnswers {
  plain: string;
  markdown: string;
  reasoning: string;
  afterReasoning: string;
  cited: string;
  citations: Citation[];
  researchSteps: Array<{ step: StatusStep; doneDetail: string }>;
  afterResearch: string;
  actionIntro: string;
  afterApproval: string;
  afterRejection: string;
  afterFailure: string;
  afterData: string;
  answeredBy: (model: string) => string;
  long: string;
  stalled: string;
}

export const englishAnswers: SampleAnswers = {
  plain: 'Purchase order **PO-2025-0117** was approved on 12 March and shipped yesterday. The carrier expects delivery to the Suzhou warehouse on Friday.',
  markdown: [
    '## Q1 spend by supplier',
    '',
    'Spend is up **8.4 %** on Q4, driven by two suppliers:',
    '',
    '| Supplier | Q4 (¥k) | Q1 (¥k) | Change |',
    '| --- | ---: | ---: | ---: |',
    '| Huadong Steel | 1,240 | 1,410 | +13.7 % |',
    '| Pearl River Plastics | 860 | 905 | +5.2 % |',
    '| Northwind Logistics | 410 | 388 | −5.4 % |',
    '',
    '### How this was computed',
    '',
    '1. Invoices posted in the period, net of credit notes',
    '2. Converted at the month-end rate',
    '3. Grouped by `supplier_id`',
    '',
    '```sql',
    'SELECT supplier_id, SUM(net_amount) AS spend',
    'FROM invoices',
    "WHERE posted_at >= DATE '2025-01-01'",
    'GROUP BY supplier_id;',
    '```',
    '',
    '> Figures exclude invoices still in approval.',
    '',
    'See the [procurement dashboard](https://erp.example.com/procurement) for the live view.',
  ].join('\n'),
  reasoning:
    'The user asks whether we can still cancel PO-2025-0117. It shipped yesterday, so cancellation is no longer possible under the standard terms. A return after delivery is allowed within 14 days. I should explain both and suggest the return.',
  afterReasoning: 'It can no longer be cancelled: **PO-2025-0117** shipped yesterday. You can refuse the delivery or request a return within **14 days** of receipt.',
  cited: 'Orders above ¥50,000 need a second approver from Finance [1]. Urgent orders can use the fast-track form, but still need that approval within two working days [2].',
  citations: [
    { id: '1', title: 'Procurement policy 2025', source: 'Policies / Finance', page: 4, url: 'https://erp.example.com/docs/procurement-policy', snippet: 'Any order above ¥50,000 requires approval by a second approver from Finance.' },
    { id: '2', title: 'Fast-track purchasing guide', source: 'Wiki / Purchasing', page: 2, snippet: 'Fast-track orders are approved retroactively within two working days.' },
  ],
  researchSteps: [
    { step: { id: 'search', label: 'Searching supplier contracts', state: 'running' }, doneDetail: '12 contracts found' },
    { step: { id: 'read', label: 'Reading delivery terms', state: 'running' }, doneDetail: '3 relevant clauses' },
    { step: { id: 'compare', label: 'Comparing late-delivery penalties', state: 'running' }, doneDetail: 'Done' },
  ],
  afterResearch: 'Two of the three suppliers charge **0.5 % per day** for late delivery, capped at 10 %. Northwind Logistics has no penalty clause; consider adding one at renewal in June.',
  actionIntro: 'I can create that purchase order for you. Please review it first.',
  afterApproval: 'Done: purchase order **PO-2025-0142** for 200 × M8 bolts from Huadong Steel is created and waiting for Finance approval.',
  afterRejection: 'Understood, I did not create the order. Tell me what to change (supplier, quantity or date) and I will prepare a new one.',
  afterFailure: 'The ERP did not accept the order: Huadong Steel is on hold with Finance. I can prepare the same order for another supplier.',
  afterData: 'Wuxi is below its reorder point; Suzhou can transfer 400 units.',
  answeredBy: (model) => `This answer came from **${model}**.`,
  long: Array.from({ length: 12 }, (_, n) => `${n + 1}. Checking warehouse ${n + 1} stock levels against the reorder point and open orders.`).join('\n'),
  stalled: 'Collecting the inventory report from the warehouse system',
};

export const chineseAnswers: SampleAnswers = {
  plain: '采购订单 **PO-2025-0117** 已于 3 月 12 日批准，并于昨天发货。承运商预计周五送达苏州仓库。',
  markdown: [
    '## 第一季度各供应商支出',
    '',
    '支出较第四季度增长 **8.4%**，主要来自两家供应商：',
    '',
    '| 供应商 | 第四季度（千元） | 第一季度（千元） | 变化 |',
    '| --- | ---: | ---: | ---: |',
    '| 华东钢铁 | 1,240 | 1,410 | +13.7% |',
    '| 珠江塑料 | 860 | 905 | +5.2% |',
    '| 北风物流 | 410 | 388 | −5.4% |',
    '',
    '### 计算方法',
    '',
    '1. 统计期内过账的发票，扣除红字发票',
    '2. 按月末汇率折算',
    '3. 按 `supplier_id` 分组',
    '',
    '```sql',
    'SELECT supplier_id, SUM(net_amount) AS spend',
    'FROM invoices',
    "WHERE posted_at >= DATE '2025-01-01'",
    'GROUP BY supplier_id;',
    '```',
    '',
    '> 数据不含仍在审批中的发票。',
    '',
    '实时数据请查看[采购看板](https://erp.example.com/procurement)。',
  ].join('\n'),
  reasoning: '用户询问 PO-2025-0117 是否还能取消。该订单昨天已发货，按标准条款已无法取消。收货后 14 天内可以退货。我应说明这两点并建议退货。',
  afterReasoning: '该订单已无法取消：**PO-2025-0117** 已于昨天发货。您可以拒收，或在收货后 **14 天**内申请退货。',
  cited: '金额超过 5 万元的订单需要财务部第二审批人批准【1】。紧急订单可以走快速通道，但仍需在两个工作日内补批【2】。',
  citations: [
    { id: '1', title: '2025 年采购制度', source: '制度 / 财务', page: 4, url: 'https://erp.example.com/docs/procurement-policy', snippet: '金额超过 5 万元的订单须经财务部第二审批人批准。' },
    { id: '2', title: '快速采购指南', source: '知识库 / 采购', page: 2, snippet: '快速通道订单须在两个工作日内补办审批。' },
  ],
  researchSteps: [
    { step: { id: 'search', label: '检索供应商合同', state: 'running' }, doneDetail: '找到 12 份合同' },
    { step: { id: 'read', label: '阅读交货条款', state: 'running' }, doneDetail: '3 条相关条款' },
    { step: { id: 'compare', label: '比较延迟交货罚则', state: 'running' }, doneDetail: '完成' },
  ],
  afterResearch: '三家供应商中有两家对延迟交货按**每天 0.5%** 收取违约金，上限 10%。北风物流没有罚则条款，建议在 6 月续约时补充。',
  actionIntro: '我可以为您创建这张采购订单，请先确认。',
  afterApproval: '已完成：向华东钢铁采购 200 个 M8 螺栓的订单 **PO-2025-0142** 已创建，等待财务审批。',
  afterRejection: '好的，我没有创建订单。请告诉我需要修改什么（供应商、数量或日期），我会重新准备。',
  afterFailure: 'ERP 没有接受这张订单：华东钢铁目前被财务冻结。我可以为其他供应商准备同样的订单。',
  afterData: '无锡仓库低于再订货点；苏州仓库可调拨 400 件。',
  answeredBy: (model) => `本回答来自 **${model}**。`,
  long: Array.from({ length: 12 }, (_, n) => `${n + 1}. 正在核对 ${n + 1} 号仓库的库存与再订货点及未结订单。`).join('\n'),
  stalled: '正在从仓储系统获取库存报表',
};
