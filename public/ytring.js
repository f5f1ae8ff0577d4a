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

  // ---- Comment form: replies in place, fresh questions for cached pages, sending without a reload.

  function form() { return document.getElementById('respond'); }

  var listeningForReplies = false;

  function setupReplies() {
    var f = form();
    if (!f) return;
    var home = document.createComment('respond-home');
    f.parentNode.insertBefore(home, f);
    var heading = f.querySelector('#respond-heading');
    var parentInput = f.querySelector('input[name="parent"]');
    var cancel = f.querySelector('.cancel-reply');
    // A form the server placed under a comment (?reply=…) keeps its plain cancel link.
    var placedByServer = Boolean(cancel);
    if (!cancel) {
      var p = document.createElement('p');
      cancel = document.createElement('a');
      cancel.className = 'cancel-reply';
      cancel.href = '#respond';
      cancel.textContent = document.documentElement.lang === 'da' ? 'Annullér svar' : 'Cancel reply';
      p.appendChild(cancel);
      p.hidden = true;
      heading.parentNode.insertBefore(p, heading.nextSibling);
    }
    var state = { home: home, heading: heading, originalHeading: heading.textContent, parentInput: parentInput, cancel: cancel };
    f.ytringReply = state;
    if (!placedByServer) cancel.addEventListener('click', function (event) {
      event.preventDefault();
      state.home.parentNode.insertBefore(f, state.home.nextSibling);
      state.parentInput.value = '';
      state.heading.textContent = state.originalHeading;
      state.cancel.parentNode.hidden = true;
      f.querySelector('#comment-name').focus();
    });
    if (listeningForReplies) return;
    listeningForReplies = true;
    document.addEventListener('click', function (event) {
      var link = event.target.closest && event.target.closest('a.reply-link');
      var current = form();
      if (!link || !current || !current.ytringReply) return;
      event.preventDefault();
      var reply = current.ytringReply;
      var item = document.getElementById('comment-' + link.getAttribute('data-reply-to'));
      item.querySelector('article').after(current);
      reply.parentInput.value = link.getAttribute('data-reply-to');
      reply.heading.textContent = (document.documentElement.lang === 'da' ? 'Svar til ' : 'Reply to ') + link.getAttribute('data-reply-name');
      reply.cancel.parentNode.hidden = false;
      current.querySelector('#comment-name').focus();
    });
  }

  function tokenAgeMs(token) {
    try {
      var payload = JSON.parse(atob(token.split('.')[0].replace(/-/g, '+').replace(/_/g, '/')));
      return Date.now() - payload.i;
    } catch (e) { return Infinity; }
  }

  function replaceQuestion(f, question) {
    var token = f.querySelector('input[name="token"]');
    var label = f.querySelector('label[for="comment-answer"]');
    if (!token || !label || !question) return;
    token.value = question.token;
    label.firstChild.textContent = question.text + ' ';
    f.querySelector('#comment-answer').value = '';
  }

  // A page served from a cache may carry an old question; fetch a fresh one when the reader starts writing.
  function setupFreshQuestion() {
    var f = form();
    var token = f && f.querySelector('input[name="token"]');
    if (!token) return;
    f.addEventListener('focusin', function once() {
      f.removeEventListener('focusin', once);
      if (tokenAgeMs(token.value) < 20 * 60 * 1000) return;
      fetch('/comments/question', { headers: { accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (q) { if (q) replaceQuestion(f, q); })
        .catch(function () {});
    });
  }

  function showErrors(f, errors) {
    var status = f.querySelector('.form-status');
    status.textContent = '';
    f.querySelectorAll('.field-error').forEach(function (el) { el.remove(); });
    f.querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
    var box = document.createElement('div');
    box.className = 'error-summary';
    var list = document.createElement('ul');
    Object.keys(errors).forEach(function (field) {
      var li = document.createElement('li');
      li.textContent = errors[field];
      list.appendChild(li);
      var input = f.querySelector('#comment-' + field);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        var msg = document.createElement('p');
        msg.className = 'field-error';
        msg.id = 'error-' + field;
        msg.textContent = errors[field];
        input.parentNode.appendChild(msg);
        var described = (input.getAttribute('aria-describedby') || '').split(' ').filter(function (id) { return id && id !== msg.id; });
        input.setAttribute('aria-describedby', [msg.id].concat(described).join(' '));
      }
    });
    box.appendChild(list);
    status.appendChild(box);
  }

  function setupSubmit() {
    var f = form();
    if (!f || !window.fetch || !window.DOMParser) return;
    f.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = f.querySelector('button[type="submit"]');
      button.disabled = true;
      var body = new URLSearchParams(new FormData(f));
      fetch(f.action, {
        method: 'POST',
        body: body,
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) { return { response: response, data: data }; });
      }).then(function (result) {
        if (result.response.status === 201) return showNewComment(f, result.data);
        showErrors(f, result.data.errors || { form: document.documentElement.lang === 'da' ? 'Kommentaren blev ikke sendt. Prøv igen.' : 'The comment was not sent. Try again.' });
        replaceQuestion(f, result.data.question);
        button.disabled = false;
      }).catch(function () {
        // The network failed: fall back to an ordinary submit, which keeps the text on any error.
        f.submit();
      });
    });
  }

  // Loads the page the new comment is on and swaps in its comment section, so the reader sees
  // their comment where everyone else will, without a full reload.
  function showNewComment(f, data) {
    return fetch(data.location, { credentials: 'same-origin' }).then(function (r) { return r.text(); }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var fresh = doc.getElementById('comments');
      var current = document.getElementById('comments');
      if (!fresh || !current) { window.location.href = data.location; return; }
      current.replaceWith(fresh);
      revealEmails(fresh);
      setupReplies();
      setupFreshQuestion();
      setupSubmit();
      var anchor = document.getElementById('comment-' + data.id);
      var notice = document.createElement('p');
      notice.className = 'form-notice';
      notice.setAttribute('role', 'status');
      var da = document.documentElement.lang === 'da';
      notice.textContent = data.status === 'approved'
        ? (da ? 'Tak! Din kommentar er offentliggjort.' : 'Thank you! Your comment is published.')
        : (da ? 'Tak! Din kommentar afventer godkendelse.' : 'Thank you! Your comment is awaiting moderation.');
      if (anchor) {
        anchor.querySelector('article').appendChild(notice);
        anchor.setAttribute('tabindex', '-1');
        anchor.focus();
        history.replaceState(null, '', data.location);
      }
    });
  }

  function ready() {
    revealEmails(document);
    setupReplies();
    setupFreshQuestion();
    setupSubmit();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
  window.ytring = { revealEmails: revealEmails };
})();
