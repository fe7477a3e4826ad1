// A recording kept in the outbox slice by slice, as the recorder hands them over, so that a
// locked screen, a phone call or a killed tab keeps what was said up to that moment. A take
// left unfinished by a page that is gone is joined on the next open and marked cut short.
import './outbox.js';
import { getToken } from './api.js';

const outbox = self.AfterwordOutbox;
const live = new Set(); // takes recorded by this page

// Each take holds a Web Lock while it records; a lock that can be taken means its page is gone.
const lockName = (take) => `afterword-take-${take}`;

function newTakeId() {
  if (self.crypto && crypto.randomUUID) return crypto.randomUUID();
  return `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

async function holdLock(take) {
  if (!navigator.locks) return () => {};
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await new Promise((granted) => {
    navigator.locks.request(lockName(take), () => {
      granted();
      return held;
    }).catch(granted);
  });
  return release;
}

// Resolves to a take: add(blob) for each slice, end(cutShort) once the recorder has stopped.
// end() resolves to 'kept' (the outbox holds the whole recording), 'empty' (nothing was
// recorded) or 'failed': without IndexedDB (private browsing, a full disk) the caller keeps
// the recorder's own copy instead.
// where: {endpoint, charge}, where the recording goes (null: a memo) and its charge.
export async function begin(type, capturedAt, where = {}) {
  const take = newTakeId();
  live.add(take);
  const release = await holdLock(take);
  const meta = { captured_at: capturedAt, take, token: getToken(), ...where };
  const id = await outbox.begin(type, meta).catch(() => null);
  let written = Promise.resolve(id !== null);
  let seq = 0;
  return {
    add(blob) {
      const n = seq++;
      written = written.then((ok) => ok && outbox.addSlice(id, n, blob).then(() => true, () => false));
    },
    async end(cutShort) {
      try {
        if (!(await written)) {
          if (id !== null) await outbox.discard(id).catch(() => {});
          return 'failed';
        }
        return (await outbox.finish(id, cutShort)) ? 'kept' : 'empty';
      } catch {
        return 'failed';
      } finally {
        live.delete(take);
        release();
      }
    },
  };
}

// Joins every take whose page is gone into a memo marked cut short, calling `recovered()` for
// each. A take's lock is free once its page is gone (it may take the browser a moment to let go);
// a take whose page is still recording in another tab is left to that tab, which holds the lock
// until it has finished the take itself.
export async function recover(recovered) {
  const items = await outbox.all().catch(() => []);
  for (const item of items) {
    if (!item.recording || live.has(item.take)) continue;
    whenPageGone(item.take, async () => {
      const current = await outbox.get(item.id).catch(() => null);
      if (current && current.recording && (await outbox.finish(item.id, true).catch(() => null))) recovered();
    });
  }
}

function whenPageGone(take, work) {
  if (!navigator.locks || !take) return work();
  return navigator.locks.request(lockName(take), work).catch(() => {});
}
