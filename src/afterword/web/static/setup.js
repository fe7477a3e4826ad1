// The setup page: steps for this phone, and the trust check. Served over plain http by the
// setup listener (the phone cannot open https yet) and over https by the app itself.
const $ = (id) => document.getElementById(id);
const root = document.documentElement;
const secure = location.protocol === 'https:';
// The app: this origin when served by it, else the same host on the app's https port.
const appOrigin = secure ? location.origin : `https://${location.hostname}:${root.dataset.httpsPort}`;

const UNTRUSTED =
  'This phone does not trust Afterword yet. Follow the steps above, then check again. ' +
  'If you saw a warning page, go back; do not tap Proceed.';
const TRUSTED = 'This phone trusts Afterword.';
// WebKit (Safari, and every browser on an iPhone) installs the worker after a tapped-past warning
// page too, so there the check cannot tell: the person looks at the address bar instead.
const CANNOT_TELL = {
  true:
    'Safari cannot tell this page whether the phone trusts Afterword. Look at the address bar: ' +
    '“Not Secure” there means it does not yet; follow the steps above. A padlock means it does.',
  false:
    'Safari cannot tell this page whether the phone trusts Afterword. Tap Open Afterword and look ' +
    'at the address bar there: “Not Secure” means it does not yet; follow the steps above.',
};
const webkit = navigator.vendor === 'Apple Computer, Inc.';
let checking = null; // the check under way, so that a tap and a return from Settings share it

// A pairing link's one-time code travels on to the app, never to a server; over plain http, which
// anyone on the network could have rewritten, a code is never read (`afterword pair` puts none there).
const code = secure ? new URLSearchParams(location.hash.slice(1)).get('code') : null;
if (location.hash) history.replaceState(null, '', location.pathname);

$('no-ca').hidden = Boolean(root.dataset.fingerprint);
$('ca').hidden = !root.dataset.fingerprint;
document.querySelectorAll('[data-system]').forEach((button) => {
  button.addEventListener('click', () => showSteps(button.dataset.system));
});
showSteps(detectSystem());
$('check').addEventListener('click', check);
// Coming back from Settings: check again by itself.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') check();
});
check();

export function detectSystem(ua = navigator.userAgent, touchPoints = navigator.maxTouchPoints) {
  // iPadOS asks for desktop pages: a "Macintosh" with a touch screen is an iPad.
  if (/iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && touchPoints > 1)) return 'ios';
  if (/Android/.test(ua)) return 'android';
  return null;
}

function showSteps(system) {
  document.querySelectorAll('[data-system]').forEach((button) => {
    button.setAttribute('aria-pressed', String(button.dataset.system === system));
  });
  // Not a phone (a laptop, say): both sets of steps.
  $('steps-ios').hidden = system === 'android';
  $('steps-android').hidden = system === 'ios';
}

function check() {
  checking = checking || runCheck().finally(() => {
    checking = null;
  });
  return checking;
}

async function runCheck() {
  $('trust-result').textContent = 'Checking…';
  $('trust-result').classList.remove('error');
  const trusted = secure ? await workerRegisters() : await reachesApp();
  $('trust-result').textContent = trusted ? (webkit ? CANNOT_TELL[secure] : TRUSTED) : UNTRUSTED;
  $('trust-result').classList.toggle('error', !trusted);
  $('open-app').href = `${appOrigin}/${code ? `#code=${encodeURIComponent(code)}` : ''}`;
  $('open-app').hidden = !trusted;
  $('then-sign-in').hidden = !trusted || Boolean(code);
}

// The real test in Chromium: it registers a service worker only from a page whose certificate
// it trusts, whatever was clicked on a warning page. WebKit registers one either way.
async function workerRegisters() {
  if (!('serviceWorker' in navigator)) return false;
  try {
    await navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' });
    return true;
  } catch {
    return false;
  }
}

// From plain http a service worker cannot be tried; a request to the app's https port
// succeeds only when the phone trusts its certificate (and the app itself then tries the
// worker, with a notice if it fails).
async function reachesApp() {
  try {
    await fetch(`${appOrigin}/ca.pem`, { mode: 'no-cors', cache: 'no-store' });
    return true;
  } catch {
    return false;
  }
}
