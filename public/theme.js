// Loaded without defer in <head>, so a reader's chosen colour theme is set before the first paint
// instead of flashing the other one; ytring.js offers the choice. A page's CSP forbids inline script.
(function () {
  'use strict';
  // ytring.js shows the theme button once it has run; its place is kept from the first paint, so the
  // header does not move when it appears (style.css, .theme-toggle).
  document.documentElement.setAttribute('data-script', '');
  try {
    var theme = localStorage.getItem('ytring-theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
  } catch (e) {
    /* Storage switched off: the system's setting decides. */
  }
})();
