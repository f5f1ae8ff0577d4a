// Ytring's only script: progressive enhancements on top of pages that work without it.
(function () {
  'use strict';

  // E-mail addresses arrive reversed and base64-encoded (see src/shared/email-obfuscation.ts),
  // so harvesters reading the HTML find nothing; here they become ordinary mailto: links.
  function decode(encoded) {
    var bytes = atob(encoded);
    var text = new TextDecoder().decode(Uint8Array.from(bytes, function (c) { return c.charCodeAt(0); }));
    return Array.from(text).reverse().join('');
  }

  function revealEmails(root) {
    var spans = root.querySelectorAll('span.email[data-e]');
    for (var i = 0; i < spans.length; i++) {
      var span = spans[i];
      var address;
      try { address = decode(span.getAttribute('data-e')); } catch (e) { continue; }
      if (!/^[^\s@]+@[^\s@]+$/.test(address)) continue;
      var link = document.createElement('a');
      link.href = 'mailto:' + address;
      link.className = 'email';
      var label = span.getAttribute('data-label');
      link.textContent = label || address;
      span.replaceWith(link);
    }
  }

  function ready() { revealEmails(document); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
  window.ytring = { revealEmails: revealEmails };
})();
