// The sales-demo tour: one button per step of the story, using only what any
// host has (attributes, properties, configure()) and the demo portal's buyer
// form endpoint, as product.html uses it.
import { configure } from '/dist/crm-widgets.js';

const REP = 'demo-brightway-rep';
const MANAGER = 'demo-brightway-manager';
const inbox = document.getElementById('inbox');
const quote = document.getElementById('quote');
const status = document.querySelector('[data-test="tour-status"]');
const button = (name) => document.querySelector(`[data-test="tour-${name}"]`);
let inquiryId = null;

function signIn(token) {
  configure({ getToken: async () => token });
}
signIn(REP);
document.documentElement.dataset.theme = 'light';

function reached(step) {
  for (const item of document.querySelectorAll('.tour-steps li')) {
    item.classList.toggle('done', Number(item.dataset.step) <= step);
  }
}

button('send').addEventListener('click', async () => {
  button('send').disabled = true;
  status.textContent = 'Sending…';
  const response = await fetch('/demo/buyer-inquiries', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      buyer: {
        name: 'Klaus Müller',
        company: 'Müller Handels GmbH',
        email: 'k.mueller@mueller-handels.de',
        country: 'DE',
        language: 'de',
      },
      message: 'Dear Li Wei, for the Hamburg office tender we need 1,200 back-lit 600×600 panels, '
        + '4000 K, delivered by the end of next month. Please quote FOB Ningbo and send one sample first.',
      requirement: { quantity: { value: '1200', unit: 'piece' }, sample_wanted: true, oem: false },
    }),
  }).catch(() => null);
  if (!response || !response.ok) {
    status.textContent = 'The inquiry could not be sent: is the demo server running?';
    button('send').disabled = false;
    return;
  }
  ({ inquiry_id: inquiryId } = await response.json());
  status.textContent = 'Sent: watch the top of the inbox.';
  button('open').disabled = false;
  reached(1);
});

button('open').addEventListener('click', () => {
  inbox.removeAttribute('status');
  inbox.setAttribute('selected', inquiryId);
  button('quote').disabled = false;
  status.textContent = '';
  reached(2);
});

button('quote').addEventListener('click', () => {
  quote.setAttribute('inquiry-id', inquiryId);
  // The builder starts from the inquiry: the buyer, and 1,200 pcs of the
  // product priced from the catalog at its price break.
  quote.scrollIntoView({ behavior: 'smooth', block: 'start' });
  reached(3);
});

button('chinese').addEventListener('click', () => {
  document.documentElement.lang = 'zh-Hans';
  document.documentElement.dataset.theme = 'dark';
  reached(5);
});
button('english').addEventListener('click', () => {
  document.documentElement.lang = 'en';
  document.documentElement.dataset.theme = 'light';
});

button('manager').addEventListener('click', () => {
  signIn(MANAGER);
  reached(6);
});
button('rep').addEventListener('click', () => signIn(REP));
