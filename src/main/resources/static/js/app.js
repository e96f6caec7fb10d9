// Tasklens pages work without this file; with it, htmx requests carry the CSRF token and their outcome is
// announced. A file rather than inline script because the Content-Security-Policy allows only 'self'.
(function () {
  'use strict';

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
      announce('That task no longer exists. Reload the page to see your current tasks.', true);
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

  document.addEventListener('htmx:sendError', function () {
    announce('Cannot reach Tasklens. Check your connection and try again.', true);
  });
})();
