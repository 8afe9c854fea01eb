// The host page's own code, which must keep working whatever happens to the widgets.
document.getElementById('host-button').addEventListener('click', () => {
  document.getElementById('host-output').textContent = 'host still works';
});
