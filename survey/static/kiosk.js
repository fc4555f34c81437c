// Kiosk script. Everything works without this file (plain form posts); the script adds:
// - the offline kiosk (/<lang>/kiosk): every screen of a survey in one page, shown one at a
//   time, with a service worker (HTTPS or localhost) that serves the page with no network;
// - a durable queue (IndexedDB): a finished survey is stored on the tablet first, the client
//   is thanked at once, and the queue replays with backoff until the server acknowledges it
//   (201/200/409). A survey the server refuses (422) is never deleted: it is held on the
//   tablet and counted in the heartbeat, so the tablets page shows it;
// - the idle countdown with an "I need more time" button (WCAG 2.2.1);
// - a heartbeat (queued, held, offline-capable), the screen wake lock where offered, and on an
//   armed tablet's waiting page, polling for the arming.
// The queue is never shown: only its length, in #queue-indicator (data-queued, for tests too).
(function () {
  "use strict";
  var OLD_QUEUE_KEY = "survey.queue.v1";  // the localStorage queue of earlier versions
  var STATE_KEY = "survey.kiosk.state";   // a survey carried across a change of language
  var HEARTBEAT_MS = 30000;
  var POLL_MS = 3000;
  var COUNTDOWN_SECONDS = 20;
  var CONFIRM_MS = 600;                   // a chosen rating shows before the next screen
  var MAX_BACKOFF_MS = 5 * 60 * 1000;
  var SEND_TIMEOUT_MS = 8000;

  var body = document.body;
  var startUrl = body.getAttribute("data-start-url") || "/";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";
  var indicator = document.getElementById("queue-indicator");
  var apiUrl = indicator ? indicator.getAttribute("data-api") : null;
  var heartbeatUrl = indicator ? indicator.getAttribute("data-heartbeat") : null;

  // --- the durable queue (IndexedDB; survives reloads, browser restarts and crashes) -----------

  var dbPromise = null;

  function request(idbRequest) {
    return new Promise(function (resolve, reject) {
      idbRequest.onsuccess = function () { resolve(idbRequest.result); };
      idbRequest.onerror = function () { reject(idbRequest.error); };
    });
  }

  function done(transaction) {
    return new Promise(function (resolve, reject) {
      transaction.oncomplete = function () { resolve(); };
      transaction.onerror = transaction.onabort = function () { reject(transaction.error); };
    });
  }

  // Surveys queued by an earlier version in localStorage move into IndexedDB once.
  function adoptOldQueue(db) {
    var old;
    try {
      old = JSON.parse(window.localStorage.getItem(OLD_QUEUE_KEY) || "{}") || {};
    } catch (e) {
      old = {};
    }
    var ids = Object.keys(old);
    if (!ids.length) { return Promise.resolve(db); }
    var transaction = db.transaction("queue", "readwrite");
    ids.forEach(function (id) {
      if (old[id] && old[id].payload) {
        transaction.objectStore("queue").put({ id: id, payload: old[id].payload, attempts: 0, due: 0, held: false });
      }
    });
    return done(transaction).then(function () {
      window.localStorage.removeItem(OLD_QUEUE_KEY);
      return db;
    });
  }

  function openQueue() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        if (!window.indexedDB) { reject(new Error("no IndexedDB")); return; }
        var opening = window.indexedDB.open("survey-kiosk", 1);
        opening.onupgradeneeded = function () {
          opening.result.createObjectStore("queue", { keyPath: "id" });
        };
        opening.onsuccess = function () { resolve(opening.result); };
        opening.onerror = function () { reject(opening.error); };
      }).then(adoptOldQueue);
    }
    return dbPromise;
  }

  function withStore(mode, work) {
    return openQueue().then(function (db) {
      var transaction = db.transaction("queue", mode);
      var result = work(transaction.objectStore("queue"));
      return done(transaction).then(function () { return result; });
    });
  }

  function allItems() {
    return openQueue().then(function (db) {
      return request(db.transaction("queue").objectStore("queue").getAll());
    });
  }

  function putItem(item) {
    return withStore("readwrite", function (store) { store.put(item); }).then(showCount);
  }

  function removeItem(id) {
    return withStore("readwrite", function (store) { store.delete(id); }).then(showCount);
  }

  function enqueue(payload) {
    return putItem({ id: payload.id, payload: payload, attempts: 0, due: 0, held: false });
  }

  function counts() {
    return allItems().then(function (items) {
      var held = items.filter(function (item) { return item.held; }).length;
      return { queued: items.length - held, held: held };
    }, function () { return { queued: 0, held: 0 }; });
  }

  function showCount() {
    return counts().then(function (count) {
      body.setAttribute("data-queued", String(count.queued));
      body.setAttribute("data-held", String(count.held));
      if (!indicator) { return; }
      indicator.setAttribute("data-queued", String(count.queued));
      indicator.textContent = count.queued + " " + (indicator.getAttribute("data-label") || "");
      indicator.hidden = count.queued === 0;
    });
  }

  function backoff(attempts) {
    var base = Math.min(MAX_BACKOFF_MS, 2000 * Math.pow(2, attempts));
    return base / 2 + Math.random() * base / 2;  // jitter: tablets do not all return at once
  }

  // The CSRF token belongs to the browser session: after a browser restart the cached page's
  // token is stale, so a refused check fetches a fresh one from the kiosk page.
  function renewToken() {
    return window.fetch(window.location.pathname, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var found = /<meta name="csrf-token" content="([^"]+)"/.exec(html);
        if (found) { csrf = found[1]; }
      });
  }

  function post(url, data) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? window.setTimeout(function () { controller.abort(); }, SEND_TIMEOUT_MS) : null;
    return window.fetch(url, {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(data),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      window.clearTimeout(timer);
      return response;
    }, function (error) {
      window.clearTimeout(timer);
      throw error;
    });
  }

  // Send one queued survey; resolve to "stored", "held" or "retry".
  function send(item) {
    return post(apiUrl, item.payload).then(function (response) {
      var status = response.status;
      if (status === 200 || status === 201 || status === 409) {
        // 409: this id is stored already (with other content); retrying cannot change that.
        return removeItem(item.id).then(function () { return "stored"; });
      }
      if (status === 422) {
        // Nothing the tablet can fix, and the client has been thanked: keep it aside, never delete.
        return response.text().then(function (text) {
          console.error("survey: the server refused response " + item.id + ": " + text);
          item.held = true;
          item.refusal = text.slice(0, 2000);
          return putItem(item).then(function () { return "held"; });
        });
      }
      var wait = backoff(item.attempts);
      if (status === 429) {
        var after = parseInt(response.headers.get("Retry-After") || "", 10);
        wait = (isNaN(after) ? 5 : after) * 1000;
      }
      var renewal = Promise.resolve();
      if (status === 403 || status === 400) {
        renewal = response.json().then(function (answer) {
          if (answer && answer.error === "csrf") { wait = 0; return renewToken(); }
        }).catch(function () {});
      }
      item.attempts += 1;
      item.due = Date.now() + wait;
      return renewal.then(function () { return putItem(item); }).then(function () { return "retry"; });
    }, function () {
      item.attempts += 1;
      item.due = Date.now() + backoff(item.attempts - 1);
      return putItem(item).then(function () { return "retry"; });
    });
  }

  var flushing = false;
  var flushTimer = null;

  function scheduleFlush(items) {
    window.clearTimeout(flushTimer);
    var waiting = items.filter(function (item) { return !item.held; });
    if (!waiting.length) { return; }
    var next = Math.min.apply(null, waiting.map(function (item) { return item.due || 0; }));
    flushTimer = window.setTimeout(flush, Math.max(500, next - Date.now()));
  }

  // Replay every due survey, one at a time, oldest first.
  function flush() {
    if (flushing || !apiUrl || !window.fetch) { return Promise.resolve(); }
    flushing = true;
    var stored = 0;
    return allItems().then(function (items) {
      var due = items.filter(function (item) {
        return !item.held && (item.due || 0) <= Date.now();
      }).sort(function (a, b) {
        return String(a.payload.submitted_at).localeCompare(String(b.payload.submitted_at));
      });
      var chain = Promise.resolve();
      due.forEach(function (item) {
        chain = chain.then(function () { return send(item); }).then(function (outcome) {
          if (outcome === "stored") { stored += 1; }
        });
      });
      return chain;
    }).then(allItems).then(function (items) {
      flushing = false;
      scheduleFlush(items);
      if (stored) { refreshCache(); }  // the network works: fetch a changed questionnaire too
    }, function (error) {
      flushing = false;
      console.error("survey: the queue could not be read", error);
    });
  }

  // --- building the payload from a form ------------------------------------------------------------

  function stamp(date) {
    return date.toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  function buildPayload(form, info, desks, extra) {
    var data = new FormData(form);
    var payload = {
      id: extra.id || data.get("response_id"),
      language: info.language,
      desks: desks,
      ratings: [],
      answers: [],
      choices: [],
      started_at: extra.started_at || data.get("started_at") || null,
      submitted_at: stamp(new Date())  // the moment of the tap; replays keep it
    };
    var visit = data.get("visit_id");
    if (visit) { payload.visit_id = parseInt(visit, 10); }
    Object.keys(info.fields).forEach(function (name) {
      var field = info.fields[name];
      if (field.desk && desks.indexOf(field.desk) < 0) { return; }
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

  // The form path's last step: send as JSON, queue when the network or server is away.
  function enhanceFormPath() {
    var dataElement = document.getElementById("survey-data");
    var form = document.getElementById("survey-form");
    if (!dataElement || !form || !window.fetch || !window.FormData || !window.indexedDB) { return; }
    var info = JSON.parse(dataElement.textContent);
    apiUrl = info.api || apiUrl;
    var sending = false;
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (!submitter || submitter.value !== "submit") { return; }  // next / back stay plain posts
      event.preventDefault();
      if (sending) { return; }  // a double tap sends once
      sending = true;
      var payload = buildPayload(form, info, info.desks, {});
      // Saved before sending: a crash or reload from here on loses nothing.
      enqueue(payload).then(function () {
        return send({ id: payload.id, payload: payload, attempts: 0, due: 0, held: false });
      }).then(function (outcome) {
        if (outcome === "held") {
          // The client is still here: the server's form path shows what is wrong, in the
          // client's language, and stores the corrected survey under the same id.
          removeItem(payload.id).then(function () { form.submit(); });
          return;
        }
        window.location.replace(info.thanks);
      }, function () {
        form.submit();  // no IndexedDB after all: the plain post still works
      });
    });
  }

  // --- the idle reset with a visible countdown -------------------------------------------------------

  // `seconds` without a touch while active() -> countdown for the last 20 s -> reset().
  function idleTimer(seconds, active, reset) {
    var remaining = seconds;
    var box = document.getElementById("idle-countdown");
    var message = document.getElementById("idle-message");
    var announce = document.getElementById("idle-announce");
    var more = document.getElementById("idle-more");
    var template = message ? message.getAttribute("data-template") || "{n}" : "{n}";
    function hide() {
      if (box && !box.hidden) {
        box.hidden = true;
        message.textContent = "";
        announce.textContent = "";
      }
    }
    function touched() {
      remaining = seconds;
      hide();
    }
    ["pointerdown", "keydown", "input", "touchstart"].forEach(function (name) {
      document.addEventListener(name, function (event) {
        // A touch on the countdown bar is not yet a choice: only the completed tap on
        // "I need more time" (its click) closes the bar, so the tap never lands underneath.
        if (box && !box.hidden && box.contains(event.target)) { return; }
        touched();
      }, { passive: true, capture: true });
    });
    if (more) {
      more.addEventListener("click", function (event) {
        event.preventDefault();
        touched();
      });
    }
    window.setInterval(function () {
      if (!active()) {
        touched();
        return;
      }
      remaining -= 1;
      if (remaining <= 0) {
        touched();
        reset();
        return;
      }
      if (box && remaining <= COUNTDOWN_SECONDS) {
        message.textContent = template.replace("{n}", String(remaining));
        if (box.hidden) {
          box.hidden = false;
          announce.textContent = message.textContent;  // said once; the visible text counts
        }
      }
    }, 1000);
  }

  // "Start again" asks first; `restart` runs on "Yes, start again".
  function confirmRestart(restart) {
    var dialog = document.getElementById("restart-dialog");
    if (!dialog || !dialog.showModal) { restart(); return; }
    dialog.onclick = function (event) {
      var button = event.target.closest("[data-action]");
      if (!button) { return; }
      dialog.close();
      if (button.getAttribute("data-action") === "restart-yes") { restart(); }
    };
    dialog.showModal();
  }

  // The form path's "Start again" link: the same question before it discards the answers.
  function confirmRestartLinks() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest("a.restart");
      if (!link) { return; }
      event.preventDefault();
      confirmRestart(function () { window.location.assign(link.href); });
    });
  }

  // --- the offline kiosk: one page, every screen ---------------------------------------------------

  function newId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function kioskApp(form, info) {
    apiUrl = info.api || apiUrl;
    var screens = Array.prototype.slice.call(form.querySelectorAll(".screen"));
    var actions = document.getElementById("app-actions");
    var progress = document.getElementById("progress");
    var restart = form.querySelector('[data-action="restart"]');
    var footer = document.querySelector(".language-switch");
    var missing = document.getElementById("desks-missing");
    var survey = null;      // {id, started_at, index} while a client is answering
    var current = screens[0];
    var advance = null;     // the pending auto-advance after a rating
    var reloadAtStart = false;

    function kind(screen) { return screen.getAttribute("data-kind"); }
    function byKind(name) { return screens.filter(function (s) { return kind(s) === name; })[0]; }

    function chosenDesks() {
      if (!byKind("desks")) { return info.desks.slice(); }
      return Array.prototype.map.call(form.querySelectorAll('input[name="desk"]:checked'), function (box) {
        return box.value;
      });
    }

    // The screens of this survey, in order: the desk question (several desks), then the
    // questions of the chosen desks (all of them until some are chosen), then the open questions.
    function route() {
      var desks = chosenDesks();
      if (!desks.length) { desks = info.desks; }
      return screens.filter(function (screen) {
        var k = kind(screen);
        if (k === "desks" || k === "open") { return true; }
        return k === "question" && desks.indexOf(screen.getAttribute("data-desk")) >= 0;
      });
    }

    function show(screen) {
      window.clearTimeout(advance);
      screens.forEach(function (s) { s.hidden = s !== screen; });
      current = screen;
      var k = kind(screen);
      body.setAttribute("data-screen", k);
      var inSurvey = k !== "start" && k !== "thanks";
      actions.hidden = !inSurvey;
      restart.hidden = !inSurvey;
      progress.hidden = !inSurvey;
      if (footer) { footer.hidden = !inSurvey; }
      if (inSurvey) {
        var steps = route();
        var index = steps.indexOf(screen);
        survey.index = index;
        progress.textContent = info.progress.replace("{n}", String(index + 1)).replace("{total}", String(steps.length));
        actions.querySelector('[data-action="back"]').hidden = index === 0;
        actions.querySelector('[data-action="next"]').hidden = index === steps.length - 1;
        actions.querySelector('[data-action="send"]').hidden = index !== steps.length - 1;
      }
      var heading = screen.querySelector("h1");
      if (heading) { heading.focus({ preventScroll: true }); }
      window.scrollTo(0, 0);
      body.setAttribute("data-shown", String(Date.now()));
    }

    function toStart() {
      if (reloadAtStart && navigator.onLine) {
        window.location.replace(info.home || window.location.pathname);
        return;
      }
      form.reset();
      if (missing) { missing.hidden = true; }
      form.querySelectorAll(".confirmed").forEach(function (el) { el.classList.remove("confirmed"); });
      survey = null;
      show(screens[0]);
    }

    function begin() {
      survey = { id: newId(), started_at: stamp(new Date()), index: 0 };
      show(route()[0]);
    }

    function next() {
      var steps = route();
      if (kind(current) === "desks" && !chosenDesks().length) {
        missing.textContent = missing.getAttribute("data-text");
        missing.hidden = false;
        return;
      }
      if (missing) { missing.hidden = true; }
      var index = steps.indexOf(current);
      if (index + 1 < steps.length) { show(steps[index + 1]); }
    }

    function back() {
      var steps = route();
      var index = steps.indexOf(current);
      if (index > 0) { show(steps[index - 1]); }
    }

    function sendSurvey() {
      if (!survey) { return; }  // a double tap sends once
      var payload = buildPayload(form, info, chosenDesks(), survey);
      survey = null;  // the next client's survey is a new one, even while this one is sending
      var thanks = byKind("thanks");
      show(thanks);  // at once: the survey is the tablet's from here on
      enqueue(payload).then(flush, function (error) {
        console.error("survey: could not queue the survey; sending it now", error);
        return post(apiUrl, payload);
      }).catch(function () { /* queued, or sent: nothing more to do here */ });
      window.setTimeout(function () {
        if (current === thanks && !survey) { toStart(); }
      }, info.thanks * 1000);
    }

    // A change of language mid-survey: the other language's page, every answer carried along.
    function switchLanguage(href) {
      if (survey) {
        var answers = [];
        Array.prototype.forEach.call(form.elements, function (el) {
          if (!el.name || el.type === "hidden") { return; }
          if ((el.type === "radio" || el.type === "checkbox") && !el.checked) { return; }
          if (el.value !== "") { answers.push([el.name, el.value]); }
        });
        survey.answers = answers;
        window.sessionStorage.setItem(STATE_KEY, JSON.stringify(survey));
        window.location.assign(href);
      } else {
        window.location.assign(href + "#go");
      }
    }

    function restore() {
      var saved = null;
      try {
        saved = JSON.parse(window.sessionStorage.getItem(STATE_KEY) || "null");
      } catch (e) {
        saved = null;
      }
      window.sessionStorage.removeItem(STATE_KEY);
      if (!saved) { return false; }
      saved.answers.forEach(function (pair) {
        Array.prototype.forEach.call(form.elements, function (el) {
          if (el.name !== pair[0]) { return; }
          if (el.type === "radio" || el.type === "checkbox") {
            if (el.value === pair[1]) { el.checked = true; }
          } else {
            el.value = pair[1];
          }
        });
      });
      survey = { id: saved.id, started_at: saved.started_at, index: saved.index };
      var steps = route();
      show(steps[Math.min(saved.index, steps.length - 1)]);
      return true;
    }

    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-action]");
      if (!button) { return; }
      var action = button.getAttribute("data-action");
      if (action === "next") { next(); }
      if (action === "back") { back(); }
      if (action === "send") { sendSurvey(); }
      if (action === "done") { toStart(); }
      if (action === "restart") { confirmRestart(toStart); }
    });

    // One rating alone on a screen: the tap shows as chosen, then the next screen follows.
    form.addEventListener("change", function (event) {
      var input = event.target;
      var screen = input.closest(".screen");
      if (input.type !== "radio" || !screen || !screen.hasAttribute("data-auto")) { return; }
      screen.querySelectorAll(".confirmed").forEach(function (el) { el.classList.remove("confirmed"); });
      input.closest("label").classList.add("confirmed");
      window.clearTimeout(advance);
      advance = window.setTimeout(function () {
        if (current === screen) { next(); }
      }, CONFIRM_MS);
    });

    // Language buttons: on the start screen they begin a survey, later they carry it along.
    document.addEventListener("click", function (event) {
      var link = event.target.closest("a[hreflang]");
      if (!link) { return; }
      event.preventDefault();
      if (link.getAttribute("hreflang") === info.language && !survey) {
        window.history.replaceState(null, "", link.getAttribute("href"));
        begin();
      } else {
        switchLanguage(link.getAttribute("href"));
      }
    });

    if (missing) { missing.setAttribute("data-text", info.desks_missing || ""); }
    idleTimer(info.idle, function () { return survey !== null; }, toStart);

    if (navigator.serviceWorker) {
      navigator.serviceWorker.addEventListener("message", function (event) {
        if (event.data && event.data.type === "refreshed") {
          body.setAttribute("data-refreshed", event.data.outcome);  // for the tests and bench
        }
        if (event.data && event.data.type === "refreshed" && event.data.outcome !== "same") {
          reloadAtStart = true;  // a new questionnaire: shown from the next client on
          if (kind(current) === "start") { toStart(); }  // nobody is answering: reload now
        }
      });
    }

    if (!restore()) {
      if (window.location.hash === "#go") {
        window.history.replaceState(null, "", window.location.pathname);
        begin();
      } else {
        show(screens[0]);
      }
    }
  }

  // --- the service worker, the wake lock, the heartbeat, armed-mode waiting ---------------------------

  function offlineCapable() {
    return !!(navigator.serviceWorker && navigator.serviceWorker.controller);
  }

  function refreshCache() {
    if (offlineCapable()) {
      navigator.serviceWorker.controller.postMessage({ type: "refresh" });
    }
  }

  // Register the service worker (secure contexts only: HTTPS, or localhost). Once it is ready,
  // the start page's language buttons lead to the offline kiosk instead of the form path.
  function installOffline() {
    var worker = body.getAttribute("data-sw");
    if (!worker || !navigator.serviceWorker || !window.isSecureContext) { return; }
    navigator.serviceWorker.register(worker, { scope: "/", updateViaCache: "none" }).catch(function (error) {
      console.error("survey: the service worker did not install", error);
    });
    // The worker takes control a moment after it is ready: report the tablet offline-capable then.
    navigator.serviceWorker.addEventListener("controllerchange", heartbeat);
    navigator.serviceWorker.ready.then(function () {
      document.querySelectorAll("a[data-app-href]").forEach(function (link) {
        link.setAttribute("href", link.getAttribute("data-app-href"));
      });
      body.setAttribute("data-offline-ready", "true");
      heartbeat();
    });
  }

  var wakeLock = null;
  function keepAwake() {
    if (!navigator.wakeLock || wakeLock || document.visibilityState !== "visible") { return; }
    navigator.wakeLock.request("screen").then(function (lock) {
      wakeLock = lock;
      lock.addEventListener("release", function () { wakeLock = null; });
    }).catch(function () { /* refused (battery saver, policy): the tablet's own setting rules */ });
  }

  function heartbeat() {
    if (!heartbeatUrl || !window.fetch) { return; }
    counts().then(function (count) {
      return post(heartbeatUrl, { queued: count.queued, held: count.held, offline_capable: offlineCapable() });
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

  var appForm = document.getElementById("survey-form");
  var appData = document.getElementById("app-data");
  if (appForm && appData) {
    kioskApp(appForm, JSON.parse(appData.textContent));
  } else {
    enhanceFormPath();
    confirmRestartLinks();
    var resetAfter = parseInt(body.getAttribute("data-reset-after") || "0", 10);
    if (resetAfter) {
      idleTimer(resetAfter, function () { return true; }, function () { window.location.replace(startUrl); });
    }
  }
  installOffline();
  waitForArming();
  keepAwake();
  document.addEventListener("visibilitychange", keepAwake);
  showCount();
  heartbeat();
  window.setInterval(heartbeat, HEARTBEAT_MS);
  window.addEventListener("online", flush);
  flush();
})();
