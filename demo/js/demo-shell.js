// What both demo pages share: the toolbar (user, language, brand), the assistant's identity,
// actions and context, and opening cited documents in the page.
import { setChildren } from './set-children.js';
import { createDemoSession } from './demo-session.js';
import { createDocumentViewer } from './document-viewer.js';
import { erpActionCards } from './erp-action-cards.js';
import { createErpActions } from './erp-actions.js';
import { applyPageLabels, pageLabels } from './page-i18n.js';

/** What `savePreference` kept for this tab, or null (nothing, or storage is off). */
export function readSaved(key) {
  try {
    return sessionStorage.getItem('parley-demo-' + key);
  } catch (error) {
    return null;
  }
}

function readPreference(key, fallback, allowed) {
  const value = readSaved(key);
  return allowed.includes(value) ? value : fallback;
}

/** Kept for this tab (sessionStorage, as the widget keeps the conversation); a no-op where storage is off. */
export function savePreference(key, value) {
  try {
    sessionStorage.setItem('parley-demo-' + key, value);
  } catch (error) {
    // Storage can be off (private mode, policy): the toggles still work for this page view.
  }
}

export function startDemoShell({ onLanguage, addOrder, context }) {
  const chat = document.querySelector('parley-chat');
  const userSelect = document.getElementById('user-select');
  const languageSelect = document.getElementById('language-select');
  const brandSelect = document.getElementById('brand-select');
  const userHint = document.getElementById('user-hint');

  let lang = readPreference('lang', 'en', ['en', 'zh-CN']);
  let user = readPreference('user', 'alice', ['alice', 'bob']);
  let profileName = user;
  const labels = () => pageLabels[lang] || pageLabels.en;
  const session = createDemoSession(user);
  const viewer = createDocumentViewer(document.getElementById('document-viewer'), session, labels);

  chat.headers = (request) => session.headers(request);
  chat.actions = createErpActions({ addOrder, currentUser: () => profileName, labels });

  // The page tells the assistant what the user is looking at: sent with every request.
  function applyContext() {
    chat.context = context();
  }
  chat.addEventListener('parley-send', applyContext);

  session.onProfile((profile) => {
    profileName = profile.name;
    userHint.textContent = labels().roleHint[profile.id] || '';
  });

  function setLanguage(next) {
    lang = next;
    savePreference('lang', next);
    languageSelect.value = next;
    chat.setAttribute('lang', next);
    chat.setAttribute('heading', labels().heading);
    chat.plugins = [erpActionCards(labels())];
    applyPageLabels(next);
    userHint.textContent = labels().roleHint[user] || '';
    if (onLanguage) onLanguage(next, labels());
    applyContext();
  }

  function setBrand(next) {
    savePreference('brand', next);
    brandSelect.value = next;
    document.body.classList.toggle('brand-huaxia', next === 'huaxia');
  }

  async function setUser(next) {
    user = next;
    savePreference('user', next);
    userSelect.value = next;
    // Who approves what, in every audit record the widget emits (`parley-audit`).
    chat.user = next;
    // Each user has their own conversation: what one may see never shows up in the other's history.
    chat.setAttribute('conversation-id', 'procurement-' + next);
    applyContext();
    await session.switchTo(next);
  }

  languageSelect.addEventListener('change', () => setLanguage(languageSelect.value));
  brandSelect.addEventListener('change', () => setBrand(brandSelect.value));
  userSelect.addEventListener('change', () => setUser(userSelect.value));

  // A citation opens the cited document in the page, fetched with the user's token. The widget's
  // source cards are links; clicks on them are composed events, so the page can take them over.
  chat.addEventListener('parley-citation-open', (event) => {
    const url = event.detail && event.detail.citation && event.detail.citation.url;
    if (url && new URL(url, location.href).origin === location.origin) {
      event.preventDefault();
      viewer.open(url);
    }
  });
  chat.addEventListener('click', (event) => {
    const link = event.composedPath().find((node) => node instanceof HTMLAnchorElement);
    if (!link || event.defaultPrevented) return;
    const url = new URL(link.href, location.href);
    if (url.origin === location.origin && url.pathname.startsWith('/docs/')) {
      event.preventDefault();
      viewer.open(url.href);
    }
  });

  // Audit trail: the widget reports every proposal and decision; a host would POST these to its audit log.
  const activity = document.getElementById('activity-log');
  if (activity) {
    chat.addEventListener('parley-action', (event) => {
      const detail = event.detail || {};
      const call = detail.toolCall || {};
      const args = detail.editedArgs !== undefined ? detail.editedArgs : detail.args;
      const entry = document.createElement('li');
      entry.dataset.type = detail.type;
      const when = new Date(detail.at || Date.now()).toLocaleTimeString();
      const verb = (labels().activityTypes && labels().activityTypes[detail.type]) || detail.type;
      const result = detail.type === 'ran' ? ' → ' + JSON.stringify(detail.result) : detail.error ? ' → ' + detail.error : '';
      entry.textContent = when + ' · ' + profileName + ' · ' + verb + ' · ' + call.name + ' ' + JSON.stringify(args) + result;
      activity.prepend(entry);
    });
  }

  document.querySelectorAll('[data-prompt-list]').forEach((list) => {
    list.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-prompt]');
      if (!button) return;
      if (typeof chat.open === 'function' && chat.getAttribute('mode') === 'launcher') chat.open();
      chat.send(button.textContent);
    });
  });

  setBrand(readPreference('brand', 'northwind', ['northwind', 'huaxia']));
  setLanguage(lang);
  setUser(user).catch((error) => {
    userHint.textContent = error.message;
  });

  return {
    chat,
    labels,
    refreshContext: applyContext,
    get lang() {
      return lang;
    },
  };
}

/** Renders the suggested questions of the current language as buttons. */
export function renderPrompts(list, prompts) {
  setChildren(list, [
    ...prompts.map((prompt) => {
      const item = document.createElement('li');
      const button = Object.assign(document.createElement('button'), { type: 'button', textContent: prompt, className: 'prompt' });
      button.dataset.prompt = '';
      item.append(button);
      return item;
    }),
  ]);
}
