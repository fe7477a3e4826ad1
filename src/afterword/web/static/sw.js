/* Service worker: starts the app without a network, receives audio shared from other apps
 * (Android share target) into the same outbox the page uses, and sends the outbox when the
 * browser says the network is back (Background Sync), even with the page closed. */
importScripts('/static/outbox.js');

const CACHE = 'afterword-shell-v9';
// The page and every file in web/static/ but this one (a test keeps the list in step).
const SHELL = [
  '/',
  '/manifest.webmanifest',
  '/static/styles.css',
  '/static/outbox.js',
  '/static/api.js',
  '/static/queue.js',
  '/static/recorder.js',
  '/static/wake.js',
  '/static/takes.js',
  '/static/memos.js',
  '/static/player.js',
  '/static/transcript.js',
  '/static/no-speech.js',
  '/static/record-screen.js',
  '/static/reflect-screen.js',
  '/static/review-screen.js',
  '/static/copy.js',
  '/static/match.js',
  '/static/reviews.js',
  '/static/partner-shared.js',
  '/static/sessions.js',
  '/static/sharing.js',
  '/static/week-sharing.js',
  '/static/prep-screen.js',
  '/static/signin.js',
  '/static/trust.js',
  '/static/setup.js',
  '/static/marks.js',
  '/static/received.js',
  '/static/week-screen.js',
  '/static/week-ui.js',
  '/static/week-partner.js',
  '/static/week-moments.js',
  '/static/week-appreciations.js',
  '/static/week-checkin.js',
  '/static/week-repair.js',
  '/static/week-ritual.js',
  '/static/week-recall.js',
  '/static/settings-screen.js',
  '/static/app.js',
  '/static/icon.svg',
  '/static/icon-192.png',
  '/static/icon-512.png',
];
// On a weak signal, wait this long for the network before using the cached copy.
const NETWORK_WAIT_MS = 3000;

self.addEventListener('install', (event) => {
  // One missing file must not keep the rest from being cached.
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => Promise.all(SHELL.map((url) => cache.add(url).catch(() => {}))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === '/share' && event.request.method === 'POST') {
    event.respondWith(receiveShare(event.request, url));
    return;
  }
  // The API is never cached: memos and transcripts stay on the server.
  if (event.request.method !== 'GET' || !isShell(url.pathname)) return;
  event.respondWith(networkFirst(event.request, url.pathname));
});

function isShell(path) {
  return path === '/' || path === '/manifest.webmanifest' || path.startsWith('/static/');
}

// Network first so updates show at once; the cache when offline or too slow.
async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then((response) => {
    // Keyed by path: "/?shared=1" is the same page as "/".
    if (response.ok && !response.redirected) cache.put(key, response.clone()).catch(() => {});
    return response;
  });
  // With no signal the fetch fails while the cache is still being read, before anything below
  // handles it: WebKit reports that as an unhandled rejection. The race below still sees it.
  network.catch(() => {});
  const cached = await cache.match(key);
  if (!cached) return network;
  const slow = new Promise((resolve) => setTimeout(() => resolve(cached), NETWORK_WAIT_MS));
  return Promise.race([network.catch(() => cached), slow]);
}

// Chromium fires this once the network is back, and again later (with backoff) while it fails.
self.addEventListener('sync', (event) => {
  if (event.tag === self.AfterwordOutbox.SYNC_TAG) event.waitUntil(self.AfterwordOutbox.drain(tellPages));
});

// An open page shows a memo the worker sent as if it had sent it itself.
async function tellPages(message) {
  const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of pages) client.postMessage(message);
}

// The share sheet posts to the manifest's share action, with this installation's key; a page on
// another site can post a form here as well, but cannot read the key (nor, where the browser
// tells, pass as this origin).
async function fromTheShareSheet(request, url) {
  const site = request.headers.get('Sec-Fetch-Site');
  if (site && site !== 'none' && site !== 'same-origin') return false;
  const manifest = (await caches.match('/manifest.webmanifest')) || (await fetch('/manifest.webmanifest'));
  const action = new URL((await manifest.json()).share_target.action, self.location.origin);
  const key = action.searchParams.get('key');
  return Boolean(key) && url.searchParams.get('key') === key;
}

async function receiveShare(request, url) {
  const allowed = await fromTheShareSheet(request, url).catch(() => false);
  if (!allowed) return Response.redirect(new URL('/?shared=refused', self.location.origin).href, 303);
  let saved = 0;
  try {
    const form = await request.formData();
    const token = await self.AfterwordOutbox.getToken(); // whoever is signed in when it is shared
    for (const file of form.getAll('audio')) {
      if (typeof file === 'string') continue;
      await self.AfterwordOutbox.add(file, { captured_at: null, filename: file.name || null, token });
      saved += 1;
    }
  } catch {
    // Reported to the person on the page below.
  }
  const ok = saved > 0;
  if (ok && self.registration.sync) self.registration.sync.register(self.AfterwordOutbox.SYNC_TAG).catch(() => {});
  // 303 turns the POST into a GET of the page, which uploads the outbox on load.
  return Response.redirect(new URL(ok ? '/?shared=1' : '/?shared=0', self.location.origin).href, 303);
}
