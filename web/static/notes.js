// Notes: a draft saves itself a few seconds after typing stops, and when
// a field loses focus, through the JSON API; the status line says when it
// was last saved. Pages work without it: Save draft posts the same form.
"use strict";

(function () {
  var form = document.querySelector("form[data-autosave]");
  if (!form) return;
  var status = document.getElementById("autosave-status");
  var url = form.dataset.autosave; // empty until a new note's first save
  var idle = 3000;
  var timer, dirty = false, busy = false, again = false;

  function values(name) {
    return Array.prototype.filter.call(form.querySelectorAll('input[name="' + name + '"]'), function (el) { return el.checked; })
      .map(function (el) { return el.value; });
  }
  function ids(name) { return values(name).map(Number); }
  function each(prefix, fn) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && el.name.indexOf(prefix) === 0) fn(el.name.slice(prefix.length), el);
    });
  }

  // body is the form as the API takes it: a group note's shared sections
  // and attendees, or a note's sections and service.
  function body() {
    var b = { sections: {} };
    each("section.", function (name, el) { b.sections[name] = el.value; });
    if (form.dataset.group) {
      b.attendees = {};
      each("attendee.", function (id, el) { b.attendees[id] = { text: el.value, objective_ids: ids("objective." + id) }; });
      return b;
    }
    b.session_id = Number(form.elements.session_id.value) || 0;
    b.service_date = form.elements.service_date.value;
    b.minutes = Number(form.elements.minutes.value) || 0;
    if (form.elements.objectives_shown) b.objective_ids = ids("objective");
    if (form.elements.readers_shown) b.readers = values("reader");
    if (!url) {
      b.client_id = Number(form.dataset.client);
      b.kind = form.elements.kind.value;
      b.template = form.elements.template.value;
    }
    return b;
  }

  function say(text) { status.textContent = text; }

  // save sends the draft if it changed. Asked while a save is on its
  // way (leaving a field mid-save), it sends again as soon as that ends.
  function save() {
    clearTimeout(timer);
    if (busy) {
      again = again || dirty;
      return;
    }
    if (!dirty) return;
    dirty = false;
    busy = true;
    say("Saving…");
    fetch(url || form.dataset.create, {
      method: url ? "PATCH" : "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": form.elements.csrf_token.value },
      body: JSON.stringify(body())
    }).then(function (res) {
      return res.json().then(function (j) { return { status: res.status, ok: res.ok, j: j }; });
    }).then(function (r) {
      if (!r.ok) {
        // Refused: the next change tries again, unless the note is signed.
        dirty = r.status !== 409;
        say((r.status === 409 ? "" : "Not saved yet: ") + r.j.error.message);
        return finished(false);
      }
      if (!url && r.j.id) {
        // The first save made the draft: from now on, change it.
        url = "/api/v1/notes/" + r.j.id;
        form.action = "/notes/" + r.j.id;
        history.replaceState(null, "", "/notes/" + r.j.id);
      }
      var at = new Date(r.j.updated_at);
      say("Saved " + at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false }));
      finished(true);
    }).catch(function () {
      dirty = true;
      say("Not saved: the connection dropped. Keep this page open, or press Save draft.");
      finished(false);
    });
  }

  // finished ends a save. After a good one, what changed meanwhile goes
  // at once if a save was asked for, otherwise after the next pause.
  function finished(retry) {
    busy = false;
    var now = again && retry;
    again = false;
    if (now) save();
    else if (dirty && retry) timer = setTimeout(save, idle);
  }

  function changed() {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, idle);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("focusout", save);
  // Submitting posts everything; nothing is left to save.
  form.addEventListener("submit", function () { clearTimeout(timer); dirty = false; });
})();

// The print view's button; without script, the browser's Print command.
(function () {
  var button = document.getElementById("print-now");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
