// Start-up: the service worker, signing in, the header and the screens.
// A screen is a <section class="screen"> in index.html plus a small module
// with mount(); a later nav only needs to call showScreen().
import * as api from './api.js';
import * as copy from './copy.js';
import * as prepScreen from './prep-screen.js';
import * as queue from './queue.js';
import * as received from './received.js';
import * as recordScreen from './record-screen.js';
import * as reflectScreen from './reflect-screen.js';
import * as reviewScreen from './review-screen.js';
import * as signin from './signin.js';
import * as takes from './takes.js';
import * as trust from './trust.js';
import * as weekScreen from './week-screen.js';
import * as settingsScreen from './settings-screen.js';

// The between-session screens: mounted on first show, refreshed on every show.
const SCREENS = {
  'reflect-screen': reflectScreen,
  'review-screen': reviewScreen,
  'week-screen': weekScreen,
  'prep-screen': prepScreen,
  'settings-screen': settingsScreen,
};
const mounted = new Set();
let shareNoted = false; // a shared file's note says all the offline note would, and more
const OFFLINE_NOTE = "You're offline. New memos are kept on this phone and upload when you're back online.";
const $ = (id) => document.getElementById(id);

trust.start();
signin.mountForm();
boot();

async function boot() {
  const problem = await signin.fromUrl(confirmSwitch);
  if (api.getToken()) openApp();
  else showPairing(false, problem);
  // A pairing link opened in a tab that already shows the app changes only the fragment.
  window.addEventListener('hashchange', openLink);
}

async function openLink() {
  const before = api.getToken();
  const problem = await signin.fromUrl(confirmSwitch);
  if (problem) showPairing(false, problem);
  else if (api.getToken() !== before) location.replace('/'); // start again as the new person
}

// Memos waiting on the phone are sent first (as whoever recorded them, whenever they go).
async function confirmSwitch(found) {
  const waiting = (await queue.items()).length;
  if (!(await signin.askToSwitch(found, waiting))) return false;
  await queue.flush().catch(() => {});
  return true;
}

function openApp() {
  api.onUnauthorized(() => {
    showPairing(true);
    forgetPairing();
  });
  $('sign-out').addEventListener('click', signOut);
  showName(signin.rememberedName());
  $('screens-nav').hidden = false;
  $('screens-nav').addEventListener('click', (event) => {
    const button = event.target.closest('[data-screen]');
    if (button) showScreen(button.dataset.screen);
  });
  showScreen('record-screen');
  recordScreen.mount();
  openDeepLink();
  signin.mountOtherApp();
  noteShare();
  queue.start(api.getToken());
  // A recording that a closed page left behind joins the outbox, and uploads like any other.
  takes.recover(() => queue.added());
  checkSignIn();
}

async function checkSignIn() {
  try {
    const person = await api.me();
    signin.rememberName(person.name);
    showName(person.name);
    received.show(); // what the partner sent since the last open
    copy.refresh().catch(() => {}); // for Review with no signal
    recordScreen.unsay(OFFLINE_NOTE); // back online: the notice would now be wrong
  } catch (error) {
    if (error.status !== 0) return; // a 401 shows the pairing notice
    if (!shareNoted) recordScreen.say(OFFLINE_NOTE);
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

// A calendar event's link, /#review/<summary id>: straight to that plan's review.
function openDeepLink() {
  const wanted = /^#review\/([0-9a-f-]{32,36})$/i.exec(location.hash);
  if (!wanted) return;
  history.replaceState(null, '', location.pathname + location.search);
  reviewScreen.openOn(wanted[1]);
  showScreen('review-screen');
}

// The server no longer knows this phone: its copy of the person's words and the re-readings
// not sent yet go (memos not uploaded stay, to send after pairing again).
function forgetPairing() {
  copy.wipe().catch(() => {});
  queue.dropReviews().catch(() => {});
}

// Everything Afterword keeps on this phone goes: the copy, the caches, the outbox, the token.
async function signOut() {
  const waiting = (await queue.items()).length;
  const unsent = waiting === 1 ? '1 memo not uploaded yet is deleted too.' : `${waiting} memos not uploaded yet are deleted too.`;
  const ask = `Sign out this phone? What Afterword saved on it is deleted; your server keeps everything. ${waiting ? unsent : ''}`;
  if (!confirm(ask.trim())) return;
  api.forgetToken();
  localStorage.removeItem(signin.NAME_KEY);
  await Promise.all([copy.wipe(), self.AfterwordOutbox.forget()]);
  location.replace('/');
}

function showName(name) {
  $('who').textContent = name ? `Signed in as ${name}` : '';
}

// Shown above the app when revoked, so a recording in progress is not lost.
function showPairing(revoked, problem = null) {
  $('pair-missing').hidden = revoked;
  $('pair-revoked').hidden = !revoked;
  signin.showProblem(problem);
  $('pair').hidden = false;
}

// The service worker's share target redirects here with ?shared=1 (0 when it failed, refused
// when it did not come from the share sheet).
function noteShare() {
  const shared = new URLSearchParams(location.search).get('shared');
  if (shared === null) return;
  if (shared === '1') recordScreen.say('Shared audio saved on this phone. It uploads now, or as soon as there is signal.');
  else if (shared === 'refused') recordScreen.say("A share that did not come from this phone's share sheet was refused; nothing was saved.", true);
  else recordScreen.say("The shared audio didn't arrive. Please choose the file below instead.", true);
  shareNoted = true;
  history.replaceState(null, '', '/');
}
