// Ytring's script for readers: progressive enhancements on top of pages that work without it.
// What only staff need (editor, pickers, moderation keys, live waiting count) is in admin.js, loaded on /admin pages only.
(function () {
  'use strict';

  // E-mail addresses arrive reversed and base64-encoded (see src/shared/email-obfuscation.ts),
  // so harvesters reading the HTML find nothing; here they become ordinary mailto: links.
  function decode(encoded) {
    var bytes = atob(encoded);
    var text = new TextDecoder().decode(
      Uint8Array.from(bytes, function (c) {
        return c.charCodeAt(0);
      }),
    );
    return Array.from(text).reverse().join('');
  }

  function revealEmails(root) {
    var spans = root.querySelectorAll('span.email[data-e]');
    for (var i = 0; i < spans.length; i++) {
      var span = spans[i];
      var address;
      try {
        address = decode(span.getAttribute('data-e'));
      } catch (e) {
        continue;
      }
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

  function form() {
    return document.getElementById('respond');
  }

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
    if (!placedByServer)
      cancel.addEventListener('click', function (event) {
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
      reply.heading.textContent =
        (document.documentElement.lang === 'da' ? 'Svar til ' : 'Reply to ') + link.getAttribute('data-reply-name');
      reply.cancel.parentNode.hidden = false;
      current.querySelector('#comment-name').focus();
    });
  }

  function tokenAgeMs(token) {
    try {
      var payload = JSON.parse(atob(token.split('.')[0].replace(/-/g, '+').replace(/_/g, '/')));
      return Date.now() - payload.i;
    } catch (e) {
      return Infinity;
    }
  }

  // A question is single-use. The ones this page has sent are remembered for the tab (the
  // signature is enough to know a token again), so a page that comes back from the browser's
  // cache, by reload or the back button, never offers a spent one.
  var SENT_KEY = 'ytring-sent-questions';
  var sentInMemory = [];
  var fetchedHere = {};

  function signatureOf(token) {
    return String(token).split('.').pop();
  }

  function sentList() {
    try {
      return JSON.parse(window.sessionStorage.getItem(SENT_KEY) || '[]');
    } catch (e) {
      return sentInMemory;
    }
  }

  function markSent(token) {
    var list = sentList().filter(function (sig) {
      return sig !== signatureOf(token);
    });
    list.push(signatureOf(token));
    sentInMemory = list.slice(-30);
    try {
      window.sessionStorage.setItem(SENT_KEY, JSON.stringify(sentInMemory));
    } catch (e) {
      /* the memory copy serves this page */
    }
  }

  function wasSent(token) {
    return sentList().indexOf(signatureOf(token)) >= 0 || sentInMemory.indexOf(signatureOf(token)) >= 0;
  }

  // A shared cache (a CDN in front) may hand the same page, and so the same question, to several
  // readers for a few seconds: a question from the page older than that is replaced when the reader
  // starts writing. One this script fetched is the reader's own, so its age does not matter: its
  // replacement would lose the start of writing the server counts the minimum time from.
  function needsFresh(token) {
    if (!token) return false;
    if (wasSent(token)) return true;
    return !fetchedHere[signatureOf(token)] && tokenAgeMs(token) >= 20 * 1000;
  }

  function replaceQuestion(f, question) {
    var token = f.querySelector('input[name="token"]');
    var label = f.querySelector('label[for="comment-answer"]');
    if (!token || !label || !question) return;
    fetchedHere[signatureOf(question.token)] = true;
    token.value = question.token;
    label.firstChild.textContent = question.text + ' ';
    f.querySelector('#comment-answer').value = '';
  }

  var asking = null;
  var listeningForPageShow = false;
  function freshQuestion(f) {
    if (asking) return asking;
    var post = f.getAttribute('data-post-id') || '';
    var held = f.querySelector('input[name="token"]');
    // The question it replaces goes along: the server spends it and keeps its start of writing.
    var from = held && held.value ? '&from=' + encodeURIComponent(held.value) : '';
    asking = fetch('/comments/question?post=' + encodeURIComponent(post) + from, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store',
    })
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (q) {
        if (q) replaceQuestion(f, q);
        return Boolean(q);
      })
      .catch(function () {
        return false;
      })
      .then(function (ok) {
        asking = null;
        return ok;
      });
    return asking;
  }

  function setupFreshQuestion() {
    var f = form();
    var token = f && f.querySelector('input[name="token"]');
    if (!token || !window.fetch) return;
    var check = function () {
      if (needsFresh(token.value)) freshQuestion(f);
    };
    // A page from the cache with a question already sent gets a new one at once; others when writing starts.
    if (wasSent(token.value)) freshQuestion(f);
    f.addEventListener('focusin', check);
    if (!listeningForPageShow) {
      listeningForPageShow = true;
      // The back-forward cache restores the page as it was, script state included: look again.
      window.addEventListener('pageshow', function (event) {
        var current = form();
        var t = current && current.querySelector('input[name="token"]');
        if (event.persisted && t && wasSent(t.value)) freshQuestion(current);
      });
    }
  }

  // Same shape as the summary the server renders for a refused send without JavaScript.
  function showErrors(f, errors) {
    var da = document.documentElement.lang === 'da';
    var status = f.querySelector('.form-status');
    status.textContent = '';
    f.querySelectorAll('.field-error').forEach(function (el) {
      el.remove();
    });
    f.querySelectorAll('[aria-invalid]').forEach(function (el) {
      el.removeAttribute('aria-invalid');
    });
    var box = document.createElement('div');
    box.className = 'error-summary';
    box.id = 'error-summary';
    box.tabIndex = -1;
    box.setAttribute('role', 'group');
    box.setAttribute('aria-labelledby', 'error-summary-heading');
    var heading = document.createElement('h3');
    heading.id = 'error-summary-heading';
    heading.textContent = da ? 'Der er et problem' : 'There is a problem';
    var intro = document.createElement('p');
    intro.textContent = da
      ? 'Kommentaren blev ikke sendt. Ret det markerede og prøv igen – din tekst er bevaret.'
      : 'Your comment was not sent. Fix what is marked and try again – your text is kept.';
    var list = document.createElement('ul');
    Object.keys(errors).forEach(function (field) {
      var li = document.createElement('li');
      var input = f.querySelector('#comment-' + field);
      if (input) {
        var link = document.createElement('a');
        link.href = '#comment-' + field;
        link.textContent = errors[field];
        li.appendChild(link);
      } else {
        li.textContent = errors[field];
      }
      list.appendChild(li);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        var msg = document.createElement('p');
        msg.className = 'field-error';
        msg.id = 'error-' + field;
        msg.textContent = errors[field];
        input.parentNode.appendChild(msg);
        var described = (input.getAttribute('aria-describedby') || '').split(' ').filter(function (id) {
          return id && id !== msg.id;
        });
        input.setAttribute('aria-describedby', [msg.id].concat(described).join(' '));
      }
    });
    box.appendChild(heading);
    box.appendChild(intro);
    box.appendChild(list);
    status.appendChild(box);
    box.focus();
  }

  function setupSubmit() {
    var f = form();
    if (!f || !window.fetch || !window.DOMParser) return;
    f.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = f.querySelector('button[type="submit"]');
      var token = f.querySelector('input[name="token"]');
      var da = document.documentElement.lang === 'da';
      if (token && wasSent(token.value)) {
        // Only if the fresh question has not arrived yet: never send a spent one, ask for a new answer.
        freshQuestion(f).then(function () {
          showErrors(f, { answer: da ? 'Svar på det nye regnestykke og send igen.' : 'Answer the new sum and send again.' });
        });
        return;
      }
      if (token) markSent(token.value);
      button.disabled = true;
      var body = new URLSearchParams(new FormData(f));
      fetch(f.action, {
        method: 'POST',
        body: body,
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      })
        .then(function (response) {
          return response
            .json()
            .catch(function () {
              return {};
            })
            .then(function (data) {
              return { response: response, data: data };
            });
        })
        .then(function (result) {
          if (result.response.status === 201) {
            // Stored: whatever goes wrong in showing it, the reader goes to it, never to a resend.
            return showNewComment(f, result.data).catch(function () {
              window.location.href = result.data.location;
            });
          }
          replaceQuestion(f, result.data.question);
          button.disabled = false;
          showErrors(
            f,
            result.data.errors || { form: da ? 'Kommentaren blev ikke sendt. Prøv igen.' : 'The comment was not sent. Try again.' },
          );
        })
        .catch(function () {
          // The connection failed, perhaps after the server got the question: the text stays where it
          // is, and the next send gets a fresh question first (the one sent is never sent again).
          button.disabled = false;
          showErrors(f, {
            form: da
              ? 'Kommentaren blev ikke sendt, fordi forbindelsen svigtede. Din tekst er bevaret: svar på det nye regnestykke og send igen.'
              : 'The comment was not sent because the connection failed. Your text is kept: answer the new sum and send again.',
          });
          freshQuestion(f);
        });
    });
  }

  // Loads the page the new comment is on and swaps in its comment section, so the reader sees
  // their comment where everyone else will, without a full reload.
  function showNewComment(f, data) {
    if (data.id) rememberOwnComment(data.id);
    return fetch(data.location, { credentials: 'same-origin' })
      .then(function (r) {
        return r.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.getElementById('comments');
        var current = document.getElementById('comments');
        if (!fresh || !current) {
          window.location.href = data.location;
          return;
        }
        current.replaceWith(fresh);
        revealEmails(fresh);
        setupReplies();
        setupFreshQuestion();
        setupSubmit();
        setupRemember();
        var anchor = document.getElementById('comment-' + data.id);
        var notice = document.createElement('p');
        notice.className = 'form-notice';
        notice.setAttribute('role', 'status');
        var da = document.documentElement.lang === 'da';
        notice.textContent =
          data.status === 'approved'
            ? da
              ? 'Tak! Din kommentar er offentliggjort.'
              : 'Thank you! Your comment is published.'
            : da
              ? 'Tak! Din kommentar afventer godkendelse.'
              : 'Thank you! Your comment is awaiting moderation.';
        if (anchor) {
          anchor.querySelector('article').appendChild(notice);
          anchor.setAttribute('tabindex', '-1');
          anchor.focus();
          history.replaceState(null, '', data.location);
        }
      });
  }

  // ---- Remember me: name and e-mail kept in this browser's storage when the writer asks, never in a cookie.

  var REMEMBER_KEY = 'ytring-commenter';

  function setupRemember() {
    var f = form();
    var name = f && f.querySelector('#comment-name:not([readonly])');
    var email = f && f.querySelector('#comment-email');
    if (!name || !email || f.querySelector('#comment-remember')) return;
    var stored = null;
    try {
      stored = JSON.parse(localStorage.getItem(REMEMBER_KEY) || 'null');
    } catch (e) {
      return;
    }
    var da = document.documentElement.lang === 'da';
    var p = document.createElement('p');
    p.className = 'field checkbox';
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.id = 'comment-remember';
    // No name: the choice and what it keeps never travel to the server.
    var label = document.createElement('label');
    label.htmlFor = 'comment-remember';
    label.textContent = da ? 'Husk mit navn og min e-mail i denne browser' : 'Remember my name and e-mail in this browser';
    p.appendChild(box);
    p.appendChild(label);
    var field = email.closest('.field');
    field.parentNode.insertBefore(p, field.nextSibling);
    if (stored && typeof stored.name === 'string' && typeof stored.email === 'string') {
      if (!name.value) name.value = stored.name;
      if (!email.value) email.value = stored.email;
      box.checked = true;
    }
    f.addEventListener('submit', function () {
      try {
        if (box.checked) localStorage.setItem(REMEMBER_KEY, JSON.stringify({ name: name.value, email: email.value }));
        else localStorage.removeItem(REMEMBER_KEY);
      } catch (e) {
        /* Storage refused: nothing is remembered. */
      }
    });
  }

  // ---- Deleting one's own comment: asked in place; without the script, a confirmation page asks.
  function setupConfirmDelete() {
    document.querySelectorAll('input[name="action"][value="confirm-delete"]').forEach(function (action) {
      action.form.addEventListener('submit', function (event) {
        var da = document.documentElement.lang === 'da';
        var question = da
          ? 'Vil du slette din kommentar? Det kan ikke fortrydes.'
          : 'Do you want to delete your comment? This cannot be undone.';
        if (window.confirm(question)) action.value = 'delete';
        else event.preventDefault();
      });
    });
  }

  // ---- Live comments: newly approved comments arrive while the post is open (Server-Sent Events).
  // Nothing moves by itself: a polite button says how many wait, and showing them keeps the reader's place.

  var OWN_KEY = 'ytring-own-comments';

  function ownComments() {
    try {
      return JSON.parse(localStorage.getItem(OWN_KEY) || '[]');
    } catch (e) {
      return [];
    }
  }

  function rememberOwnComment(id) {
    try {
      var ids = ownComments().filter(function (x) {
        return x !== id;
      });
      ids.push(id);
      localStorage.setItem(OWN_KEY, JSON.stringify(ids.slice(-50)));
    } catch (e) {
      /* Storage refused: replies are simply not highlighted. */
    }
  }

  function newCommentsText(n, da) {
    if (da) return n === 1 ? '1 ny kommentar – vis' : n + ' nye kommentarer – vis';
    return n === 1 ? '1 new comment – show' : n + ' new comments – show';
  }

  var live = null;

  function setupLive() {
    var f = form();
    var section = document.getElementById('comments');
    var post = (section && section.getAttribute('data-post-id')) || (f && f.getAttribute('data-post-id'));
    if (live || !section || !post || !window.EventSource || !window.JSON) return;
    var da = document.documentElement.lang === 'da';
    live = { source: null, after: section.getAttribute('data-live-after') || '', waiting: [], delay: 2000, retry: null, idle: null };

    // One status region for the whole page, outside the section the form's sending may replace.
    var status = document.createElement('p');
    status.className = 'visually-hidden';
    status.id = 'live-status';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    section.parentNode.insertBefore(status, section.nextSibling);

    var notice = document.createElement('div');
    notice.className = 'live-notice';
    notice.hidden = true;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'live-notice__button';
    notice.appendChild(button);

    function currentSection() {
      return document.getElementById('comments');
    }

    // On an older page of a long debate, a new top-level comment belongs to the last page, not here.
    function onLastPage() {
      var s = currentSection();
      return !s || !s.querySelector('.pagination a[rel="next"]');
    }

    function placeNotice() {
      var s = currentSection();
      if (!s) return;
      var list = s.querySelector('ol.comments') || s.querySelector('.comments-empty') || s.querySelector('h2');
      if (notice.parentNode !== s || notice.previousElementSibling !== list) list.parentNode.insertBefore(notice, list.nextSibling);
    }

    function update() {
      // The reader's own comment, shown by sending the form, is not news to them.
      live.waiting = live.waiting.filter(function (w) {
        return !document.getElementById('comment-' + w.id);
      });
      var n = live.waiting.length;
      notice.hidden = n === 0;
      if (n === 0) return;
      button.textContent = newCommentsText(n, da);
      placeNotice();
    }

    function belongsHere(comment) {
      if (document.getElementById('comment-' + comment.id)) return false;
      for (var i = 0; i < live.waiting.length; i++) if (live.waiting[i].id === comment.id) return false;
      if (comment.parentId)
        return (
          Boolean(document.getElementById('comment-' + comment.parentId)) ||
          live.waiting.some(function (w) {
            return w.id === comment.parentId;
          })
        );
      return onLastPage();
    }

    function receive(event) {
      if (event.lastEventId) live.after = event.lastEventId;
      var comment;
      try {
        comment = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (!comment || !comment.id || !belongsHere(comment)) return;
      live.waiting.push(comment);
      update();
      status.textContent = newCommentsText(live.waiting.length, da).replace(/ – .*$/, '');
    }

    // The element at the top of the screen stays where it is while comments are added above it.
    function keepPlace(change) {
      var items = currentSection().querySelectorAll('.comment > article, .comments-section > h2');
      var anchor = null;
      for (var i = 0; i < items.length; i++) {
        var top = items[i].getBoundingClientRect().top;
        if (top >= 0) {
          anchor = items[i];
          break;
        }
      }
      var before = anchor ? anchor.getBoundingClientRect().top : 0;
      var x = window.scrollX;
      change();
      if (anchor) window.scrollTo(x, window.scrollY + anchor.getBoundingClientRect().top - before);
    }

    button.addEventListener('click', function () {
      var s = currentSection();
      var shown = live.waiting.splice(0);
      var own = ownComments();
      var first = null;
      var repliesToYou = 0;
      var inserted = 0;
      keepPlace(function () {
        shown.forEach(function (comment) {
          if (document.getElementById('comment-' + comment.id)) return;
          var holder = document.createElement('div');
          holder.innerHTML = comment.html;
          var item = holder.firstElementChild;
          if (!item) return;
          item.classList.add('comment--new');
          if (comment.parentId && own.indexOf(comment.parentId) >= 0) {
            item.classList.add('comment--reply-to-you');
            var mark = document.createElement('p');
            mark.className = 'comment__reply-to-you';
            mark.textContent = da ? 'Svar på din kommentar' : 'A reply to your comment';
            item.querySelector('article').insertBefore(mark, item.querySelector('.comment__body'));
            repliesToYou++;
          }
          var parent = comment.parentId && document.getElementById('comment-' + comment.parentId);
          var list;
          if (parent) {
            list = parent.querySelector(':scope > ol.comments--replies');
            if (!list) {
              list = document.createElement('ol');
              list.className = 'comments comments--replies';
              var form_ = parent.querySelector(':scope > #respond');
              parent.insertBefore(list, form_ ? form_.nextSibling : null);
            }
          } else {
            list = s.querySelector('ol.comments');
            if (!list) {
              list = document.createElement('ol');
              list.className = 'comments';
              var empty = s.querySelector('.comments-empty');
              if (empty) empty.replaceWith(list);
              else s.querySelector('h2').after(list);
            }
          }
          list.appendChild(item);
          inserted++;
          revealEmails(item);
          if (!first) first = item;
        });
        // The heading's count: "Kommentarer (12)".
        var heading = s.querySelector('#comments-heading');
        if (heading && inserted)
          heading.textContent = heading.textContent.replace(/\((\d+)\)\s*$/, function (_, n) {
            return '(' + (Number(n) + inserted) + ')';
          });
        update();
      });
      if (first) {
        // The reader asked to see them: the first new one takes the focus, without scrolling there.
        first.setAttribute('tabindex', '-1');
        first.focus({ preventScroll: true });
      }
      var words = da
        ? shown.length === 1
          ? '1 ny kommentar vist'
          : shown.length + ' nye kommentarer vist'
        : shown.length === 1
          ? '1 new comment shown'
          : shown.length + ' new comments shown';
      if (repliesToYou > 0) words += da ? ', heraf svar til dig: ' + repliesToYou : ', replies to you: ' + repliesToYou;
      status.textContent = words + '.';
    });

    function connect() {
      if (live.source) return;
      var url = '/live/posts/' + encodeURIComponent(post) + (live.after ? '?after=' + encodeURIComponent(live.after) : '');
      var source = new EventSource(url);
      live.source = source;
      source.addEventListener('ready', function (event) {
        if (event.lastEventId && !live.after) live.after = event.lastEventId;
        live.delay = 2000;
        var s = currentSection();
        if (s) s.setAttribute('data-live', 'open');
      });
      source.addEventListener('comment', receive);
      source.onerror = function () {
        // Our own reconnects, with growing pauses (a full server says 429/503; the browser would give up).
        source.close();
        if (live.source !== source) return;
        live.source = null;
        var s = currentSection();
        if (s) s.setAttribute('data-live', 'closed');
        clearTimeout(live.retry);
        live.retry = setTimeout(connect, live.delay * (0.75 + Math.random() / 2));
        live.delay = Math.min(live.delay * 2, 120000);
      };
    }

    function disconnect() {
      clearTimeout(live.retry);
      if (live.source) live.source.close();
      live.source = null;
    }

    // A tab left hidden for long lets go of its connection, and catches up when looked at again.
    document.addEventListener('visibilitychange', function () {
      clearTimeout(live.idle);
      if (document.hidden) live.idle = setTimeout(disconnect, 5 * 60 * 1000);
      else connect();
    });
    window.addEventListener('pagehide', disconnect);
    window.addEventListener('pageshow', function (event) {
      if (event.persisted) connect();
    });
    connect();
  }

  // ---- Search box: suggestions as one types, as an ARIA 1.2 combobox; the form works without it.

  function setupSearchSuggestions() {
    if (!window.fetch) return;
    var inputs = document.querySelectorAll('#site-search-q, #search-q');
    for (var i = 0; i < inputs.length; i++) suggestFor(inputs[i]);
  }

  function suggestFor(input) {
    var da = document.documentElement.lang === 'da';
    var list = document.createElement('ul');
    list.id = input.id + '-suggestions';
    list.className = 'suggestions';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', da ? 'Forslag' : 'Suggestions');
    list.hidden = true;
    var status = document.createElement('div');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');

    var options = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function go(url) {
      // Only addresses on this site, whatever the answer said.
      if (/^\/[^/\\]/.test(url)) window.location.href = url;
    }

    function setActive(index) {
      active = index;
      options.forEach(function (option, n) {
        option.setAttribute('aria-selected', n === index ? 'true' : 'false');
      });
      if (index >= 0) {
        input.setAttribute('aria-activedescendant', options[index].id);
        options[index].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    // Drops a question still waiting to be asked and any answer still on its way: they were for
    // text the reader has moved on from (Escape, leaving the box).
    function forget() {
      clearTimeout(timer);
      asked++;
    }

    function close() {
      list.hidden = true;
      list.textContent = '';
      options = [];
      setActive(-1);
      input.setAttribute('aria-expanded', 'false');
    }

    function show(suggestions) {
      // A later answer that still holds the highlighted suggestion keeps it highlighted: dropped, the
      // reader's Enter would search for the typed words instead of opening the one they arrowed to.
      var kept = active >= 0 ? options[active].getAttribute('data-url') : null;
      close();
      suggestions.forEach(function (suggestion, n) {
        var option = document.createElement('li');
        option.id = list.id + '-' + n;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.setAttribute('data-url', suggestion.url);
        option.textContent = suggestion.title;
        // Keeps the focus in the box, so a click lands before the box closes on blur.
        option.addEventListener('mousedown', function (event) {
          event.preventDefault();
        });
        option.addEventListener('click', function () {
          go(suggestion.url);
        });
        list.appendChild(option);
        options.push(option);
      });
      var open = options.length > 0;
      list.hidden = !open;
      input.setAttribute('aria-expanded', open ? 'true' : 'false');
      for (var n = 0; n < suggestions.length; n++) if (suggestions[n].url === kept) setActive(n);
      status.textContent = !open
        ? ''
        : da
          ? options.length + ' forslag. Brug pil op og ned for at vælge.'
          : options.length + (options.length === 1 ? ' suggestion' : ' suggestions') + '. Use the up and down arrows to choose.';
    }

    function ask() {
      var q = input.value;
      var mine = ++asked;
      if (q.trim().length < 2) {
        close();
        status.textContent = '';
        return;
      }
      fetch('/search/suggest?q=' + encodeURIComponent(q), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) {
          return r.ok ? r.json() : { suggestions: [] };
        })
        .then(function (data) {
          // An answer to an older query, or to a box the reader has left, is dropped.
          if (mine === asked && document.activeElement === input) show(data.suggestions || []);
        })
        .catch(function () {});
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener('keydown', function (event) {
      if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && options.length) {
        event.preventDefault();
        // Steps through the options and back to the text itself (-1).
        var size = options.length + 1;
        var step = event.key === 'ArrowDown' ? 1 : -1;
        setActive(((((active + 1 + step) % size) + size) % size) - 1);
      } else if (event.key === 'Enter' && active >= 0) {
        event.preventDefault();
        go(options[active].getAttribute('data-url'));
      } else if (event.key === 'Escape') {
        forget();
        if (list.hidden) return;
        event.preventDefault();
        close();
      }
    });
    input.addEventListener('blur', function () {
      forget();
      close();
    });
  }

  // ---- Menus (the site header's, the admin's "More"): a <details> that already works without script;
  // Escape and a click elsewhere close it.

  function setupMenu() {
    Array.prototype.forEach.call(document.querySelectorAll('.site-header .menu, .nav-more details'), function (menu) {
      var summary = menu.querySelector('summary');
      menu.addEventListener('keydown', function (event) {
        // An Escape something inside has already used (closing a list of suggestions) is not the menu's.
        if (event.key !== 'Escape' || !menu.open || event.defaultPrevented) return;
        menu.open = false;
        summary.focus();
      });
      document.addEventListener('click', function (event) {
        if (menu.open && !menu.contains(event.target)) menu.open = false;
      });
    });
  }

  // ---- Colour theme: automatic (the system's setting), dark or light; theme.js applies a stored choice early.

  function setupTheme() {
    var button = document.querySelector('.theme-toggle');
    if (!button) return;
    var next = { auto: 'dark', dark: 'light', light: 'auto' };
    function show(theme) {
      button.setAttribute('data-theme', theme);
      button.textContent = button.getAttribute('data-label-' + theme);
    }
    var current = document.documentElement.getAttribute('data-theme') || 'auto';
    show(current);
    button.hidden = false;
    button.addEventListener('click', function () {
      current = next[current] || 'auto';
      if (current === 'auto') document.documentElement.removeAttribute('data-theme');
      else document.documentElement.setAttribute('data-theme', current);
      try {
        if (current === 'auto') localStorage.removeItem('ytring-theme');
        else localStorage.setItem('ytring-theme', current);
      } catch (e) {
        /* Not remembered, but still applied to this page. */
      }
      show(current);
    });
  }

  // Back (or forward) to a results or list page shows that page as the person left it, a menu changed
  // and a word typed just before they sent the form: the filters would then say something other than
  // the results under them. Put back what the page was made with; a first visit is left alone, so
  // nothing typed while the page was loading is lost.
  function setupFiltersOnReturn() {
    window.addEventListener('pageshow', function (event) {
      var entry = performance.getEntriesByType && performance.getEntriesByType('navigation')[0];
      if (!event.persisted && !(entry && entry.type === 'back_forward')) return;
      document.querySelectorAll('form[role="search"][method="get"]').forEach(function (f) {
        f.reset();
      });
    });
  }

  function ready() {
    revealEmails(document);
    setupFiltersOnReturn();
    setupReplies();
    setupFreshQuestion();
    setupSubmit();
    setupRemember();
    setupLive();
    setupConfirmDelete();
    setupSearchSuggestions();
    setupMenu();
    setupTheme();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
  window.ytring = { revealEmails: revealEmails };
})();
