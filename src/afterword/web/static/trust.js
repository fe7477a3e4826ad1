// The service worker is what lets Afterword open with no signal, install as an app and send
// recordings later. When it cannot run, a notice above every screen says so, and why: a page
// that only fails quietly costs a memo in the parking lot.
const $ = (id) => document.getElementById(id);
// A first visit is controlled once the new worker activates (clients.claim); give it this long.
const CONTROL_WAIT_MS = 4000;

export const NOTICES = {
  https:
    'This page needs https. Phone browsers allow the microphone and offline capture only on secure pages, ' +
    'so recording does not work here. On the computer, run “afterword serve --https” and open the link ' +
    'from “afterword pair” on this phone.',
  untrusted:
    "Offline capture is off: this phone does not trust Afterword's certificate yet, so Afterword cannot " +
    'open without signal, install as an app or keep recordings for later. Set up this phone to install ' +
    'the certificate. If you saw a warning page, go back; do not tap Proceed.',
  unsupported:
    "Offline capture is off: this browser can't keep Afterword on the phone, so memos upload only while " +
    'there is signal. Safari on iPhone and Chrome on Android can.',
  uncontrolled:
    'Offline capture is off for this visit: the page was loaded past its offline helper (a forced ' +
    'reload, say). Reload the page to turn it back on.',
};

let registration = null;

// Resolves to the service worker registration, or null after showing why there is none.
export async function start() {
  if (!window.isSecureContext) return show('https');
  if (!('serviceWorker' in navigator)) return show('unsupported');
  try {
    registration = await navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' });
  } catch (error) {
    // Chromium: "An SSL certificate error occurred when fetching the script".
    return show('untrusted', error && error.message);
  }
  watchControl();
  return registration;
}

function watchControl() {
  const sw = navigator.serviceWorker;
  if (sw.controller) return;
  sw.addEventListener('controllerchange', hide, { once: true });
  sw.ready.then(() => {
    setTimeout(() => {
      if (!sw.controller) show('uncontrolled');
    }, CONTROL_WAIT_MS);
  });
}

function show(reason, detail) {
  $('trust-text').textContent = NOTICES[reason];
  $('trust-detail').textContent = detail ? `The browser said: ${detail}` : '';
  $('trust-detail').hidden = !detail;
  $('trust-setup').hidden = reason !== 'untrusted';
  $('trust-notice').dataset.reason = reason;
  $('trust-notice').hidden = false;
  return null;
}

function hide() {
  $('trust-notice').hidden = true;
  delete $('trust-notice').dataset.reason;
}
