// A host page's TypeScript against the package's declarations. `cargo xtask test`
// type-checks it with `tsc --strict`: each `@ts-expect-error` must be an error, so
// declarations that grew too loose fail as surely as ones that grew wrong.
import init, { configure, type CrmQuoteChangeDetail } from '../../widgets/package/crm-widgets.js';

configure({ getToken: async ({ refresh }) => (refresh ? 'fresh-token' : 'token') });
configure({ token: 'token', apiBase: 'https://api.example.com/crm/v1' });
// @ts-expect-error `token` is a string
configure({ token: 42 });
void init();

const inbox = document.querySelector('crm-inquiry-inbox');
if (inbox) {
  inbox.status = 'quoted';
  inbox.status = null;
  // @ts-expect-error not an inquiry status
  inbox.status = 'pending';
  inbox.assignee = 'me';
  inbox.apiBase = '/crm/v1';
  inbox.addEventListener('crm-inquiry-select', (event) => {
    const inquiryId: string = event.detail.inquiryId;
    const customerId: string | null = event.detail.customerId;
    // @ts-expect-error may be null
    const required: string = event.detail.customerId;
    void [inquiryId, customerId, required];
  });
  inbox.addEventListener('crm-inquiry-change', (event) => {
    const ids: string[] = event.detail.inquiryIds;
    const status = event.detail.change.status;
    void [ids, status];
  });
}

const card = document.createElement('crm-customer-card');
card.for = 'inbox';
card.layout = 'compact';
// @ts-expect-error not a layout
card.layout = 'wide';
card.addEventListener('crm-reminder-due', (event) => {
  const overdue: boolean = event.detail.overdue;
  void overdue;
});

const quote = document.createElement('crm-quote-builder');
quote.currency = 'EUR';
quote.for = 'inbox';
// @ts-expect-error not a supported currency
quote.currency = 'XYZ';
quote.draft = {
  currency: 'USD',
  incoterm: 'FOB',
  namedPlace: 'Ningbo',
  lines: [{ name: 'LED panel 60×60', quantity: '500', unit: 'piece', unitPrice: '11.80' }],
};
// @ts-expect-error decimals are strings
quote.draft = { lines: [{ name: 'x', quantity: 1, unit: 'piece' }] };

// The events bubble to the document, typed there too.
document.addEventListener('crm-quote-change', (event) => {
  const detail: CrmQuoteChangeDetail = event.detail;
  const total: string | null = detail.total;
  void total;
});
document.addEventListener('crm-quote-sent', (event) => {
  const revision: number = event.detail.revision;
  void revision;
});
