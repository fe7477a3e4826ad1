// Offline-first upload queue. Every memo is saved in the outbox (IndexedDB)
// before it is sent, and leaves it only once the server has answered for it.
// Re-sending is safe: the server dedupes on the bytes and answers the same memo.
import './outbox.js';
import { uploadMemo } from './api.js';

const outbox = self.AfterwordOutbox;
const MAX_BACKOFF_MS = 5 * 60 * 1000;
// 4xx answers that may succeed later; every other 4xx is final for that memo.
const RETRYABLE = [401, 408, 425, 429];

// Fires 'change' (outbox contents), 'progress' {id, fraction}, 'uploaded' {id, memo, endpoint}
// and 'rejected' {id, error} (the server refused it for good).
export const events = new EventTarget();

const uploading = new Map(); // outbox id -> fraction sent, while its upload runs; never started twice
const memory = new Map(); // items IndexedDB refused (private mode, full disk), kept while the page lives
let memoryCount = 0;
let running = false;
let again = false;
let retryTimer = 0;
let attempt = 0;

const store = {
  all: async () => [...(await outbox.all().catch(() => [])), ...memory.values()],
  remove: (id) => (memory.delete(id) ? null : outbox.remove(id)),
  update: (id, changes) => (memory.has(id) ? Object.assign(memory.get(id), changes) : outbox.update(id, changes)),
};

function emit(type, detail) {
  events.dispatchEvent(new CustomEvent(type, { detail }));
}

export const items = () => store.all();
export const progressOf = (id) => uploading.get(id);

// Returns false when the memo could only be kept in memory (keep the page open).
export async function enqueue(blob, meta) {
  let saved = true;
  try {
    await outbox.add(blob, meta);
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
  } catch {
    const item = await outbox.record(blob, meta);
    item.id = `memory-${++memoryCount}`;
    memory.set(item.id, item);
    saved = false;
  }
  emit('change');
  flush();
  return saved;
}

export async function remove(id) {
  await store.remove(id);
  emit('change');
}

// Try now, when the network returns, when the phone is unlocked, and with backoff.
export function start() {
  window.addEventListener('online', () => {
    attempt = 0;
    flush();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') flush();
  });
  flush();
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
      await send(item);
    } catch (error) {
      if (error.status !== 401) retryLater(); // after a 401 we wait for a new pairing
      return;
    }
  }
  attempt = 0;
}

async function send(item) {
  uploading.set(item.id, 0);
  emit('progress', { id: item.id, fraction: 0 });
  try {
    const memo = await uploadMemo(item, (fraction) => {
      uploading.set(item.id, fraction);
      emit('progress', { id: item.id, fraction });
    });
    await store.remove(item.id);
    emit('uploaded', { id: item.id, memo, endpoint: item.endpoint || null });
  } catch (error) {
    const final = error.status >= 400 && error.status < 500 && !RETRYABLE.includes(error.status);
    if (!final) throw error;
    // Kept, with the server's sentence, until the person removes it.
    await store.update(item.id, { error: error.message });
    emit('rejected', { id: item.id, error: error.message });
  } finally {
    uploading.delete(item.id);
    emit('change');
  }
}

function retryLater() {
  const delay = Math.min(MAX_BACKOFF_MS, 2000 * 2 ** attempt);
  attempt += 1;
  clearTimeout(retryTimer);
  retryTimer = setTimeout(flush, delay);
}
