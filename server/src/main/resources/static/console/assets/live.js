// Live parts of console pages: an element with data-live="URL" is replaced by what the URL answers
// every few seconds, until the answer has no data-live any more (the receipt is final). Polling is
// not activity: when the session has ended the answer is the login form, which the page then shows
// (it says why).
(function () {
  'use strict';
  var PERIOD = 2000;
  function poll(element) {
    var url = element.getAttribute('data-live');
    if (!url) {
      return;
    }
    window.setTimeout(function () {
      fetch(url, { credentials: 'same-origin', headers: { 'X-Requested-With': 'fetch' } })
        .then(function (response) {
          if (response.redirected && response.url.indexOf('/console/login') >= 0) {
            window.location.assign(response.url);
            return null;
          }
          if (!response.ok || response.redirected) {
            throw new Error('HTTP ' + response.status);
          }
          return response.text();
        })
        .then(function (html) {
          if (html === null) {
            return;
          }
          var holder = document.createElement('div');
          holder.innerHTML = html;
          var fresh = holder.querySelector('[id="' + element.id + '"]') || holder.firstElementChild;
          if (fresh) {
            element.replaceWith(fresh);
            poll(fresh);
          }
        })
        .catch(function () {
          // the server is away: try again later, quietly
          window.setTimeout(function () { poll(element); }, PERIOD * 5);
        });
    }, PERIOD);
  }
  document.querySelectorAll('[data-live]').forEach(poll);
}());
