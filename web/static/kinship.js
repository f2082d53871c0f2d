// Kinship's only script. Pages work without it; it adds what makes a shared
// screen safer.
"use strict";

// Idle sign-out: the server ends an idle session on its own, but a page left
// open would still show what was on it. After the idle time, sign out and
// leave the page.
(function () {
  var idle = Number(document.body.dataset.idleSeconds || 0);
  var form = document.getElementById("signout") || document.getElementById("quick-exit");
  if (!idle || !form) return;
  var timer;
  function arm() {
    clearTimeout(timer);
    timer = setTimeout(function () { form.submit(); }, idle * 1000);
  }
  // Only requests keep the server session alive, so only navigation and
  // form submits reset the timer: a new page load arms a fresh one.
  arm();
})();

// Quick exit: sign out in the background and leave for a neutral page at
// once, replacing this page in the history so Back does not return to it.
// (Without script the form still signs out and shows a neutral page.)
(function () {
  var form = document.getElementById("quick-exit");
  if (!form) return;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin", keepalive: true });
    document.body.innerHTML = "";
    location.replace(form.dataset.away);
  });
})();
