// The copy of review this phone keeps for when it has no signal: the person's own summaries,
// headlines and plans, this week's focus, the repair phrase, and what their partner shared with
// them (GET /api/review/copy). Refreshed whenever the server answers; wiped on sign-out and when
// the server no longer knows this phone's pairing.
import * as api from './api.js';

const DB_NAME = 'afterword-copy';
const STORE = 'copy';
const KEY = 'review';
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(mode, operation) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = operation(tx.objectStore(STORE));
    tx.oncomplete = () => { db.close(); resolve(request.result); };
    tx.onerror = tx.onabort = () => { db.close(); reject(tx.error); };
  });
}

// The copy, or null when this phone has none (never refreshed, or wiped).
export const load = () => run('readonly', (store) => store.get(KEY)).catch(() => null).then((c) => c || null);

// Fetches the bundle and keeps it; resolves to it. An error (no signal) leaves the old copy.
export async function refresh() {
  const bundle = await api.reviewCopy();
  await run('readwrite', (store) => store.put(bundle, KEY)).catch(() => {}); // private mode: no copy
  return bundle;
}

// The copy alone (someone signs in: whatever was here is not theirs).
export function forget() {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

// Everything of the person's words this phone keeps: the copy and the service worker's caches.
export async function wipe() {
  await forget();
  if (self.caches) await Promise.all((await caches.keys()).map((key) => caches.delete(key)));
}

// "updated Tuesday 18:02" (today, yesterday, a weekday within the week, else the date).
export function updatedWhen(savedAt, now = new Date()) {
  const when = new Date(savedAt);
  const time = `${String(when.getHours()).padStart(2, '0')}:${String(when.getMinutes()).padStart(2, '0')}`;
  const days = Math.round((startOfDay(now) - startOfDay(when)) / 86400000);
  if (days === 0) return `updated today ${time}`;
  if (days === 1) return `updated yesterday ${time}`;
  if (days > 1 && days < 7) return `updated ${DAYS[when.getDay()]} ${time}`;
  return `updated ${when.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
}

function startOfDay(moment) {
  return new Date(moment.getFullYear(), moment.getMonth(), moment.getDate()).getTime();
}
