// Opens what `?customer=` and `?inquiry=` name, then loads the bundle and signs in.
const parameters = new URLSearchParams(location.search);
document.querySelector('crm-customer-card').setAttribute('customer-id', parameters.get('customer'));
document.querySelector('crm-quote-builder').setAttribute('inquiry-id', parameters.get('inquiry'));
await import('/test-pages/sign-in.js');
