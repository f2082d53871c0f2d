// Attendance: a tap records a client's status without leaving the page.
// The row comes back drawn by the server, as it would after a reload, and
// a polite live region says what changed. Without script the same form
// posts and returns to the client's row.
"use strict";

(function () {
  if (!document.getElementById("attendance-said") || !window.fetch || !window.DOMParser) return;
  // say announces text; the region is looked up each time because a
  // refusal replaces the page's main, and the region with it.
  function say(text) {
    var region = document.getElementById("attendance-said");
    if (region) region.textContent = text;
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    var row = form.closest(".roster-entry");
    if (!row) return;
    e.preventDefault();
    var tap = e.submitter;
    var body = new FormData(form);
    if (tap && tap.name) body.append(tap.name, tap.value);
    form.setAttribute("aria-busy", "true");
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (res) {
        return res.text().then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var fresh = page.getElementById(row.id);
          if (!res.ok || !fresh) {
            // Refused (minutes missing, say): show the page as a reload
            // would, with its message at the top.
            document.querySelector("main").replaceWith(page.querySelector("main"));
            var alert = document.querySelector("main .alert");
            if (alert) {
              alert.setAttribute("tabindex", "-1");
              alert.focus();
            }
            return;
          }
          row.replaceWith(fresh);
          var same = tap && fresh.querySelector('button[name="' + tap.name + '"][value="' + tap.value + '"]');
          (same || fresh).focus();
          var badge = fresh.querySelector(".badge");
          say(fresh.querySelector(".roster-name").textContent + ": " + (badge ? badge.textContent : "saved"));
        });
      })
      .catch(function () {
        form.removeAttribute("aria-busy");
        say("Not saved: the connection failed. Try again.");
      });
  });
})();
