// The buyer's inquiry form. A portal posts it to its own back end, which calls
// the CRM's POST /ingest/inquiries with its service token; in the demo,
// api-stub's /demo/buyer-inquiries plays that back end. The inquiry then
// reaches the seller's inbox live, in any open back office.
document.documentElement.dataset.theme = localStorage.getItem('crm-demo-theme') || 'light';

const form = document.getElementById('inquiry-form');
const status = document.querySelector('[data-test="buyer-status"]');
const send = form.querySelector('button[type="submit"]');

function say(text, kind) {
  status.textContent = text;
  status.dataset.kind = kind;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const quantity = String(data.get('quantity') || '').replaceAll(',', '').trim();
  const body = {
    buyer: {
      name: String(data.get('name')).trim(),
      company: String(data.get('company')).trim(),
      email: String(data.get('email')).trim(),
      country: data.get('country'),
      language: navigator.language || null,
    },
    message: String(data.get('message')),
    requirement: {
      quantity: quantity ? { value: quantity, unit: 'piece' } : null,
      sample_wanted: data.get('sample') === 'on',
      oem: false,
    },
  };
  send.disabled = true;
  say('Sending…', 'pending');
  try {
    const response = await fetch('/demo/buyer-inquiries', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.ok) {
      say('Sent. Ningbo Brightway Lighting usually replies within a day.', 'done');
      form.querySelector('[name="quantity"]').value = '';
      return;
    }
    // A problem+json answer: say what to fix; everything typed stays.
    const problem = await response.json().catch(() => ({}));
    const fields = (problem.errors || []).map((error) => `${error.field.replace(/^\/(buyer\/)?/, '')}: ${error.message}`);
    say(fields.length
      ? `Please check: ${fields.join(' · ')}`
      : problem.detail || problem.title || `The inquiry was not sent (${response.status}).`, 'error');
  } catch {
    say('The inquiry was not sent: no connection. Try again.', 'error');
  } finally {
    send.disabled = false;
  }
});
