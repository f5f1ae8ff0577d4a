// Ytring's script for staff, loaded only on /admin pages (after ytring.js, which reveals e-mail
// addresses and the like there too). Every page it improves works without it.
(function () {
  'use strict';

  // ---- The admin menu's count of comments waiting for moderation, kept current while a staff page is open.
  function setupWaitingCount() {
    var count = document.querySelector('[data-live-waiting]');
    if (!count || !window.EventSource) return;
    var word = count.querySelector('.visually-hidden');
    var delay = 2000;
    var source = null;
    var connect = function () {
      source = new EventSource(count.getAttribute('data-live-waiting'));
      source.addEventListener('waiting', function (event) {
        delay = 2000;
        var data;
        try {
          data = JSON.parse(event.data);
        } catch (e) {
          return;
        }
        if (typeof data.waiting !== 'number') return;
        count.firstChild.nodeValue = String(data.waiting);
        count.setAttribute('data-count', String(data.waiting));
        if (word) count.appendChild(word);
      });
      source.onerror = function () {
        source.close();
        setTimeout(connect, delay);
        delay = Math.min(delay * 2, 120000);
      };
    };
    window.addEventListener('pagehide', function () {
      if (source) source.close();
    });
    connect();
  }

  // ---- Admin person pickers: a select of everyone works without script; with it, a combobox
  // (ARIA 1.2 pattern) that asks /admin/people.json for names, titles and organisations. A select
  // may name another source (data-picker-source, answering { options: [{ id, name }] }) and what its
  // list holds (data-picker-list-label, data-picker-nouns "one,many"): the followers' import targets.

  function setupPersonPickers() {
    if (!window.fetch) return;
    var selects = document.querySelectorAll('select[data-person-picker]');
    for (var i = 0; i < selects.length; i++) personPicker(selects[i]);
  }

  function personPicker(select) {
    var da = document.documentElement.lang === 'da';
    var id = select.id;
    var input = document.createElement('input');
    var list = document.createElement('ul');
    var status = document.createElement('div');
    var wrap = document.createElement('div');
    var source = select.getAttribute('data-picker-source') || '/admin/people.json';
    var nouns = (select.getAttribute('data-picker-nouns') || (da ? 'person,personer' : 'person,people')).split(',');
    wrap.className = 'picker';
    // The label's "for" now names the text box; the select stays in the form, hidden, and carries the value.
    select.id = id + '-value';
    select.hidden = true;
    select.setAttribute('aria-hidden', 'true');
    select.tabIndex = -1;
    input.id = id;
    input.type = 'text';
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', id + '-options');
    input.setAttribute('data-picker-input', '');
    var hint = select.getAttribute('data-picker-hint');
    if (hint) input.placeholder = hint;
    ['aria-describedby', 'aria-invalid', 'required'].forEach(function (name) {
      if (select.hasAttribute(name)) input.setAttribute(name, select.getAttribute(name));
    });
    if (select.autofocus) input.autofocus = true;
    list.id = id + '-options';
    list.className = 'suggestions';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', select.getAttribute('data-picker-list-label') || (da ? 'Personer' : 'People'));
    list.hidden = true;
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    select.parentNode.insertBefore(wrap, select);
    wrap.appendChild(input);
    wrap.appendChild(list);
    wrap.appendChild(status);
    wrap.appendChild(select);
    if (select.autofocus) input.focus();

    var options = [];
    var found = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function chosenText() {
      var option = select.options[select.selectedIndex];
      return option && option.value ? option.textContent : '';
    }
    input.value = chosenText();

    function setActive(index) {
      active = index;
      options.forEach(function (option, n) {
        option.setAttribute('aria-selected', n === index ? 'true' : 'false');
      });
      if (index >= 0) {
        input.setAttribute('aria-activedescendant', options[index].id);
        options[index].scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    }

    // Drops a search still waiting to be asked and any answer still on its way: they were for
    // text the person has moved on from (a pick, Escape, leaving the box).
    function forget() {
      clearTimeout(timer);
      asked++;
    }

    function close() {
      list.hidden = true;
      list.textContent = '';
      options = [];
      found = [];
      setActive(-1);
      input.setAttribute('aria-expanded', 'false');
    }

    function labelOf(person) {
      return [person.name, person.jobTitle, person.organisation].filter(Boolean).join(', ');
    }

    function pick(person) {
      var option = null;
      for (var n = 0; n < select.options.length; n++) if (select.options[n].value === person.id) option = select.options[n];
      if (!option) {
        option = document.createElement('option');
        option.value = person.id;
        option.textContent = labelOf(person);
        select.appendChild(option);
      }
      select.value = person.id;
      input.value = option.textContent;
      forget();
      close();
      status.textContent = (da ? 'Valgt: ' : 'Chosen: ') + option.textContent;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }

    function show(people) {
      // A later answer for the same person keeps them highlighted: dropped, the person's Enter
      // would send the whole form instead of picking the one they had arrowed to.
      var kept = active >= 0 && found[active] ? found[active].id : null;
      close();
      found = people;
      people.forEach(function (person, n) {
        var option = document.createElement('li');
        option.id = list.id + '-' + n;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.textContent = labelOf(person);
        option.addEventListener('mousedown', function (event) {
          event.preventDefault();
        });
        option.addEventListener('click', function () {
          pick(person);
        });
        list.appendChild(option);
        options.push(option);
      });
      var open = options.length > 0;
      list.hidden = !open;
      input.setAttribute('aria-expanded', open ? 'true' : 'false');
      for (var n = 0; n < people.length; n++) if (people[n].id === kept) setActive(n);
      status.textContent = !open
        ? (da ? 'Ingen ' : 'No ') + nouns[1] + (da ? ' fundet.' : ' found.')
        : options.length +
          ' ' +
          (options.length === 1 ? nouns[0] : nouns[1]) +
          (da ? '. Brug pil op og ned for at vælge.' : '. Use the up and down arrows to choose.');
    }

    function ask() {
      var mine = ++asked;
      fetch(source + '?q=' + encodeURIComponent(input.value.trim()), {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      })
        .then(function (r) {
          return r.ok ? r.json() : {};
        })
        .then(function (data) {
          if (mine === asked && document.activeElement === input) show(data.people || data.options || []);
        })
        .catch(function () {});
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (!options.length) {
          ask();
          return;
        }
        var size = options.length;
        var step = event.key === 'ArrowDown' ? 1 : -1;
        setActive(active < 0 ? (step > 0 ? 0 : size - 1) : (active + step + size) % size);
      } else if (event.key === 'Enter' && active >= 0) {
        // Enter chooses the person instead of sending the form.
        event.preventDefault();
        pick(found[active]);
      } else if (event.key === 'Escape') {
        forget();
        if (!list.hidden) {
          event.preventDefault();
          close();
        } else if (input.value !== chosenText()) {
          event.preventDefault();
          input.value = chosenText();
        }
      }
    });
    input.addEventListener('blur', function () {
      forget();
      close();
      // Emptied means nobody; text that names no chosen person goes back to the chosen one, so what shows is what is sent.
      if (!input.value.trim() && select.value) {
        select.value = '';
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }
      input.value = chosenText();
    });
  }

  // ---- Admin comment list: a "select all" box for the bulk form; each row's box works without it.

  function setupSelectAll() {
    var alls = document.querySelectorAll('input[type="checkbox"][data-select-all]');
    Array.prototype.forEach.call(alls, function (all) {
      var formId = all.getAttribute('data-select-all');
      var rows = function () {
        return Array.prototype.filter.call(document.querySelectorAll('input[type="checkbox"][name="ids"]'), function (box) {
          return box.getAttribute('form') === formId;
        });
      };
      var sync = function () {
        var list = rows();
        var checked = list.filter(function (box) {
          return box.checked;
        }).length;
        all.checked = checked > 0 && checked === list.length;
        all.indeterminate = checked > 0 && checked < list.length;
      };
      var holder = all.closest('[hidden]');
      if (holder) holder.hidden = false;
      all.addEventListener('change', function () {
        rows().forEach(function (box) {
          box.checked = all.checked;
        });
        all.indeterminate = false;
      });
      document.addEventListener('change', function (event) {
        var box = event.target;
        if (box && box.name === 'ids' && box.getAttribute('form') === formId) sync();
      });
      sync();
    });
  }

  // ---- Post editor (admin): live preview, autosave and images inserted at the cursor.
  // Only on the editor's page; the form saves, previews and uploads without any of it.

  function setupPostEditor() {
    var form = document.getElementById('post-editor');
    if (!form || !window.fetch || !window.FormData || !window.URLSearchParams) return;
    var main = document.getElementById('main');
    var token = main ? main.getAttribute('data-csrf') : '';
    var da = document.documentElement.lang === 'da';
    var body = document.getElementById('post-body');
    var preview = document.getElementById('post-preview');

    // What focus or a link scrolls to lands below the sticky toolbar, never under it (WCAG 2.4.11).
    // Its height changes with the width and the autosave message; the style sheet's default covers
    // the page without script, where the toolbar holds the two buttons only.
    var toolbar = form.querySelector('.editor-toolbar');
    if (toolbar && window.ResizeObserver) {
      new ResizeObserver(function () {
        document.documentElement.style.setProperty('--editor-toolbar-height', toolbar.offsetHeight + 'px');
      }).observe(toolbar);
    }

    function send(url, data, accept) {
      return fetch(url, {
        method: 'POST',
        body: data,
        credentials: 'same-origin',
        headers: { 'x-csrf-token': token, accept: accept },
      });
    }

    // The preview region is aria-live: what it shows after a pause in typing is read out politely.
    var previewTimer = null;
    var previewAsked = 0;
    function updatePreview(quietly) {
      var mine = ++previewAsked;
      var data = new URLSearchParams();
      data.set('body', body.value);
      preview.setAttribute('aria-busy', 'true');
      send(form.getAttribute('data-preview-url'), data, 'text/html')
        .then(function (r) {
          return r.ok ? r.text() : null;
        })
        .then(function (html) {
          if (html === null || mine !== previewAsked) return;
          // A page that loads with text gets its first preview without it being read out.
          if (quietly) preview.setAttribute('aria-live', 'off');
          // Markdown rendered by our server with raw HTML turned off, as the post page shows it.
          preview.innerHTML = '<div class="post__body">' + html + '</div>';
          if (window.ytring) window.ytring.revealEmails(preview);
          if (quietly)
            setTimeout(function () {
              preview.setAttribute('aria-live', 'polite');
            }, 0);
        })
        .catch(function () {})
        .then(function () {
          if (mine === previewAsked) preview.removeAttribute('aria-busy');
        });
    }
    if (body && preview) {
      body.addEventListener('input', function () {
        clearTimeout(previewTimer);
        previewTimer = setTimeout(function () {
          updatePreview(false);
        }, 700);
      });
      if (body.value && !preview.querySelector('.post__body')) updatePreview(true);
    }

    // Autosave: every 20 seconds while there are changes; a published post itself is left alone.
    var autosaveUrl = form.getAttribute('data-autosave-url');
    var status = document.getElementById('autosave-status');
    var dirty = false;
    var saving = false;
    function markDirty() {
      dirty = true;
    }
    form.addEventListener('input', markDirty);
    form.addEventListener('change', markDirty);
    form.addEventListener('submit', function () {
      dirty = false;
    });
    // A new post becomes a draft once it has a title or text; the page then moves to the draft's
    // address (reload and back keep the work) and later autosaves go to it.
    var newUrl = form.getAttribute('data-autosave-new-url');
    var titleField = document.getElementById('post-title');
    function hasContent() {
      return Boolean((titleField && titleField.value.trim()) || (body && body.value.trim()));
    }
    function fileChosen() {
      var inputs = form.querySelectorAll('input[type="file"]');
      for (var i = 0; i < inputs.length; i++) if (inputs[i].files && inputs[i].files.length) return true;
      return false;
    }
    var heading = document.getElementById('editor-heading');
    function showHeading(text) {
      if (!heading || heading.textContent === text) return;
      // The window's title starts with the heading (the admin layout adds the site's name after it).
      var rest = document.title.indexOf(heading.textContent) === 0 ? document.title.slice(heading.textContent.length) : '';
      heading.textContent = text;
      if (rest) document.title = text + rest;
    }
    function autosave() {
      if (!dirty || saving) return;
      var creating = !autosaveUrl;
      if (creating && !(newUrl && hasContent())) return;
      dirty = false;
      saving = true;
      send(creating ? newUrl : autosaveUrl, new URLSearchParams(new FormData(form)), 'application/json')
        .then(function (r) {
          if (!r.ok) throw new Error('autosave ' + r.status);
          return r.json();
        })
        .then(function (data) {
          if (creating) {
            autosaveUrl = data.autosaveUrl;
            form.setAttribute('data-autosave-url', autosaveUrl);
            form.removeAttribute('data-autosave-new-url');
            var action = form.getAttribute('action') || '';
            var query = action.indexOf('?');
            form.setAttribute('action', data.formUrl + (query >= 0 ? action.slice(query) : ''));
            if (window.history && history.replaceState) history.replaceState(null, '', data.editUrl);
          }
          // The draft as this editor saved it: the next save is checked against this version, so it
          // is refused only if someone else saves in between.
          var version = document.getElementById('post-version');
          if (version && data.version) version.value = data.version;
          // The heading and the window's title say what a reload of this address would: the draft's title.
          if (data.heading) showHeading(data.heading);
          // The new draft's links (preview, versions ...) go where its editor has them: just above the form.
          if (creating && data.links && !document.querySelector('.editor-links')) form.insertAdjacentHTML('beforebegin', data.links);
          // A draft that now holds the whole form (the server says so) loses nothing on leaving:
          // only later changes are unsaved. A chosen image file does not travel with an autosave,
          // so it keeps the warning.
          if (data.holdsForm && !dirty && !fileChosen()) unsaved = false;
          var time = new Date().toLocaleTimeString(da ? 'da-DK' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
          if (status) status.textContent = (da ? 'Kladde gemt automatisk kl. ' : 'Draft saved automatically at ') + time + '.';
          // What was typed while this save was on its way goes soon after, not at the next interval.
          if (dirty && newUrl) saveSoon();
        })
        .catch(function () {
          dirty = true;
          if (status) status.textContent = da ? 'Automatisk gem mislykkedes. Husk at gemme.' : 'Autosave failed. Remember to save.';
        })
        .then(function () {
          saving = false;
        });
    }
    if (autosaveUrl || newUrl) {
      if (status) status.textContent = status.getAttribute('data-idle') || '';
      setInterval(autosave, 20000);
    }
    // A new post is saved soon after each pause in typing, not only every 20 seconds: the first save
    // makes the draft and moves the page to its address, and a reload soon after must find all of
    // what was typed, not what the first save caught while the person was still typing.
    var soonTimer = null;
    function saveSoon() {
      clearTimeout(soonTimer);
      soonTimer = setTimeout(autosave, 1500);
    }
    if (newUrl) form.addEventListener('input', saveSoon);

    // Never lose work: the browser asks before leaving while something typed is not saved. A page
    // the server sent back unsaved (a row button, the preview, an error) counts as changed too.
    var unsaved = form.getAttribute('data-unsaved') === '1';
    function markUnsaved() {
      unsaved = true;
    }
    form.addEventListener('input', markUnsaved);
    form.addEventListener('change', markUnsaved);
    form.addEventListener('submit', function () {
      unsaved = false;
    });
    window.addEventListener('beforeunload', function (event) {
      if (!unsaved) return;
      event.preventDefault();
      event.returnValue = '';
    });

    var saveButton = form.querySelector('button[name="op"][value="save"]');
    function save() {
      if (form.requestSubmit) form.requestSubmit(saveButton);
      else saveButton.click();
    }

    // Markdown formatting on the body's selection, from the buttons or Ctrl/Cmd+B, I, K.
    var bar = document.querySelector('.format-bar[data-for="post-body"]');
    function replaceSelection(text, selectFrom, selectTo) {
      var start = body.selectionStart;
      body.focus();
      // insertText keeps the browser's undo history; where it is missing, the value is set directly.
      var inserted = false;
      try {
        inserted = document.execCommand('insertText', false, text);
      } catch (e) {
        inserted = false;
      }
      if (!inserted || body.value.slice(start, start + text.length) !== text) {
        body.setRangeText(text, start, body.selectionEnd, 'end');
        body.dispatchEvent(new Event('input', { bubbles: true }));
      }
      body.setSelectionRange(start + selectFrom, start + selectTo);
    }
    function wrap(marker) {
      var selected = body.value.slice(body.selectionStart, body.selectionEnd);
      // A selection that ends in a space or line break keeps it outside the markers.
      var trail = /\s*$/.exec(selected)[0];
      var inner = selected.slice(0, selected.length - trail.length);
      replaceSelection(marker + inner + marker + trail, marker.length, marker.length + inner.length);
    }
    function link() {
      var selected = body.value.slice(body.selectionStart, body.selectionEnd);
      var text = selected || (da ? 'linktekst' : 'link text');
      var url = 'https://';
      var markdown = '[' + text + '](' + url + ')';
      // The address is selected, ready to be typed over; with no text chosen, the text is.
      if (selected) replaceSelection(markdown, text.length + 3, text.length + 3 + url.length);
      else replaceSelection(markdown, 1, 1 + text.length);
    }
    function prefixLines(prefix, replacesHeading) {
      var value = body.value;
      var start = value.lastIndexOf('\n', body.selectionStart - 1) + 1;
      var endBreak = value.indexOf('\n', Math.max(body.selectionEnd - (body.selectionEnd > body.selectionStart ? 1 : 0), start));
      var end = endBreak < 0 ? value.length : endBreak;
      var lines = value.slice(start, end).split('\n');
      var all = lines.every(function (line) {
        return line.indexOf(prefix) === 0;
      });
      var changed = lines
        .map(function (line) {
          if (all) return line.slice(prefix.length);
          return replacesHeading && /^#+ /.test(line) ? prefix + line.replace(/^#+ /, '') : prefix + line;
        })
        .join('\n');
      body.setSelectionRange(start, end);
      replaceSelection(changed, changed.length, changed.length);
    }
    var formats = {
      heading: function () {
        prefixLines('## ', true);
      },
      bold: function () {
        wrap('**');
      },
      italic: function () {
        wrap('*');
      },
      link: link,
      list: function () {
        prefixLines('- ', false);
      },
      quote: function () {
        prefixLines('> ', false);
      },
    };
    if (bar && body) {
      bar.hidden = false;
      var keysHint = document.getElementById('post-body-keys');
      if (keysHint) {
        keysHint.hidden = false;
        body.setAttribute('aria-describedby', ((body.getAttribute('aria-describedby') || '') + ' post-body-keys').trim());
      }
      bar.addEventListener('click', function (event) {
        var button = event.target.closest ? event.target.closest('button[data-format]') : null;
        if (button && formats[button.getAttribute('data-format')]) formats[button.getAttribute('data-format')]();
      });
      body.addEventListener('keydown', function (event) {
        if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
        var key = event.key.toLowerCase();
        var action = key === 'b' ? 'bold' : key === 'i' ? 'italic' : key === 'k' ? 'link' : null;
        if (!action) return;
        event.preventDefault();
        formats[action]();
      });
    }
    // Ctrl/Cmd+S saves the post, as in a word processor, instead of saving the web page.
    document.addEventListener('keydown', function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 's') return;
      event.preventDefault();
      if (saveButton) save();
    });

    // Images: uploaded without leaving the page, then inserted where the cursor was in the body.
    var upload = document.getElementById('upload-form');
    var uploadStatus = document.getElementById('upload-status');
    if (!upload || !body) return;
    var messages = {
      not_an_image: da ? 'Filen er ikke et JPEG-, PNG-, WebP- eller GIF-billede.' : 'The file is not a JPEG, PNG, WebP or GIF image.',
      too_large: da ? 'Filen er større end 10 MB.' : 'The file is larger than 10 MB.',
      too_many_pixels: da ? 'Billedet har for mange pixels.' : 'The image has too many pixels.',
      required: da ? 'Vælg en billedfil.' : 'Choose an image file.',
    };
    upload.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = upload.querySelector('button[type="submit"]');
      button.disabled = true;
      uploadStatus.textContent = da ? 'Uploader …' : 'Uploading …';
      send(upload.action, new FormData(upload), 'application/json')
        .then(function (r) {
          return r.json().catch(function () {
            return { ok: false, error: 'failed' };
          });
        })
        .then(function (answer) {
          if (!answer.ok) {
            uploadStatus.textContent =
              messages[answer.error] || (da ? 'Billedet kunne ikke uploades.' : 'The image could not be uploaded.');
            return;
          }
          var start = body.selectionStart;
          var end = body.selectionEnd;
          var before = body.value.slice(0, start);
          var after = body.value.slice(end);
          var insert =
            (before && !/\n\n$/.test(before) ? (/\n$/.test(before) ? '\n' : '\n\n') : '') +
            answer.markdown +
            (/^\n/.test(after) ? '' : '\n\n');
          body.value = before + insert + after;
          body.selectionStart = body.selectionEnd = start + insert.length;
          body.dispatchEvent(new Event('input', { bubbles: true }));
          upload.reset();
          uploadStatus.textContent = da ? 'Billedet er sat ind i brødteksten.' : 'The image is inserted into the body.';
          body.focus();
        })
        .catch(function () {
          uploadStatus.textContent = da ? 'Billedet kunne ikke uploades.' : 'The image could not be uploaded.';
        })
        .then(function () {
          button.disabled = false;
        });
    });
  }

  // ---- Moderation queue keys: j/k move between comments, a/s/t approve/spam/trash, r reply, ? help.
  // Each key presses the comment's own button, so the server does exactly what a click does.

  function setupModerationKeys() {
    var list = document.querySelector('.mod-list');
    var help = document.getElementById('mod-keys');
    if (!list || !help) return;
    var items = Array.prototype.slice.call(list.querySelectorAll('.mod-item'));
    var opener = document.querySelector('[data-open-keys]');
    var store = 'ytring-mod-index';
    if (opener) {
      opener.hidden = false;
      opener.addEventListener('click', function () {
        help.showModal();
      });
    }
    help.querySelector('[data-close]').addEventListener('click', function () {
      help.close();
    });
    items.forEach(function (item) {
      item.tabIndex = -1;
    });
    function current() {
      var i = items.indexOf(document.activeElement && document.activeElement.closest('.mod-item'));
      return i;
    }
    function focusAt(i) {
      var item = items[Math.max(0, Math.min(items.length - 1, i))];
      if (!item) return;
      item.focus();
      item.scrollIntoView({ block: 'nearest' });
    }
    // After an action the list comes back: the focus returns to the same place in it.
    try {
      var kept = sessionStorage.getItem(store);
      sessionStorage.removeItem(store);
      if (kept !== null && /[?&]done=/.test(location.search)) focusAt(Number(kept));
    } catch (e) {
      /* No storage: the focus starts at the top. */
    }
    function press(item, action) {
      var form = item.querySelector('form[action$="/' + action + '"]');
      if (!form) return;
      try {
        sessionStorage.setItem(store, String(items.indexOf(item)));
      } catch (e) {
        /* Not kept: the focus starts at the top. */
      }
      form.requestSubmit();
    }
    document.addEventListener('keydown', function (event) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      if (help.open) return;
      var key = event.key;
      var i = current();
      if (key === '?') {
        event.preventDefault();
        help.showModal();
      } else if (key === 'j' || key === 'k') {
        event.preventDefault();
        focusAt(i < 0 ? 0 : i + (key === 'j' ? 1 : -1));
      } else if (i >= 0 && (key === 'a' || key === 's' || key === 't')) {
        event.preventDefault();
        press(items[i], { a: 'approve', s: 'spam', t: 'trash' }[key]);
      } else if (i >= 0 && key === 'r') {
        var reply = items[i].querySelector('.mod-reply');
        if (!reply) return;
        event.preventDefault();
        reply.open = true;
        reply.querySelector('textarea').focus();
      }
    });
  }

  function ready() {
    setupWaitingCount();
    setupSelectAll();
    setupPersonPickers();
    setupModerationKeys();
    setupPostEditor();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();
})();
