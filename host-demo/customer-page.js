// The customer page's glue: the signed-in demo user and theme (chosen in the
// back office) and the customer named in the address (`customer.html?id=…`).
import { configure } from '/dist/crm-widgets.js';

const token = localStorage.getItem('crm-demo-user') || 'demo-brightway-rep';
configure({ getToken: async () => token });
// The theme chosen in the back office (portal.css turns it into color-scheme).
document.documentElement.dataset.theme = localStorage.getItem('crm-demo-theme') || 'light';

const id = new URLSearchParams(window.location.search).get('id');
const card = document.getElementById('customer');
if (id) card.setAttribute('customer-id', id);
