// Offline-first upload queue. Every memo is saved in the outbox (IndexedDB)
// before it is sent, and leaves it only once the server has answered for it.
// Re-sending is safe: the server dedupes on the bytes and answers the same memo.
import './outbox.js';
import { getToken, uploadMemo } from './api.js';
import * as wake from './wake.js';

const outbox = self.AfterwordOutbox;
const MAX_BACKOFF_MS = 5 * 60 * 1000;
const RETRYABLE = outbox.RETRYABLE;
const isReview = (endpoint) => endpoint === outbox.REVIEWS;

// Fires 'change' (outbox contents), 'progress' {id, fraction}, 'uploaded' {id, memo, endpoint}
// and 'rejected' {id, error} (the server refused it for good); for a queued re-reading,
// 'logged' and 'unlogged' instead.
export const events = new EventTarget();

const uploading = new Map(); // outbox id -> fraction sent, while its upload runs; never started twice
const memory = new Map(); // items IndexedDB refused (private mode, full disk), kept while the page lives
let memoryCount = 0;
let running = false;
let again = false;
let retryTimer = 0;
let attempt = 0;

const store = {
  // A recording still in progress is not a memo yet.
  all: async () => [...(await outbox.all().catch(() => [])).filter((item) => !item.recording), ...memory.values()],
  remove: (id) => (memory.delete(id) ? null : outbox.remove(id)),
  update: (id, changes) => (memory.has(id) ? Object.assign(memory.get(id), changes) : outbox.update(id, changes)),
};

function emit(type, detail) {
  events.dispatchEvent(new CustomEvent(type, { detail }));
}

// What waits to upload, as the memo list shows it: re-readings are not memos.
export const items = async () => (await store.all()).filter((item) => !isReview(item.endpoint));

// Re-readings not sent yet: dropped with the pairing (the next person on this phone is not them).
export async function dropReviews() {
  for (const item of await store.all()) if (isReview(item.endpoint)) await store.remove(item.id);
}
export const progressOf = (id) => uploading.get(id);

// Returns false when the memo could only be kept in memory (keep the page open).
export async function enqueue(blob, meta) {
  meta = { token: getToken(), ...meta };
  let saved = true;
  try {
    await outbox.add(blob, meta);
    keepStorage();
  } catch {
    const item = await outbox.record(blob, meta);
    item.id = `memory-${++memoryCount}`;
    memory.set(item.id, item);
    saved = false;
  }
  added();
  return saved;
}

// Something new is in the outbox (a memo, a recording's slices joined): show it, send it.
export function added() {
  emit('change');
  askForSync();
  flush();
}

// Room left for a new recording: none when the browser says this site's storage is nearly full.
// A full phone refuses the new recording; it never makes room by dropping a waiting one.
const ROOM_FOR_A_RECORDING_BYTES = 20 * 1024 * 1024;
export async function roomToRecord() {
  if (!navigator.storage || !navigator.storage.estimate) return true;
  const { usage = 0, quota = Infinity } = await navigator.storage.estimate().catch(() => ({}));
  return quota - usage >= ROOM_FOR_A_RECORDING_BYTES;
}

// Asks the browser not to evict the outbox under storage pressure.
export function keepStorage() {
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
}

// Where the browser has Background Sync (Chromium), the service worker sends the outbox once
// the server can be reached, even with the page closed.
function askForSync() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.ready
    .then((registration) => registration.sync && registration.sync.register(outbox.SYNC_TAG))
    .catch(() => {}); // no Background Sync: the flushes below still run
}

export async function remove(id) {
  await store.remove(id);
  emit('change');
}

// Try now, when the network returns, when the phone is unlocked, and with backoff.
export function start(token) {
  outbox.setToken(token).catch(() => {}); // for the service worker's uploads

  window.addEventListener('online', () => {
    attempt = 0;
    flush();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') flush();
  });
  flush();
}

// The service worker sends the outbox too (Background Sync); its news reads like our own.
// Listening from the start: news that arrives before anyone listens is lost.
hearFromServiceWorker();

function hearFromServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.addEventListener('message', (event) => {
    const news = event.data || {};
    const review = isReview(news.endpoint);
    if (news.type === 'uploaded') emit(review ? 'logged' : 'uploaded', { id: news.id, memo: news.memo, endpoint: news.endpoint || null });
    else if (news.type === 'rejected') emit(review ? 'unlogged' : 'rejected', { id: news.id, error: news.error });
    else return;
    emit('change');
  });
  navigator.serviceWorker.startMessages();
}

export async function flush() {
  if (running) {
    again = true; // pick up items added while this run was busy
    return;
  }
  running = true;
  clearTimeout(retryTimer);
  try {
    do {
      again = false;
      await sendAll();
    } while (again);
  } finally {
    running = false;
  }
}

async function sendAll() {
  for (const item of await store.all()) {
    if (item.error || uploading.has(item.id)) continue;
    try {
      await outbox.exclusive(() => sendIfWaiting(item));
    } catch (error) {
      if (error.status === 401 && item.token && item.token !== getToken()) continue; // another person's pairing
      if (error.status !== 401) retryLater(); // after a 401 we wait for a new pairing
      return;
    }
  }
  attempt = 0;
}

// The service worker may have sent it while this page waited for its turn.
async function sendIfWaiting(item) {
  if (!memory.has(item.id)) {
    const current = await outbox.get(item.id).catch(() => item);
    if (!current || !outbox.sendable(current)) return emit('change');
  }
  return send(item);
}

async function send(item) {
  wake.hold(); // a locked screen can freeze the page mid-upload
  uploading.set(item.id, 0);
  emit('progress', { id: item.id, fraction: 0 });
  try {
    const memo = await uploadMemo(item, (fraction) => {
      uploading.set(item.id, fraction);
      emit('progress', { id: item.id, fraction });
    });
    await store.remove(item.id);
    emit(isReview(item.endpoint) ? 'logged' : 'uploaded', { id: item.id, memo, endpoint: item.endpoint || null });
  } catch (error) {
    const final = error.status >= 400 && error.status < 500 && !RETRYABLE.includes(error.status);
    if (!final) throw error;
    if (isReview(item.endpoint)) {
      await store.remove(item.id); // its summary was deleted meanwhile: nothing to keep
      emit('unlogged', { id: item.id, error: error.message });
      return;
    }
    // Kept, with the server's sentence, until the person removes it.
    await store.update(item.id, { error: error.message });
    emit('rejected', { id: item.id, error: error.message });
  } finally {
    uploading.delete(item.id);
    wake.release();
    emit('change');
  }
}

function retryLater() {
  const delay = Math.min(MAX_BACKOFF_MS, 2000 * 2 ** attempt);
  attempt += 1;
  clearTimeout(retryTimer);
  retryTimer = setTimeout(flush, delay);
}
