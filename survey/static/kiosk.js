// Kiosk enhancements. Everything works without this file (plain form posts); the script adds:
// - an offline queue: the last step is sent as JSON; when the network or server is away the
//   survey waits in localStorage (keyed by response id) and is replayed with backoff until the
//   server acknowledges it. The client sees the thank-you screen either way.
// - the idle countdown with an "I need more time" button (WCAG 2.2.1);
// - a heartbeat (queued count) and, on an armed tablet's waiting page, polling for the arming.
// The queue is never shown: only its length, in #queue-indicator (data-queued, for tests too).
(function () {
  "use strict";
  var QUEUE_KEY = "survey.queue.v1";
  var HEARTBEAT_MS = 30000;
  var POLL_MS = 3000;
  var COUNTDOWN_SECONDS = 20;
  var MAX_BACKOFF_MS = 5 * 60 * 1000;
  var SEND_TIMEOUT_MS = 8000;

  var body = document.body;
  var startUrl = body.getAttribute("data-start-url") || "/";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";
  var indicator = document.getElementById("queue-indicator");
  var apiUrl = indicator ? indicator.getAttribute("data-api") : null;
  var heartbeatUrl = indicator ? indicator.getAttribute("data-heartbeat") : null;

  // --- the queue (localStorage survives reloads and browser restarts) ---------------------------

  function storageWorks() {
    try {
      window.localStorage.setItem(QUEUE_KEY + ".probe", "1");
      window.localStorage.removeItem(QUEUE_KEY + ".probe");
      return true;
    } catch (e) {
      return false;
    }
  }

  function loadQueue() {
    try {
      var queue = JSON.parse(window.localStorage.getItem(QUEUE_KEY) || "{}");
      return queue && typeof queue === "object" && !Array.isArray(queue) ? queue : {};
    } catch (e) {
      return {};
    }
  }

  function saveQueue(queue) {
    try {
      window.localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
    } catch (e) {
      console.error("survey: could not save the offline queue", e);
    }
  }

  function update(id, change) {
    var queue = loadQueue();
    if (change === null) {
      delete queue[id];
    } else if (queue[id]) {
      Object.keys(change).forEach(function (key) { queue[id][key] = change[key]; });
    }
    saveQueue(queue);
    showCount();
  }

  function enqueue(payload) {
    var queue = loadQueue();
    queue[payload.id] = { payload: payload, attempts: 0, due: 0 };
    saveQueue(queue);
    showCount();
  }

  function queuedCount() {
    return Object.keys(loadQueue()).length;
  }

  function showCount() {
    if (!indicator) { return; }
    var count = queuedCount();
    indicator.setAttribute("data-queued", String(count));
    body.setAttribute("data-queued", String(count));
    indicator.textContent = count + " " + (indicator.getAttribute("data-label") || "");
    indicator.hidden = count === 0;
  }

  function backoff(attempts) {
    var base = Math.min(MAX_BACKOFF_MS, 2000 * Math.pow(2, attempts));
    return base / 2 + Math.random() * base / 2;  // jitter: tablets do not all return at once
  }

  // Send one queued survey; resolve to "stored", "invalid" or "retry".
  function send(id) {
    var item = loadQueue()[id];
    if (!item) { return Promise.resolve("stored"); }
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? window.setTimeout(function () { controller.abort(); }, SEND_TIMEOUT_MS) : null;
    return window.fetch(apiUrl, {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(item.payload),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      window.clearTimeout(timer);
      var status = response.status;
      if (status === 200 || status === 201 || status === 409) {
        // 409: this id is stored already (with other content); retrying cannot change that.
        update(id, null);
        return "stored";
      }
      if (status === 422) {
        return response.text().then(function (text) {
          console.error("survey: the server refused response " + id + " as invalid: " + text);
          update(id, null);
          return "invalid";
        });
      }
      var wait = backoff(item.attempts);
      if (status === 429) {
        var after = parseInt(response.headers.get("Retry-After") || "", 10);
        wait = (isNaN(after) ? 5 : after) * 1000;
      }
      update(id, { attempts: item.attempts + 1, due: Date.now() + wait });
      return "retry";
    }, function () {
      window.clearTimeout(timer);
      update(id, { attempts: item.attempts + 1, due: Date.now() + backoff(item.attempts) });
      return "retry";
    });
  }

  var flushing = false;
  var flushTimer = null;

  function scheduleFlush() {
    window.clearTimeout(flushTimer);
    var queue = loadQueue();
    var ids = Object.keys(queue);
    if (!ids.length) { return; }
    var next = Math.min.apply(null, ids.map(function (id) { return queue[id].due || 0; }));
    flushTimer = window.setTimeout(flush, Math.max(500, next - Date.now()));
  }

  // Replay every due survey, one at a time, oldest first.
  function flush() {
    if (flushing || !apiUrl) { return; }
    flushing = true;
    var queue = loadQueue();
    var due = Object.keys(queue).filter(function (id) {
      return (queue[id].due || 0) <= Date.now();
    }).sort(function (a, b) {
      return String(queue[a].payload.submitted_at).localeCompare(String(queue[b].payload.submitted_at));
    });
    var chain = Promise.resolve();
    due.forEach(function (id) {
      chain = chain.then(function () { return send(id); });
    });
    chain.then(function () {
      flushing = false;
      scheduleFlush();
    });
  }

  // --- the last step: send as JSON, queue on failure ----------------------------------------------

  function stamp(date) {
    return date.toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  function buildPayload(form, info) {
    var data = new FormData(form);
    var payload = {
      id: data.get("response_id"),
      language: info.language,
      desks: info.desks,
      ratings: [],
      answers: [],
      choices: [],
      started_at: data.get("started_at") || null,
      submitted_at: stamp(new Date())  // the moment of the tap; replays keep it
    };
    var visit = data.get("visit_id");
    if (visit) { payload.visit_id = parseInt(visit, 10); }
    Object.keys(info.fields).forEach(function (name) {
      var field = info.fields[name];
      var value = data.get(name);
      if (value === null || value === "") { return; }
      var item = { desk: field.desk, question: field.question };
      if (field.role === "rating") {
        item.value = parseInt(value, 10);
        payload.ratings.push(item);
      } else if (field.role === "choice") {
        item.value = value;
        payload.choices.push(item);
      } else {
        item.text = value;
        payload.answers.push(item);
      }
    });
    return payload;
  }

  function enhanceSurvey() {
    var dataElement = document.getElementById("survey-data");
    var form = document.getElementById("survey-form");
    if (!dataElement || !form || !window.fetch || !window.FormData || !storageWorks()) { return; }
    var info = JSON.parse(dataElement.textContent);
    apiUrl = info.api || apiUrl;
    var sending = false;
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (!submitter || submitter.value !== "submit") { return; }  // next / back stay plain posts
      event.preventDefault();
      if (sending) { return; }  // a double tap sends once
      sending = true;
      var payload = buildPayload(form, info);
      enqueue(payload);  // saved before sending: a crash or reload from here on loses nothing
      send(payload.id).then(function (outcome) {
        if (outcome === "invalid") {
          // Let the server's form path show what is wrong, in the client's language.
          form.submit();
          return;
        }
        window.location.replace(info.thanks);
      });
    });
  }

  // --- heartbeat and armed-mode waiting ------------------------------------------------------------

  function heartbeat() {
    if (!heartbeatUrl || !window.fetch) { return; }
    window.fetch(heartbeatUrl, {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ queued: queuedCount() })
    }).catch(function () { /* offline: the coordinator's page shows it */ });
  }

  function waitForArming() {
    var waiting = document.getElementById("armed-wait");
    if (!waiting || !window.fetch) { return; }
    var url = waiting.getAttribute("data-poll-url");
    window.setInterval(function () {
      window.fetch(url, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (state) {
          if (state && state.armed) { window.location.replace(startUrl); }
        })
        .catch(function () { /* try again at the next tick */ });
    }, POLL_MS);
  }

  // --- idle reset with a visible countdown ----------------------------------------------------------

  function idleReset() {
    var resetAfter = parseInt(body.getAttribute("data-reset-after") || "0", 10);
    if (!resetAfter) { return; }
    var remaining = resetAfter;
    var box = document.getElementById("idle-countdown");
    var message = document.getElementById("idle-message");
    var more = document.getElementById("idle-more");
    var number = null;
    if (box) {
      number = document.createElement("span");
      number.className = "countdown-number";
      number.setAttribute("aria-hidden", "true");
      box.insertBefore(number, box.firstChild);
    }
    function hide() {
      if (box && !box.hidden) {
        box.hidden = true;
        message.textContent = "";
      }
    }
    function touched() {
      remaining = resetAfter;
      hide();
    }
    ["pointerdown", "keydown", "input", "touchstart"].forEach(function (name) {
      document.addEventListener(name, touched, { passive: true });
    });
    if (more) { more.addEventListener("click", touched); }
    window.setInterval(function () {
      remaining -= 1;
      if (remaining <= 0) {
        window.location.replace(startUrl);
        return;
      }
      if (box && remaining <= COUNTDOWN_SECONDS) {
        number.textContent = String(remaining);
        if (box.hidden) {
          box.hidden = false;
          // Announced once (aria-live); the ticking number is for the eyes only.
          var template = message.getAttribute("data-template") || "{n}";
          message.textContent = template.replace("{n}", String(remaining));
        }
      }
    }, 1000);
  }

  showCount();
  enhanceSurvey();
  waitForArming();
  idleReset();
  heartbeat();
  window.setInterval(heartbeat, HEARTBEAT_MS);
  window.addEventListener("online", flush);
  flush();
})();
