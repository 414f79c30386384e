/** Everything the demo model says in its own words, in the two languages of the demo. */
export type DemoLanguage = 'en' | 'zh';

export function detectLanguage(text: string): DemoLanguage {
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}

const money = (amount: number, currency: string) => `${currency} ${amount.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

export const demoPhrases = {
  en: {
    footer: '\n\n_Retrieval demo: quoted from the top-ranked passages of the bundled documents; no language model wrote this answer._',
    searching: (documents: number, passages: number, user: string, terms: string) =>
      `Searching ${passages} passages in the ${documents} documents visible to ${user} for: ${terms}.\n`,
    ranked: 'Best passages (BM25):\n',
    rankedLine: (rank: number, title: string, heading: string, score: number) => `${rank}. ${title} › ${heading} (score ${score.toFixed(1)})\n`,
    quoting: (count: number) => `Quoting the sentences that share the most terms with the question from the top ${count} passage${count === 1 ? '' : 's'}.\n`,
    nothingFound:
      "I couldn't find anything about that in the company documents I can search. Try asking about supplier agreements (ACME, Huadong Electronics), procurement approval thresholds, the travel policy or stock levels.",
    according: (title: string, heading: string) => `According to *${title}* (${heading}): `,
    alsoRelevant: '\n\nAlso relevant:\n',
    researchIntro: (count: number) => `Side by side, the best passage from each of ${count} documents:\n\n`,
    steps: { search: 'Search the documents', read: 'Read the best passages', compare: 'Compare the sources', compose: 'Compose the answer' },
    stepDetail: {
      matched: (count: number) => `${count} passages matched`,
      read: (titles: string[]) => titles.join('; '),
      compared: (count: number) => `${count} sources`,
    },
    noPermissionToOrder: (name: string) =>
      `${name}, your role does not allow creating purchase orders. Submit a purchase requisition instead and a buyer in the procurement team will convert it: `,
    noActionOffered: (action: string) =>
      `I can't do that from here: this page did not offer the \`${action}\` action. Here is what the documents say instead.\n\n`,
    orderProposal: (quantity: number, item: string, supplier: string, total: string | undefined) =>
      `I've prepared a purchase order for **${quantity} × ${item}** from **${supplier}**${total ? ` (${total})` : ''}. Nothing is sent until you approve it.`,
    orderReasoning: (quantity: number, item: string, sku: string, supplier: string, named: boolean, price: string | undefined, approval: string) =>
      `The request asks for an action, and the page offers create_purchase_order.\nParsed: quantity ${quantity}; item ${item} (SKU ${sku}); supplier ${supplier} (${named ? 'named in the request' : "the item's preferred supplier"}).\n` +
      (price ? `Contract price: ${price} per unit.\n` : 'No contract price with this supplier: leaving the price to the buyer.\n') +
      `${approval}\nProposing the tool call; the person approves or rejects it in the page.\n`,
    stockReasoning: (item: string) => `The question asks for a live stock level of ${item}; the page offers lookup_stock, which reads the ERP, so I call it instead of quoting the weekly stock report.\n`,
    stockProposal: (item: string) => `Looking up the current stock of **${item}**…`,
    approval: (usd: number) =>
      usd > 100000
        ? `About ${money(usd, 'USD')}: above USD 100,000, so three quotes, the CFO and the CEO must approve.`
        : usd > 25000
          ? `About ${money(usd, 'USD')}: above USD 25,000, so the CFO must approve.`
          : usd > 5000
            ? `About ${money(usd, 'USD')}: between USD 5,000 and 25,000, so the department head and a procurement manager approve.`
            : `About ${money(usd, 'USD')}: up to USD 5,000, so the line manager approves.`,
    rejected: (action: string) => `Understood — the \`${action}\` action was rejected, so nothing was changed.`,
    failed: (action: string, message: string) => `The \`${action}\` action failed: ${message}. Nothing was changed.`,
    orderCreated: (summary: string) => `Done — ${summary}. `,
    paymentNote: 'Payment terms for this supplier: ',
    stockResult: (summary: string) => `${summary}.`,
    stockLevel: (item: string, sku: string, available: number, onHand: number | undefined, reserved: number | undefined, reorderPoint: number | undefined) =>
      `**${item}**${sku ? ` (${sku})` : ''}: **${available} available** right now` +
      (onHand !== undefined ? ` — ${onHand} on hand${reserved !== undefined ? `, ${reserved} reserved` : ''}` : '') +
      '.' +
      (reorderPoint !== undefined ? (available < reorderPoint ? ` That is below the reorder point of ${reorderPoint}: it will come up in Monday's procurement review.` : ` The reorder point is ${reorderPoint}.`) : ''),
    actionResult: (action: string, summary: string) => `The \`${action}\` action returned: ${summary}.`,
    currentDocumentIntro: (id: string) => `Here is the status of **${id}**, the order open on this page: `,
    currentDocumentFields: {
      status: 'status', supplier: 'supplier', amount: 'amount', items: 'items', expectedDelivery: 'expected delivery', requestedBy: 'requested by', approver: 'approver',
    },
    currentDocumentPolicy: '\n\nWhat the documents say about it:\n',
    currentDocumentReasoning: (keys: string[]) => `The question is about "this order": reading the page's context (${keys.join(', ')}) and searching for the supplier's terms and the approval rule that applies.\n`,
    noContext: "The page didn't tell me which order you are looking at (no context was sent with the question).",
    money,
  },
  zh: {
    footer: '\n\n_检索演示：以上内容摘自内置文档中排名最高的段落，并非由大语言模型生成。_',
    searching: (documents: number, passages: number, user: string, terms: string) =>
      `在 ${user} 可见的 ${documents} 份文档（${passages} 个段落）中检索：${terms}。\n`,
    ranked: '排名最高的段落（BM25）：\n',
    rankedLine: (rank: number, title: string, heading: string, score: number) => `${rank}. ${title} › ${heading}（得分 ${score.toFixed(1)}）\n`,
    quoting: (count: number) => `从前 ${count} 个段落中摘录与问题重合词最多的句子。\n`,
    nothingFound: '在我可以检索的公司文档中没有找到相关内容。可以问问供应商协议（ACME、华东电子）、采购审批权限、差旅标准或库存情况。',
    according: (title: string, heading: string) => `根据《${title}》（${heading}）：`,
    alsoRelevant: '\n\n其他相关内容：\n',
    researchIntro: (count: number) => `以下是 ${count} 份文档中各自最相关的段落，便于对比：\n\n`,
    steps: { search: '检索文档', read: '阅读最佳段落', compare: '对比来源', compose: '撰写回答' },
    stepDetail: {
      matched: (count: number) => `命中 ${count} 个段落`,
      read: (titles: string[]) => titles.join('；'),
      compared: (count: number) => `${count} 个来源`,
    },
    noPermissionToOrder: (name: string) => `${name}，您的角色无权创建采购订单。请提交采购申请，由采购部的采购员转为采购订单：`,
    noActionOffered: (action: string) => `此页面没有提供 \`${action}\` 操作，我无法直接执行。以下是文档中的相关规定。\n\n`,
    orderProposal: (quantity: number, item: string, supplier: string, total: string | undefined) =>
      `我已准备好一张采购订单：向 **${supplier}** 采购 **${quantity} × ${item}**${total ? `（${total}）` : ''}。在您批准之前不会发送任何内容。`,
    orderReasoning: (quantity: number, item: string, sku: string, supplier: string, named: boolean, price: string | undefined, approval: string) =>
      `这是一个操作请求，页面提供了 create_purchase_order。\n解析结果：数量 ${quantity}；物品 ${item}（SKU ${sku}）；供应商 ${supplier}（${named ? '请求中指定' : '该物品的首选供应商'}）。\n` +
      (price ? `合同单价：${price}。\n` : '与该供应商没有合同价格，单价留给采购员填写。\n') +
      `${approval}\n提出工具调用，由用户在页面中批准或拒绝。\n`,
    stockReasoning: (item: string) => `问题询问 ${item} 的实时库存；页面提供了读取 ERP 的 lookup_stock，因此调用它，而不是引用每周库存报表。\n`,
    stockProposal: (item: string) => `正在查询 **${item}** 的当前库存……`,
    approval: (usd: number) =>
      usd > 100000
        ? `约 ${money(usd, 'USD')}：超过 10 万美元，需要三家报价并由 CFO 和 CEO 审批。`
        : usd > 25000
          ? `约 ${money(usd, 'USD')}：超过 2.5 万美元，需要 CFO 审批。`
          : usd > 5000
            ? `约 ${money(usd, 'USD')}：在 5,000 至 25,000 美元之间，需要部门负责人和采购经理审批。`
            : `约 ${money(usd, 'USD')}：不超过 5,000 美元，由直属上级审批。`,
    rejected: (action: string) => `好的，\`${action}\` 操作已被拒绝，没有做任何更改。`,
    failed: (action: string, message: string) => `\`${action}\` 操作失败：${message}。没有做任何更改。`,
    orderCreated: (summary: string) => `已完成：${summary}。`,
    paymentNote: '该供应商的付款条件：',
    stockResult: (summary: string) => `${summary}。`,
    stockLevel: (item: string, sku: string, available: number, onHand: number | undefined, reserved: number | undefined, reorderPoint: number | undefined) =>
      `**${item}**${sku ? `（${sku}）` : ''}：当前**可用 ${available}**` +
      (onHand !== undefined ? `（在库 ${onHand}${reserved !== undefined ? `，预留 ${reserved}` : ''}）` : '') +
      '。' +
      (reorderPoint !== undefined ? (available < reorderPoint ? `已低于再订货点 ${reorderPoint}，将在周一的采购例会上处理。` : `再订货点为 ${reorderPoint}。`) : ''),
    actionResult: (action: string, summary: string) => `\`${action}\` 操作返回：${summary}。`,
    currentDocumentIntro: (id: string) => `当前页面打开的订单 **${id}** 的情况：`,
    currentDocumentFields: {
      status: '状态', supplier: '供应商', amount: '金额', items: '物品', expectedDelivery: '预计交货', requestedBy: '申请人', approver: '审批人',
    },
    currentDocumentPolicy: '\n\n相关文档规定：\n',
    currentDocumentReasoning: (keys: string[]) => `问题针对"这个订单"：读取页面上下文（${keys.join('、')}），并检索该供应商的条款和适用的审批规定。\n`,
    noContext: '页面没有告诉我您正在查看哪张订单（提问时没有附带上下文）。',
    money,
  },
} satisfies Record<DemoLanguage, unknown>;

export type DemoPhrases = (typeof demoPhrases)['en'];
