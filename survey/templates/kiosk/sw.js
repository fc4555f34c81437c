// The kiosk's service worker: keeps the kiosk pages (one per language), its CSS/JS and icons
// in a cache, so a tablet shows the kiosk with no network at all: a reload or a browser
// restart offline never shows the browser's error page. Only kiosk URLs are answered here;
// the API, the coordinator pages and pairing links always go to the network.
"use strict";
var VERSION = {{ version|tojson }};
var CACHE = "survey-kiosk-" + VERSION;
var PAGES = {{ pages|tojson }};
var ASSETS = {{ assets|tojson }};
var HOME = {{ home|tojson }};

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE)
      .then(function (cache) { return cache.addAll(PAGES.concat(ASSETS)); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) {
        return key.indexOf("survey-kiosk-") === 0 && key !== CACHE;
      }).map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); })
  );
});

// The cached page for a navigation: the start page and every /<lang>/... kiosk URL map to the
// kiosk page of that language (the form path's URLs included, for a reload while offline).
function kioskPage(url) {
  if (url.pathname === HOME) { return PAGES[0]; }
  var match = /^\/([a-z]{2})\//.exec(url.pathname);
  if (!match) { return null; }
  var page = "/" + match[1] + "/kiosk";
  return PAGES.indexOf(page) >= 0 ? page : null;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (ASSETS.indexOf(url.pathname) >= 0) {
    event.respondWith(caches.match(url.pathname).then(function (hit) { return hit || fetch(request); }));
    return;
  }
  if (request.mode !== "navigate") { return; }
  var page = kioskPage(url);
  if (!page) { return; }
  if (url.pathname === HOME || PAGES.indexOf(url.pathname) >= 0) {
    // Cache first: a new survey costs no network; the page asks for a refresh when online.
    event.respondWith(caches.match(page).then(function (hit) { return hit || fetch(request); }));
  } else {
    event.respondWith(fetch(request).catch(function () { return caches.match(page); }));
  }
});

// Fetch every kiosk page again (called by the page when the network is back). A page that
// changed (a new questionnaire, other desks) replaces the cached one and the open kiosks are
// told, so they reload at their next start screen. A tablet that is no longer an offline
// kiosk (revoked, unpaired, switched to armed mode) drops its cache and this worker.
function refresh() {
  return caches.open(CACHE).then(function (cache) {
    return Promise.all(PAGES.map(function (page) {
      return fetch(page, { cache: "no-store", credentials: "same-origin", redirect: "manual" })
        .then(function (fresh) {
          if (fresh.status === 401 || fresh.status === 403 || fresh.type === "opaqueredirect") {
            return "gone";
          }
          if (!fresh.ok) { return "kept"; }
          return cache.match(page).then(function (old) {
            var changed = !old || old.headers.get("X-Kiosk-Version") !== fresh.headers.get("X-Kiosk-Version");
            return cache.put(page, fresh).then(function () { return changed ? "changed" : "same"; });
          });
        }, function () { return "kept"; });
    }));
  }).then(function (outcomes) {
    if (outcomes.indexOf("gone") >= 0) {
      return caches.delete(CACHE).then(function () { return self.registration.unregister(); })
        .then(function () { return "gone"; });
    }
    return outcomes.indexOf("changed") >= 0 ? "changed" : "same";
  });
}

self.addEventListener("message", function (event) {
  if (!event.data || event.data.type !== "refresh") { return; }
  event.waitUntil(refresh().then(function (outcome) {
    return self.clients.matchAll().then(function (clients) {
      clients.forEach(function (client) { client.postMessage({ type: "refreshed", outcome: outcome }); });
    });
  }));
});
