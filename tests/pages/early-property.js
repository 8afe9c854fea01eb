// Runs before the bundle: the element is still an unknown element here, so the
// property lands on the instance. The runtime must pick it up on upgrade.
const builder = document.getElementById('quote');
builder.draft = {
  currency: 'EUR',
  incoterm: 'CIF',
  namedPlace: 'Hamburg',
  lines: [{ name: 'LED panel 600×600 40 W', quantity: '2000', unit: 'piece', unitPrice: '11.80' }],
};
