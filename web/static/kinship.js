// Kinship's only script. Pages work without it; it adds what makes a shared
// screen safer.
"use strict";

// The header's menu: on a narrow screen the navigation folds behind one
// button (the "js" class lets the stylesheet fold it only when this runs).
(function () {
  document.documentElement.classList.add("js");
  var button = document.querySelector(".menu-toggle");
  if (!button) return;
  var header = button.closest("header");
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    header.classList.toggle("open", open);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && header.classList.contains("open")) {
      button.setAttribute("aria-expanded", "false");
      header.classList.remove("open");
      button.focus();
    }
  });
})();

// Idle sign-out that warns first (WCAG 2.2.1). The server ends a session
// after its idle time without a request. Typing, scrolling and taps count
// as activity too: they send a small keep-alive, at most once a minute.
// Two minutes before the end a dialog offers more time; at the end the page
// signs out and leaves, and signing in again returns to this page.
(function () {
  var idle = Number(document.body.dataset.idleSeconds || 0);
  var form = document.getElementById("signout") || document.getElementById("quick-exit");
  var dialog = document.getElementById("idle-warning");
  if (!idle || !form || !dialog || !dialog.showModal) return;
  var lead = Math.min(120, Math.floor(idle / 3)); // warn this long before the end
  var every = Math.min(60, Math.floor(idle / 4)); // keep-alive at most this often
  var left = dialog.querySelector("[data-idle-left]");
  var contact = Date.now(), active = false, warnTimer, endTimer, tick;

  function arm() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(warn, (idle - lead) * 1000);
    endTimer = setTimeout(leave, idle * 1000);
  }
  function field(name, value) {
    var el = document.createElement("input");
    el.type = "hidden";
    el.name = name;
    el.value = value;
    form.appendChild(el);
  }
  function leave() {
    field("idle", "1");
    field("next", location.pathname + location.search);
    form.submit(); // staff: back to sign-in; portal: the neutral exit page
  }
  // ping tells the server someone is here; a refusal means the session
  // has already ended elsewhere, so the page leaves.
  function ping() {
    var body = new FormData();
    body.append("csrf_token", form.querySelector("input[name=csrf_token]").value);
    fetch(document.body.dataset.keepalive, { method: "POST", body: body, credentials: "same-origin", redirect: "manual" })
      .then(function (r) {
        if (r.status !== 204) return leave();
        contact = Date.now();
        active = false;
        arm();
      }, function () { /* offline: the timers stand */ });
  }
  function show() {
    var s = Math.max(0, Math.round((contact + idle * 1000 - Date.now()) / 1000));
    left.textContent = s >= 60 ? Math.ceil(s / 60) + (s > 60 ? " minutes" : " minute") : s + (s === 1 ? " second" : " seconds");
  }
  function warn() {
    if (active) return ping(); // someone was busy since the last request
    show();
    tick = setInterval(show, 1000);
    dialog.showModal();
  }
  function close() {
    clearInterval(tick);
    if (dialog.open) dialog.close();
  }
  dialog.querySelector("[data-idle-stay]").addEventListener("click", function () { close(); ping(); });
  dialog.querySelector("[data-idle-leave]").addEventListener("click", leave);
  // Escape closes a modal dialog; it is an answer too: stay.
  dialog.addEventListener("cancel", function () { clearInterval(tick); ping(); });
  function activity() {
    if (dialog.open) return; // only the dialog's buttons answer it
    active = true;
    if (Date.now() - contact >= every * 1000) ping();
  }
  ["keydown", "input", "pointerdown", "scroll", "wheel", "touchstart"].forEach(function (e) {
    document.addEventListener(e, activity, { passive: true, capture: true });
  });
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

// Arriving at an alert (answers just saved raised it): focus it, so a screen
// reader reads it first and the keyboard starts there. Without script the
// address's #alert-N still scrolls to it.
(function () {
  var target = location.hash.indexOf("#alert-") === 0 && document.getElementById(location.hash.slice(1));
  if (target) target.focus();
})();

// A refused form: focus its error summary so a screen reader reads it first,
// list the messages in the order of their fields, and let each link put the
// cursor in its field rather than only scroll to it.
(function () {
  var box = document.querySelector(".error-summary");
  if (!box) return;
  var list = box.querySelector("ul");
  if (list) {
    var items = Array.prototype.slice.call(list.children);
    var target = function (li) { return document.getElementById(li.firstElementChild.hash.slice(1)); };
    items.sort(function (a, b) {
      var x = target(a), y = target(b);
      if (!x || !y) return 0;
      return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    items.forEach(function (li) { list.appendChild(li); });
  }
  box.addEventListener("click", function (e) {
    var a = e.target.closest("a[href^='#']");
    var field = a && document.getElementById(a.hash.slice(1));
    if (!field) return;
    e.preventDefault();
    field.scrollIntoView({ block: "center" });
    (field.matches("fieldset") ? field.querySelector("input, select, textarea") || field : field).focus();
  });
  box.focus();
})();
