// Kinship's only script. Pages work without it; it adds what makes a shared
// screen safer.
"use strict";

// Idle sign-out: the server ends an idle session on its own, but a page left
// open would still show what was on it. After the idle time, sign out and
// leave the page.
(function () {
  var idle = Number(document.body.dataset.idleSeconds || 0);
  var form = document.getElementById("signout");
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
