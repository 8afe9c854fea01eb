// Signs the widgets in with the demo token named in the page's `?token=` (a rep by default).
import { configure } from '/dist/crm-widgets.js';

const token = new URLSearchParams(location.search).get('token') || 'demo-brightway-rep';
configure({ token });
document.documentElement.dataset.signedIn = 'true';
