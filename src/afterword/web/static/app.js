// Start-up: pairing, the header, the service worker and the screens.
// A screen is a <section class="screen"> in index.html plus a small module
// with mount(); a later nav only needs to call showScreen().
import * as api from './api.js';
import * as prepScreen from './prep-screen.js';
import * as queue from './queue.js';
import * as recordScreen from './record-screen.js';
import * as reflectScreen from './reflect-screen.js';
import * as reviewScreen from './review-screen.js';
import * as settingsScreen from './settings-screen.js';

const NAME_KEY = 'afterword.name';
// The between-session screens: mounted on first show, refreshed on every show.
const SCREENS = {
  'reflect-screen': reflectScreen,
  'review-screen': reviewScreen,
  'prep-screen': prepScreen,
  'settings-screen': settingsScreen,
};
const mounted = new Set();
const OFFLINE_NOTE = "You're offline. New memos are kept on this phone and upload when you're back online.";
const $ = (id) => document.getElementById(id);

takeTokenFromUrl();
registerServiceWorker();
$('pair-form').addEventListener('submit', pairFromPaste);
if (api.getToken()) openApp();
else showPairing(false);

// The pairing link carries the token in the fragment, which never reaches a
// server log; keep it and take it out of the address bar and history.
function takeTokenFromUrl() {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) return;
  api.setToken(token);
  history.replaceState(null, '', location.pathname + location.search);
}

function openApp() {
  api.onUnauthorized(() => showPairing(true));
  showName(localStorage.getItem(NAME_KEY));
  $('screens-nav').hidden = false;
  $('screens-nav').addEventListener('click', (event) => {
    const button = event.target.closest('[data-screen]');
    if (button) showScreen(button.dataset.screen);
  });
  showScreen('record-screen');
  recordScreen.mount();
  noteShare();
  queue.start();
  checkSignIn();
}

async function checkSignIn() {
  try {
    const person = await api.me();
    localStorage.setItem(NAME_KEY, person.name);
    showName(person.name);
    recordScreen.unsay(OFFLINE_NOTE); // back online: the notice would now be wrong
  } catch (error) {
    if (error.status !== 0) return; // a 401 shows the pairing notice
    recordScreen.say(OFFLINE_NOTE);
    window.addEventListener('online', checkSignIn, { once: true });
  }
}

function showScreen(id) {
  document.querySelectorAll('.screen').forEach((screen) => {
    screen.hidden = screen.id !== id;
  });
  document.querySelectorAll('#screens-nav [data-screen]').forEach((button) => {
    button.setAttribute('aria-current', String(button.dataset.screen === id));
  });
  const screen = SCREENS[id];
  if (!screen) return;
  if (!mounted.has(id)) screen.mount();
  mounted.add(id);
  screen.refresh();
}

function showName(name) {
  $('who').textContent = name ? `Signed in as ${name}` : '';
}

// Shown above the app when revoked, so a recording in progress is not lost.
function showPairing(revoked) {
  $('pair-missing').hidden = revoked;
  $('pair-revoked').hidden = !revoked;
  $('pair').hidden = false;
}

// For when the link opened elsewhere, e.g. in Safari rather than the home-screen app.
function pairFromPaste(event) {
  event.preventDefault();
  const text = $('pair-link').value.trim();
  const match = /[#&?]token=([^&\s]+)/.exec(text);
  const token = match ? decodeURIComponent(match[1]) : text;
  if (!token || /\s/.test(token)) return;
  api.setToken(token);
  location.reload();
}

// The service worker's share target redirects here with ?shared=1 (or 0 when it failed).
function noteShare() {
  const shared = new URLSearchParams(location.search).get('shared');
  if (shared === null) return;
  if (shared === '1') recordScreen.say('Shared audio saved on this phone. Uploading now.');
  else recordScreen.say("The shared audio didn't arrive. Please choose the file below instead.", true);
  history.replaceState(null, '', '/');
}

function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  // Refused on plain http (except localhost); the page works without it.
  navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' }).catch(() => {});
}
