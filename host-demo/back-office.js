// The portal's glue code, as a marketplace front-end team would write it.
import { configure } from '/dist/crm-widgets.js';

const userSelect = document.getElementById('demo-user');
const inbox = document.getElementById('inbox');
const card = document.getElementById('customer');
const quote = document.getElementById('quote');

// 1. Sign-in. A real portal gets the token from its own session endpoint; the
//    demo uses the seeded demo tokens. The token never sits in the DOM.
function signIn(token) {
  configure({ getToken: async () => token });
  localStorage.setItem('crm-demo-user', token);
}
userSelect.value = localStorage.getItem('crm-demo-user') || userSelect.value;
signIn(userSelect.value);
// Another user sees nothing of the previous one's selection or quote. (Only on
// a switch: this module runs once the bundle has loaded, possibly after the
// page set an attribute itself.)
userSelect.addEventListener('change', () => {
  signIn(userSelect.value);
  inbox.removeAttribute('selected');
  quote.removeAttribute('inquiry-id');
  quote.removeAttribute('quote-id');
});

// 2. Language: the widgets follow <html lang> live.
for (const button of document.querySelectorAll('[data-lang]')) {
  button.addEventListener('click', () => {
    document.documentElement.lang = button.dataset.lang;
    for (const other of document.querySelectorAll('[data-lang]')) {
      other.setAttribute('aria-pressed', String(other === button));
    }
  });
}

// 3. Theme: the widgets follow the page's CSS `color-scheme` (portal.css sets it
//    from data-theme): light, dark, or the system's ("Auto").
function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  localStorage.setItem('crm-demo-theme', theme);
  for (const button of document.querySelectorAll('[data-theme]:not(html)')) {
    button.setAttribute('aria-pressed', String(button.dataset.theme === theme));
  }
}
applyTheme(localStorage.getItem('crm-demo-theme') || 'light');
for (const button of document.querySelectorAll('button[data-theme]')) {
  button.addEventListener('click', () => applyTheme(button.dataset.theme));
}

// 4. Wiring. The customer card and the quote builder follow the inbox by
//    themselves (`for="inbox"`: the selection, and "Create quote"). The page
//    only adds its own touch through the documented events: it brings the
//    quote builder or the card into view.
inbox.addEventListener('crm-quote-request', () => {
  quote.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
});
inbox.addEventListener('crm-customer-open', () => {
  card.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
});

// 5. The customer's full page, for the buyer of the open inquiry.
const customerPage = document.getElementById('customer-page');
inbox.addEventListener('crm-inquiry-select', (event) => {
  const { customerId } = event.detail;
  customerPage.hidden = !customerId;
  if (customerId) customerPage.href = `/customer.html?id=${encodeURIComponent(customerId)}`;
});
