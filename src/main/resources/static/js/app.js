// Tasklens pages work without this file; with it, htmx requests carry the CSRF token and their outcome is
// announced, images are uploaded with a progress bar, labels appear as soon as the server saves them, and
// an image opens in a dialog. A file rather than inline script because the Content-Security-Policy allows
// only 'self'.
(function () {
  'use strict';

  // app.css shows the controls that need this file (attaching images) only under this class.
  document.documentElement.classList.add('js');

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.content : null;
  }

  // Forms carry the token as a hidden field; htmx requests carry it in the header Spring Security reads.
  document.addEventListener('htmx:configRequest', function (event) {
    var header = meta('csrf-header');
    var token = meta('csrf-token');
    if (header && token) {
      event.detail.headers[header] = token;
    }
  });

  // Writes into the page's live region, as text, so screen readers read it out.
  function announce(text, isError) {
    var region = document.getElementById('messages');
    if (!region) {
      return;
    }
    var message = document.createElement('p');
    message.className = isError ? 'message error' : 'message';
    message.textContent = text;
    region.replaceChildren(message);
  }

  // A message belongs to the last action; a new request makes it stale.
  document.addEventListener('htmx:beforeRequest', function () {
    var region = document.getElementById('messages');
    if (region) {
      region.replaceChildren();
    }
  });

  // The server names what happened in an HX-Trigger header: {"tasklens:message": "Task created."}.
  document.addEventListener('tasklens:message', function (event) {
    announce(event.detail.value, false);
  });

  document.addEventListener('htmx:responseError', function (event) {
    var status = event.detail.xhr.status;
    if (status === 404) {
      var image = event.detail.elt.closest && event.detail.elt.closest('.attachment');
      announce((image ? 'That image' : 'That task') + ' no longer exists. Reload the page to see your current tasks.',
          true);
    } else if (status === 403 || status === 401) {
      announce('Your session has expired. Reload the page and sign in again.', true);
    } else {
      announce('Something went wrong (' + status + '). Please try again.', true);
    }
  });

  // A request made after the session ended is redirected to the sign-in page: go there instead of
  // swapping the sign-in form into the list.
  document.addEventListener('htmx:beforeSwap', function (event) {
    var url = event.detail.xhr.responseURL;
    if (url && new URL(url).pathname === '/login') {
      event.detail.shouldSwap = false;
      window.location.assign(url);
    }
  });

  // A swap can take away the control that had keyboard focus (the Save button of an edited task, the
  // button of a deleted one): put focus back on the same task, or on the list heading, not the page top.
  document.addEventListener('htmx:afterRequest', function (event) {
    if (document.activeElement && document.activeElement !== document.body) {
      return;
    }
    var target = event.detail.target;
    var swapped = target && target.id ? document.getElementById(target.id) : null;
    var control = swapped ? swapped.querySelector('button, a[href], input:not([type=hidden]), textarea, select') : null;
    var fallback = document.getElementById('tasks-heading');
    if (control) {
      control.focus();
    } else if (fallback) {
      fallback.focus();
    }
  });

  // The same breakpoint as app.css's phone layout.
  var phone = window.matchMedia('(max-width: 36rem)');

  // After a task is added the "Add task" row stays open on a wide screen, to add the next one; on a phone it
  // closes, so the list is on the screen again. The answer replaced the form, so htmx tells the row (its
  // parent) and names the form that asked in requestConfig.
  document.addEventListener('htmx:afterRequest', function (event) {
    var addTask = document.getElementById('new-task');
    var asking = event.detail.requestConfig ? event.detail.requestConfig.elt : event.detail.elt;
    if (!asking || asking.id !== 'create-form' || event.detail.xhr.status !== 200 || !addTask || !phone.matches) {
      return;
    }
    addTask.open = false;
    document.getElementById('new-task-summary').focus();
  });

  // Esc in a task being edited is its Cancel: the task goes back to what is saved.
  document.addEventListener('keydown', function (event) {
    var editing = event.key === 'Escape' && event.target.closest ? event.target.closest('li.task.is-editing') : null;
    var cancel = editing ? editing.querySelector('a.task-cancel') : null;
    if (cancel) {
      event.preventDefault();
      cancel.click();
    }
  });

  document.addEventListener('htmx:sendError', function () {
    announce('Cannot reach Tasklens. Check your connection and try again.', true);
  });

  // ---- Images --------------------------------------------------------------------------------------

  function csrfHeaders() {
    var headers = {};
    var header = meta('csrf-header');
    var token = meta('csrf-token');
    if (header && token) {
      headers[header] = token;
    }
    return headers;
  }

  // A request made after the session ended lands on the sign-in page instead of the answer.
  function signedOut(response) {
    return response.redirected && new URL(response.url).pathname === '/login';
  }

  function parseHtml(html) {
    var template = document.createElement('template');
    template.innerHTML = html;
    return template.content;
  }

  function megabytes(bytes) {
    return (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '') + ' MB';
  }

  // The problem+json "detail" the server answers a refused request with; it is written for people.
  function refusal(text, status) {
    try {
      var problem = JSON.parse(text);
      if (problem && typeof problem.detail === 'string' && problem.detail) {
        return problem.detail;
      }
    } catch (ignored) {
      // Not JSON (a proxy's error page): say what is known.
    }
    if (status === 401 || status === 403) {
      return 'your session has expired. Reload the page and sign in again.';
    }
    return 'the server refused it (' + status + ').';
  }

  // The <Message> of an S3 error, which is written for people too.
  function storeRefusal(text, status) {
    var message = text ? new DOMParser().parseFromString(text, 'application/xml').querySelector('Error > Message') : null;
    return 'the image store refused it (' + status + (message ? ': ' + message.textContent : '') + ').';
  }

  function imagesOf(taskId) {
    return document.getElementById('images-' + taskId);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  // Says in the task's live region what became of an image, as text, so screen readers read it out.
  function announceImage(images, card) {
    var region = images.querySelector('.images-live');
    var name = card.querySelector('.attachment-name');
    if (!region || !name) {
      return;
    }
    var labels = Array.prototype.map.call(card.querySelectorAll('.label-badges .label-name'), function (label) {
      return label.textContent;
    });
    var error = card.querySelector('.attachment-error');
    var news = error ? error.textContent
        : labels.length ? 'labels ' + labels.join(', ')
        : card.classList.contains('is-labeled') ? 'no labels found' : null;
    if (news) {
      region.textContent = name.textContent + ': ' + news;
    }
  }

  // Cards of one attachment may be asked for several times in a row (status, then labels); only the
  // answer to the last request is shown, whatever order the answers arrive in.
  var cardRequests = {};

  function placeCard(images, attachmentId, html, announceIt) {
    var card = parseHtml(html).querySelector('li.attachment');
    if (!card) {
      return;
    }
    var existing = document.getElementById('attachment-' + attachmentId);
    if (existing && existing.classList.contains('is-uploading') && card.classList.contains('is-unfinished')) {
      return; // this page is still sending the bytes; its progress bar says more
    }
    var hadFocus = existing && existing.contains(document.activeElement);
    if (existing) {
      forgetPreview(existing);
      existing.replaceWith(card);
    } else {
      images.querySelector('.attachment-list').appendChild(card);
    }
    htmx.process(card);
    if (hadFocus) {
      var control = card.querySelector('a[href], button');
      if (control) {
        control.focus();
      }
    }
    if (announceIt) {
      announceImage(images, card);
    }
  }

  // Before an image's card goes, focus moves to a neighbouring image (or the attach control), so a keyboard
  // user stays with the task's images.
  function leaveCard(card) {
    if (!card.contains(document.activeElement)) {
      return;
    }
    var neighbour = card.nextElementSibling || card.previousElementSibling;
    var images = card.closest('.attachments');
    var control = (neighbour && neighbour.querySelector('a.attachment-thumb, button'))
        || (images && images.querySelector('.attach-input'));
    if (control) {
      control.focus();
    }
  }

  function removeCard(attachmentId) {
    var card = document.getElementById('attachment-' + attachmentId);
    // A delete sent from this card removes it when its answer comes (htmx marks the sending form).
    if (card && !card.querySelector('.htmx-request')) {
      leaveCard(card);
      forgetPreview(card);
      card.remove();
    }
  }

  // The answer to a delete is empty: the card goes.
  document.addEventListener('htmx:beforeSwap', function (event) {
    var target = event.detail.target;
    if (target && target.matches && target.matches('li.attachment') && !event.detail.serverResponse.trim()) {
      leaveCard(target);
    }
  });

  function refreshCard(taskId, attachmentId, announceIt) {
    var images = imagesOf(taskId);
    if (!images) {
      return; // the task is not on this page
    }
    var request = (cardRequests[attachmentId] || 0) + 1;
    cardRequests[attachmentId] = request;
    var url = images.dataset.attachUrl + '/' + encodeURIComponent(attachmentId) + '/card';
    fetch(url, { credentials: 'same-origin' }).then(function (response) {
      if (request !== cardRequests[attachmentId]) {
        return null;
      }
      if (response.status === 404) {
        removeCard(attachmentId);
        return null;
      }
      return response.ok && !signedOut(response) ? response.text() : null;
    }).then(function (html) {
      if (html !== null && request === cardRequests[attachmentId]) {
        placeCard(images, attachmentId, html, announceIt);
      }
    }).catch(function () {
      // Offline for a moment: the event stream reconnects and refreshes every card then.
    });
  }

  // Replaces every task's cards with what the server has now (after a reconnect, when events may have
  // been missed), keeping the uploads this page is still sending and the ones it was refused (no id).
  function refreshAllCards() {
    document.querySelectorAll('.attachments[data-attach-url]').forEach(function (images) {
      fetch(images.dataset.attachUrl + '/cards', { credentials: 'same-origin' }).then(function (response) {
        return response.ok && !signedOut(response) ? response.text() : null;
      }).then(function (html) {
        var fresh = html === null ? null : parseHtml(html).querySelector('.attachment-list');
        var current = images.querySelector('.attachment-list');
        if (!fresh || !current || !document.contains(images)) {
          return;
        }
        current.querySelectorAll('li.is-uploading, li.attachment:not([id])').forEach(function (row) {
          var twin = row.id ? fresh.querySelector('#' + CSS.escape(row.id)) : null;
          if (twin) {
            twin.replaceWith(row);
          } else {
            fresh.appendChild(row);
          }
        });
        current.replaceWith(fresh);
        htmx.process(fresh);
      }).catch(function () {
        // The next reconnect tries again.
      });
    });
  }

  // ---- Uploading: ask the server for an upload target, send the bytes there with a progress bar, then
  // say it is done. ----

  function forgetPreview(row) {
    if (row.dataset.preview) {
      URL.revokeObjectURL(row.dataset.preview);
    }
  }

  function uploadRow(images, file) {
    var row = element('li', 'attachment is-uploading');
    var thumb = element('div', 'attachment-thumb');
    if (/^image\/(jpeg|png|webp)$/.test(file.type)) {
      var preview = element('img');
      row.dataset.preview = URL.createObjectURL(file);
      preview.alt = '';
      preview.addEventListener('error', function () {
        preview.remove(); // not a picture after all; the server will say so
        thumb.classList.add('is-empty');
      });
      preview.src = row.dataset.preview;
      thumb.appendChild(preview);
    } else {
      thumb.classList.add('is-empty');
    }
    var body = element('div', 'attachment-body');
    body.appendChild(element('p', 'attachment-name', file.name));
    var progress = element('progress', 'upload-progress');
    progress.max = 100;
    progress.value = 0;
    progress.setAttribute('aria-label', 'Uploading ' + file.name);
    body.appendChild(progress);
    var status = element('p', 'attachment-status', 'Uploading…');
    status.setAttribute('role', 'status');
    body.appendChild(status);
    row.appendChild(thumb);
    row.appendChild(body);
    images.querySelector('.attachment-list').appendChild(row);
    return row;
  }

  // Why the upload of one file failed, next to its name; a screen reader hears the name too.
  function uploadFailed(row, file, reason) {
    row.classList.remove('is-uploading');
    row.classList.add('is-failed');
    row.removeAttribute('id');
    var body = row.querySelector('.attachment-body');
    var progress = body.querySelector('.upload-progress');
    if (progress) {
      progress.remove();
    }
    var status = body.querySelector('.attachment-status');
    if (status) {
      status.remove();
    }
    var error = element('p', 'attachment-error');
    error.setAttribute('role', 'alert');
    error.appendChild(element('span', 'visually-hidden', file.name + ': '));
    error.appendChild(document.createTextNode(reason.charAt(0).toUpperCase() + reason.slice(1)));
    body.appendChild(error);
    var dismiss = element('button', 'button subtle small', 'Dismiss');
    dismiss.type = 'button';
    dismiss.addEventListener('click', function () {
      var section = row.closest('.attachments');
      forgetPreview(row);
      row.remove();
      var attach = section && section.querySelector('.attach-input');
      if (attach) {
        attach.focus();
      }
    });
    body.appendChild(dismiss);
  }

  // A refused upload leaves an attachment waiting for bytes that will never come: remove it now rather
  // than when the server sweeps abandoned uploads.
  function discard(images, attachmentId) {
    fetch(images.dataset.attachUrl + '/' + encodeURIComponent(attachmentId), {
      method: 'DELETE', credentials: 'same-origin', headers: csrfHeaders()
    }).catch(function () {
      // The server sweeps it when its upload URL expires.
    });
  }

  // POSTs body (or nothing) with the page's session and answers the JSON reply; a refusal is an Error
  // whose message says why, for people.
  function postJson(url, body) {
    var headers = csrfHeaders();
    headers.Accept = 'application/json';
    if (body !== null) {
      headers['Content-Type'] = 'application/json';
    }
    return fetch(url, {
      method: 'POST', credentials: 'same-origin', headers: headers, body: body === null ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.text().then(function (text) {
        if (signedOut(response)) {
          throw new Error(refusal('', 401));
        }
        if (!response.ok) {
          throw new Error(refusal(text, response.status));
        }
        return JSON.parse(text);
      });
    });
  }

  // The bytes are in the store: Tasklens checks them there and answers the attachment, UPLOADED (labeling
  // has started) or REJECTED with the reason.
  function complete(images, row, file, attachmentId) {
    var url = images.dataset.attachUrl + '/' + encodeURIComponent(attachmentId) + '/complete';
    postJson(url, null).then(function (attachment) {
      if (attachment.status === 'REJECTED') {
        uploadFailed(row, file, attachment.error || 'the file is not an image Tasklens accepts.');
        discard(images, attachmentId);
        return;
      }
      // Stored: labeling has started. The card the server renders replaces this row.
      var progress = row.querySelector('.upload-progress');
      if (progress) {
        progress.remove();
      }
      var status = row.querySelector('.attachment-status');
      status.replaceChildren(element('span', 'spinner'), document.createTextNode('Detecting labels…'));
      status.firstChild.setAttribute('aria-hidden', 'true');
      row.classList.replace('is-uploading', 'is-detecting');
      refreshCard(images.dataset.task, attachmentId, false);
    }).catch(function (error) {
      // Tasklens also finds the object by itself within a minute; the card follows then.
      uploadFailed(row, file, error instanceof TypeError
          ? 'cannot reach Tasklens. Check your connection and try again.' : error.message);
    });
  }

  // Sends the bytes as the upload target says, to this server or straight to the bucket, with a progress bar.
  function sendBytes(images, row, file, created) {
    var attachmentId = created.attachment.id;
    var upload = created.upload;
    var xhr = new XMLHttpRequest();
    xhr.open(upload.method || 'PUT', upload.url);
    Object.keys(upload.headers || {}).forEach(function (name) {
      xhr.setRequestHeader(name, upload.headers[name]);
    });
    var progress = row.querySelector('.upload-progress');
    xhr.upload.addEventListener('progress', function (event) {
      if (event.lengthComputable) {
        progress.value = Math.round(100 * event.loaded / event.total);
      }
    });
    // A bucket is another origin: it answers in S3's XML, and a browser hides why it refused a request.
    var toBucket = new URL(upload.url, window.location.href).origin !== window.location.origin;
    xhr.addEventListener('load', function () {
      if (xhr.status >= 200 && xhr.status < 300) {
        progress.value = 100;
        complete(images, row, file, attachmentId);
      } else {
        uploadFailed(row, file, toBucket ? storeRefusal(xhr.responseText, xhr.status)
            : refusal(xhr.responseText, xhr.status));
        discard(images, attachmentId);
      }
    });
    xhr.addEventListener('error', function () {
      uploadFailed(row, file, toBucket
          ? 'the image store did not take the upload. Check your connection and try again; if it keeps failing,'
            + ' the store may not allow this site (its CORS rule).'
          : 'the upload was interrupted. Check your connection and try again.');
      discard(images, attachmentId);
    });
    xhr.send(file);
  }

  function uploadFile(images, file) {
    var row = uploadRow(images, file);
    var max = Number(images.dataset.maxBytes);
    if (max && file.size > max) {
      uploadFailed(row, file, 'this file is ' + megabytes(file.size) + '; an image can be at most '
          + images.dataset.maxText + '.');
      return;
    }
    // The server decides the type from the bytes; the declared one only has to agree with them.
    var request = { filename: file.name, contentType: file.type || 'application/octet-stream', size: file.size };
    postJson(images.dataset.attachUrl, request).then(function (created) {
      row.id = 'attachment-' + created.attachment.id;
      sendBytes(images, row, file, created);
    }).catch(function (error) {
      uploadFailed(row, file, error instanceof TypeError
          ? 'cannot reach Tasklens. Check your connection and try again.' : error.message);
    });
  }

  function attachFiles(images, files) {
    Array.prototype.forEach.call(files, function (file) {
      uploadFile(images, file);
    });
  }

  document.addEventListener('change', function (event) {
    var input = event.target;
    if (input.matches && input.matches('.attach-input')) {
      var files = Array.prototype.slice.call(input.files);
      input.value = ''; // choosing the same file again is a new upload
      attachFiles(input.closest('.attachments'), files);
    }
  });

  // Images dropped on a task are attached to it. Dropped anywhere else on the page they are refused,
  // rather than the browser leaving the page to show the file.
  function dropTarget(event) {
    var task = event.target.closest ? event.target.closest('li.task') : null;
    return task ? task.querySelector('.attachments[data-attach-url]') : null;
  }

  function carriesFiles(event) {
    return event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, 'Files') >= 0;
  }

  function clearDropHighlight() {
    document.querySelectorAll('.is-drop-target').forEach(function (task) {
      task.classList.remove('is-drop-target');
    });
  }

  document.addEventListener('dragover', function (event) {
    if (!carriesFiles(event)) {
      return;
    }
    event.preventDefault();
    var images = dropTarget(event);
    event.dataTransfer.dropEffect = images ? 'copy' : 'none';
    var task = images ? images.closest('li.task') : null;
    if (task && !task.classList.contains('is-drop-target')) {
      clearDropHighlight();
      task.classList.add('is-drop-target');
    } else if (!task) {
      clearDropHighlight();
    }
  });

  document.addEventListener('dragleave', function (event) {
    if (!event.relatedTarget) {
      clearDropHighlight(); // left the window
    }
  });

  document.addEventListener('drop', function (event) {
    if (!carriesFiles(event)) {
      return;
    }
    event.preventDefault();
    clearDropHighlight();
    var images = dropTarget(event);
    if (images) {
      attachFiles(images, event.dataTransfer.files);
    }
  });

  // ---- Live tasks: what another tab (or the API) did to the user's tasks shows here too. ----

  // The list as first shown (newest first, no filter, first page): a new task goes on top of it. In any
  // other view the server decides where it goes, so the list is asked for again.
  function plainList() {
    var params = new URLSearchParams(window.location.search);
    return ['q', 'label', 'done', 'sort', 'after'].every(function (name) {
      return !params.get(name);
    });
  }

  // Whether the user is busy in this part of the page: editing a task or waiting for an answer.
  function busy(part) {
    return part.querySelector('.is-editing, .htmx-request') !== null || part.classList.contains('is-editing');
  }

  // Puts the server's rendering of a task in place of the one shown, keeping its images as they are (their
  // own events keep them current, and this page may be sending one) and the control that had focus.
  function replaceTask(existing, fresh) {
    var focused = existing.contains(document.activeElement) ? document.activeElement.id : null;
    var images = existing.querySelector('.attachments');
    var freshImages = fresh.querySelector('.attachments');
    if (images && freshImages) {
      freshImages.replaceWith(images);
    }
    existing.replaceWith(fresh);
    htmx.process(fresh);
    var control = focused ? document.getElementById(focused) : null;
    if (control) {
      control.focus();
    }
  }

  function removeTask(existing) {
    if (existing.contains(document.activeElement)) {
      var heading = document.getElementById('tasks-heading');
      if (heading) {
        heading.focus();
      }
    }
    existing.remove();
  }

  // All images: the gallery's results are asked for again (reloadList) on any change to an image or a task,
  // instead of swapping single cards, since a change may move an image in or out of a search or label filter.
  function gallery() {
    return document.getElementById('gallery-list') !== null;
  }

  // Asks for the list in this page's view again, unless the user is busy in it; several changes in a row
  // make one request.
  var reloadTimer = null;
  function reloadList() {
    window.clearTimeout(reloadTimer);
    reloadTimer = window.setTimeout(function () {
      fetch(window.location.pathname + window.location.search, {
        credentials: 'same-origin', headers: { 'HX-Request': 'true' }
      }).then(function (response) {
        return response.ok && !signedOut(response) ? response.text() : null;
      }).then(function (html) {
        var fresh = html === null ? null : parseHtml(html).querySelector('#results');
        var current = document.getElementById('results');
        if (!fresh || !current || busy(current)) {
          return;
        }
        var focused = current.contains(document.activeElement) ? document.activeElement.id : null;
        current.querySelectorAll('li.task').forEach(function (task) {
          var twin = fresh.querySelector('#' + CSS.escape(task.id) + ' .attachments');
          var images = task.querySelector('.attachments');
          if (twin && images) {
            twin.replaceWith(images);
          }
        });
        current.replaceWith(fresh);
        htmx.process(fresh);
        var control = focused ? document.getElementById(focused) : null;
        if (control) {
          control.focus();
        }
      }).catch(function () {
        // Offline for a moment: the next change or a reload brings the list.
      });
    }, 150);
  }

  function fetchTask(taskId) {
    return fetch('/tasks/' + encodeURIComponent(taskId), {
      credentials: 'same-origin', headers: { 'HX-Request': 'true' }
    }).then(function (response) {
      if (response.status === 404) {
        return '';
      }
      return response.ok && !signedOut(response) ? response.text() : null;
    }).then(function (html) {
      return html ? parseHtml(html).querySelector('li.task') : html;
    });
  }

  function onTask(change) {
    var existing = document.getElementById('task-' + change.taskId);
    var list = document.getElementById('task-list');
    if (!list || (existing && busy(existing))) {
      return; // the user is editing it, or this page is changing it and its answer will show it
    }
    if (change.change === 'deleted') {
      if (existing) {
        removeTask(existing);
      }
      return;
    }
    if (!existing && !plainList()) {
      reloadList();
      return;
    }
    if (!existing && change.change !== 'created') {
      return; // an older task this page has not loaded
    }
    if (existing && existing.dataset.version === String(change.version)) {
      return; // this page already shows that version: its own change, or one it has fetched
    }
    fetchTask(change.taskId).then(function (fresh) {
      var now = document.getElementById('task-' + change.taskId);
      if (fresh === '') {
        if (now) {
          removeTask(now);
        }
      } else if (fresh && now && !busy(now)) {
        replaceTask(now, fresh);
      } else if (fresh && !now) {
        list.prepend(fresh);
        htmx.process(fresh);
      }
    }).catch(function () {
      // Offline for a moment: a reload shows it.
    });
  }

  // A task this page is creating shows when its answer comes: its event waits for that answer, so the task
  // is not put on the list twice.
  var creating = new Set();
  var waitingTasks = [];
  document.addEventListener('htmx:beforeRequest', function (event) {
    if (event.detail.elt.id === 'create-form') {
      creating.add(event.detail.xhr);
    }
  });
  // Told once on the form and, when the answer replaced it, once more on the row: the request counts once.
  document.addEventListener('htmx:afterRequest', function (event) {
    if (creating.delete(event.detail.xhr) && creating.size === 0) {
      waitingTasks.splice(0).forEach(onTask);
    }
  });

  function taskEvent(change) {
    if (creating.size > 0 && change.change === 'created') {
      waitingTasks.push(change);
    } else {
      onTask(change);
    }
  }

  // ---- Live: the server's attachment events swap in the card it renders. ----

  function listen() {
    var main = document.querySelector('[data-events]');
    if (!main || !window.EventSource) {
      return;
    }
    var failures = 0;
    var interrupted = false;

    function onChange(event, announceIt) {
      var change = JSON.parse(event.data);
      if (gallery()) {
        reloadList();
        return;
      }
      refreshCard(change.taskId, change.attachmentId, announceIt || change.status === 'FAILED');
    }

    function connect() {
      var source = new EventSource(main.dataset.events);
      source.addEventListener('open', function () {
        // Back after a break: the browser sent Last-Event-ID and the server replays what it still has,
        // but a new connection has no id to send, and a restarted server knows none. Reload the cards.
        if (interrupted && gallery()) {
          reloadList();
        } else if (interrupted) {
          refreshAllCards();
        }
        interrupted = false;
        failures = 0;
      });
      source.addEventListener('status', function (event) {
        onChange(event, false);
      });
      source.addEventListener('labels', function (event) {
        onChange(event, true);
      });
      source.addEventListener('deleted', function (event) {
        removeCard(JSON.parse(event.data).attachmentId);
        if (gallery()) {
          reloadList();
        }
      });
      source.addEventListener('task', function (event) {
        if (gallery()) {
          reloadList(); // a task renamed or deleted: its images' cards say so
        } else {
          taskEvent(JSON.parse(event.data));
        }
      });
      source.addEventListener('reset', function () {
        if (gallery()) {
          reloadList();
        } else {
          refreshAllCards();
        }
      });
      source.addEventListener('error', function () {
        interrupted = true;
        // The browser retries by itself unless the answer was not a stream at all (signed out, server
        // down behind a proxy): then try again later, waiting longer each time.
        if (source.readyState === EventSource.CLOSED) {
          failures += 1;
          window.setTimeout(connect, Math.min(60000, 1000 * Math.pow(2, failures)));
        }
      });
    }

    connect();
  }

  // Without an event stream (data-poll): ask again for each card that is still on its way to labels.
  function poll() {
    var main = document.querySelector('[data-poll]');
    if (!main) {
      return;
    }
    window.setInterval(function () {
      if (document.hidden) {
        return;
      }
      if (gallery()) {
        if (document.querySelector('#gallery-list li.attachment[data-status="UPLOADED"], '
            + '#gallery-list li.attachment[data-status="LABELING"]')) {
          reloadList();
        }
        return;
      }
      document.querySelectorAll('li.attachment[id][data-status="UPLOADED"], li.attachment[id][data-status="LABELING"]')
        .forEach(function (card) {
          var images = card.closest('.attachments[data-task]');
          if (images) {
            refreshCard(images.dataset.task, card.id.replace(/^attachment-/, ''), true);
          }
        });
    }, Number(main.dataset.poll));
  }

  listen();
  poll();

  // ---- Keyboard: one Tab stop per image card, the arrow keys inside it; j and k between tasks. ----
  // A card's thumbnail, badges, Retry and Delete would be a Tab stop each: only one of them is (the one
  // focused last, at first the first), and ← → (or ↑ ↓) move among them. Cards swapped in by live updates
  // get the same treatment.

  var CARD_CONTROLS = 'a[href], button:not([disabled])';

  function rove(card) {
    var controls = card.querySelectorAll(CARD_CONTROLS);
    var current = card.querySelector('[data-roving="current"]') || controls[0];
    controls.forEach(function (control) {
      control.tabIndex = control === current ? 0 : -1;
    });
  }

  function roveAll(root) {
    if (root.matches && root.matches('li.attachment')) {
      rove(root);
    }
    if (root.querySelectorAll) {
      root.querySelectorAll('li.attachment').forEach(rove);
    }
  }

  roveAll(document);
  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      mutation.addedNodes.forEach(roveAll);
    });
  }).observe(document.body, { childList: true, subtree: true });

  document.addEventListener('keydown', function (event) {
    var card = event.target.closest ? event.target.closest('li.attachment') : null;
    if (!card || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!step) {
      return;
    }
    var controls = Array.prototype.slice.call(card.querySelectorAll(CARD_CONTROLS));
    var at = controls.indexOf(event.target);
    var next = controls[Math.min(controls.length - 1, Math.max(0, at + step))];
    if (next && next !== event.target) {
      event.preventDefault();
      controls.forEach(function (control) {
        control.tabIndex = control === next ? 0 : -1;
        control.removeAttribute('data-roving');
      });
      next.setAttribute('data-roving', 'current');
      next.focus();
    }
  });

  // j and k, while the focus is in the list (not in a field), go to the next and the previous task.
  document.addEventListener('keydown', function (event) {
    if ((event.key !== 'j' && event.key !== 'k') || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var target = event.target;
    if (!target.closest || target.closest('input, textarea, select, [contenteditable], dialog')) {
      return;
    }
    var task = target.closest('#task-list > li.task');
    if (!task) {
      return;
    }
    var tasks = Array.prototype.slice.call(document.querySelectorAll('#task-list > li.task'));
    var other = tasks[tasks.indexOf(task) + (event.key === 'j' ? 1 : -1)];
    var control = other ? other.querySelector('.task-check button') : null;
    if (control) {
      event.preventDefault();
      control.focus();
    }
  });

  // ---- The viewer: a thumbnail opens its image in a dialog; Esc or Close returns to the thumbnail. ----
  // Previous and Next (and the arrow keys) show the neighbouring images in the same dialog; on the image's
  // own page they are plain links.

  var dialog = document.getElementById('image-dialog');
  var opener = null;

  if (dialog && dialog.showModal) {
    dialog.addEventListener('close', function () {
      var viewer = dialog.querySelector('.viewer');
      var shown = viewer ? document.querySelector('#attachment-' + viewer.dataset.attachment + ' a.attachment-thumb') : null;
      dialog.querySelector('.dialog-body').replaceChildren();
      var back = shown || opener;
      if (back && document.contains(back)) {
        back.focus();
      }
      opener = null;
    });

    document.addEventListener('click', function (event) {
      var link = event.target.closest ? event.target.closest('a[data-viewer]') : null;
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
        return;
      }
      event.preventDefault();
      var stepping = dialog.contains(link) ? link.getAttribute('rel') : null;
      fetch(link.href, { credentials: 'same-origin', headers: { 'HX-Request': 'true' } }).then(function (response) {
        if (!response.ok || signedOut(response)) {
          throw new Error('not shown');
        }
        return response.text();
      }).then(function (html) {
        var body = dialog.querySelector('.dialog-body');
        body.replaceChildren(parseHtml(html));
        htmx.process(body); // the viewer's label forms
        var viewer = body.querySelector('.viewer');
        dialog.querySelector('.dialog-title').textContent = viewer ? viewer.dataset.title : 'Image';
        if (!stepping) {
          opener = link;
          dialog.showModal();
          return;
        }
        // Keep the focus on the button pressed, or on the other one at the end of the row.
        var again = body.querySelector('.viewer-nav a[rel="' + stepping + '"]') || body.querySelector('.viewer-nav a');
        if (again) {
          again.focus();
        }
      }).catch(function () {
        window.location.assign(link.href); // the page of its own says what is wrong
      });
    });

    // A click on the backdrop (outside the dialog's box) closes it too.
    dialog.addEventListener('click', function (event) {
      if (event.target === dialog) {
        dialog.close();
      }
    });
  }

  document.addEventListener('keydown', function (event) {
    if ((event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') || event.altKey || event.ctrlKey
        || event.metaKey || event.shiftKey) {
      return;
    }
    var target = event.target;
    if (target.closest && target.closest('input, textarea, select, [contenteditable]')) {
      return; // the arrow keys move the caret there
    }
    var scope = dialog && dialog.open ? dialog : document.querySelector('main > .card > .viewer');
    var step = scope ? scope.querySelector(event.key === 'ArrowLeft' ? '.viewer-nav a[rel="prev"]'
        : '.viewer-nav a[rel="next"]') : null;
    if (step) {
      event.preventDefault();
      step.click();
    }
  });
})();
