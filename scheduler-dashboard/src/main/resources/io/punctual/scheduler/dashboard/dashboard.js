// Punctual dashboard: optional enhancements. Every page works without this script.
(function () {
  'use strict';

  function relative(iso) {
    var ms = Date.parse(iso) - Date.now();
    var s = Math.floor(Math.abs(ms) / 1000);
    if (s < 1) return 'now';
    var text;
    if (s < 60) text = s + ' s';
    else if (s < 3600) text = Math.floor(s / 60) + ' min';
    else if (s < 86400) {
      var m = Math.floor((s % 3600) / 60);
      text = Math.floor(s / 3600) + ' h' + (m ? ' ' + m + ' min' : '');
    } else {
      var d = Math.floor(s / 86400);
      text = d + (d === 1 ? ' day' : ' days');
    }
    return ms >= 0 ? 'in ' + text : text + ' ago';
  }

  function updateTimes(root) {
    root.querySelectorAll('time[datetime] .rel').forEach(function (el) {
      el.textContent = relative(el.parentNode.getAttribute('datetime'));
    });
  }

  // Ask in the browser; the server then skips its own confirmation page.
  function enhanceForms(root) {
    root.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        if (!window.confirm(form.getAttribute('data-confirm'))) {
          event.preventDefault();
          return;
        }
        if (!form.querySelector('input[name=confirm]')) {
          var input = document.createElement('input');
          input.type = 'hidden';
          input.name = 'confirm';
          input.value = 'yes';
          form.appendChild(input);
        }
      });
    });
  }

  function busy() {
    var active = document.activeElement;
    return document.hidden || (active && /INPUT|SELECT|TEXTAREA/.test(active.tagName))
      || document.querySelector('details[open]') !== null;
  }

  function refresh() {
    if (busy()) return;
    fetch(window.location.href, { headers: { 'X-Punctual-Refresh': '1' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok || response.redirected) return null;
        return response.text();
      })
      .then(function (text) {
        if (!text || busy()) return;
        // only the regions marked data-live change: filters and the form being used stay as they are
        var fresh = new DOMParser().parseFromString(text, 'text/html');
        fresh.querySelectorAll('[data-live][id]').forEach(function (region) {
          var current = document.getElementById(region.id);
          if (current) {
            current.innerHTML = region.innerHTML;
            enhanceForms(current);
            updateTimes(current);
          }
        });
      })
      .catch(function () { /* try again at the next tick */ });
  }

  document.addEventListener('DOMContentLoaded', function () {
    enhanceForms(document);
    updateTimes(document);
    setInterval(function () { updateTimes(document); }, 1000);
    var every = parseInt(document.body.getAttribute('data-refresh'), 10);
    if (every > 0) setInterval(refresh, every);
  });
})();
