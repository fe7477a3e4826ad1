// Keeps the screen awake while something must not be cut off by a dimming, locking screen: a
// recording, an upload. Wake Lock where it exists (Safari 16.4+, Chrome); elsewhere nothing.
// Holds are counted, so that an upload ending mid-recording does not let the screen sleep.
let holders = 0;
let sentinel = null;

export async function hold() {
  holders += 1;
  if (holders === 1) await request();
}

export function release() {
  holders = Math.max(0, holders - 1);
  if (holders || !sentinel) return;
  sentinel.release().catch(() => {});
  sentinel = null;
}

export const held = () => holders > 0 && sentinel !== null;

async function request() {
  try {
    const lock = await navigator.wakeLock.request('screen'); // throws where unsupported
    if (holders) sentinel = lock;
    else lock.release();
  } catch {
    sentinel = null; // no wake lock: carry on anyway
  }
}

// The browser drops the wake lock whenever the page is hidden.
document.addEventListener('visibilitychange', () => {
  if (holders && document.visibilityState === 'visible') request();
});
