// The action cards in the page's language: a render plug-in gives each card its title and names
// the arguments (the widget's own card body shows the schema's keys, `unitPrice`). Set again on
// every language switch; replacing `chat.actions` instead would start a new conversation object.

/** The plug-in for the labels of one language (`pageLabels[lang]`). */
export function erpActionCards(labels) {
  const rendered = new Map();
  const actions = {};
  Object.entries(labels.actions).forEach(([name, action]) => {
    actions[name] = {
      title: action.title,
      render(call) {
        const args = call.editedArgs !== undefined ? call.editedArgs : call.toolCall.args;
        if (!args || typeof args !== 'object' || Array.isArray(args)) return null;
        // Hooks run on every render of the transcript (each streamed chunk): the same element for
        // the same arguments keeps a person's text selection in the card.
        const previous = rendered.get(call.toolCall.id);
        if (previous && previous.args === args) return previous.element;
        const element = argumentList(args, action.args);
        rendered.set(call.toolCall.id, { args, element });
        return element;
      },
    };
  });
  return { name: 'erp-action-cards', actions };
}

function argumentList(args, names) {
  const list = document.createElement('dl');
  // The default body's class, for its look; not the widget's API, so without it the list is only plainer.
  list.className = 'action-args';
  Object.entries(args).forEach(([key, value]) => {
    const term = Object.assign(document.createElement('dt'), { textContent: names[key] || key });
    const text = value === null || value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    list.append(term, Object.assign(document.createElement('dd'), { textContent: text }));
  });
  return list;
}
