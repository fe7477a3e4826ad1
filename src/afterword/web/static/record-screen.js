// The record screen: the record button, the file picker and the recent memos.
import { record } from './recorder.js';
import * as queue from './queue.js';
import * as memos from './memos.js';
import * as takes from './takes.js';
import * as marks from './marks.js';

const $ = (id) => document.getElementById(id);
let recording = null;
let tick = 0;

export const MOMENT_ENDPOINT = '/api/moments/voice';
const PLAIN = { button: 'record', idle: 'Record', endpoint: null };

export function mount() {
  $('record').addEventListener('click', () => toggle(PLAIN));
  $('moment-record').addEventListener('click', () => toggle({ button: 'moment-record', idle: 'The pattern showed up', endpoint: MOMENT_ENDPOINT }));
  marks.mount((mark) => toggle({ button: `answer-${mark.id}`, idle: 'Record what landed', endpoint: `/api/marks/${mark.id}/memo` }));
  $('file').addEventListener('change', pickFiles);
  // The status line is the live region: it must not go on saying "uploads now" once the
  // upload is over, and a refusal must be announced, not only drawn in the list.
  queue.events.addEventListener('uploaded', () => say('Uploaded to your Afterword server.'));
  queue.events.addEventListener('rejected', (event) => say(`Couldn't upload this memo. ${event.detail.error}`, true));
  memos.mount($('memos'), $('more'));
  loadList();
}

// Messages go to the polite status region, so screen readers announce them too.
export function say(message, isError = false) {
  $('status').textContent = message;
  $('status').classList.toggle('error', isError);
}

// Takes a message down once it no longer holds, unless a newer one has replaced it.
export function unsay(message) {
  if ($('status').textContent === message) say('');
}

function loadList() {
  memos.loadMore().catch((error) => {
    if (error.status === 401) return; // the pairing notice says it all
    if (error.status !== 0) say(error.message, true);
    window.addEventListener('online', loadList, { once: true });
  });
}

function toggle(target) {
  if (recording) recording.stop();
  else start(target);
}

export const STORAGE_FULL =
  "This phone's storage for Afterword is full, so a new recording could not be kept. Upload or " +
  'remove the memos waiting here, or free some space on the phone, then record again.';

// target: which button starts and stops it, and where the recording goes (a memo by default;
// a moment, or the answer to a mark).
async function start(target) {
  const button = $(target.button);
  button.disabled = true; // while the permission prompt is open
  say('');
  const room = queue.roomToRecord(); // asked alongside: an await here would cost the tap's gesture
  let take = null;
  const early = []; // slices that arrive before the take is ready
  try {
    recording = await record({ onSlice: (blob) => (take ? take.add(blob) : early.push(blob)) });
  } catch (error) {
    say(error.message, true);
    return;
  } finally {
    button.disabled = false;
  }
  if (!(await room)) {
    recording.stop(); // before its first slice is kept anywhere
    recording = null;
    say(STORAGE_FULL, true);
    return;
  }
  const capturedAt = isoWithOffset(recording.startedAt);
  showRecording(true, target);
  const where = { endpoint: target.endpoint, charge: target.endpoint === MOMENT_ENDPOINT ? null : takeCharge() };
  take = await takes.begin(recording.type, capturedAt, where);
  early.forEach((blob) => take.add(blob));
  let result = null;
  try {
    result = await recording.done;
  } catch (error) {
    say(error.message, true);
  } finally {
    recording = null;
    showRecording(false, target);
  }
  // Ended by the browser (a locked screen, a call) rather than by Stop: keep what there is.
  const kept = await take.end(!result || !result.stoppedByPerson);
  if (kept === 'kept') {
    queue.keepStorage();
    queue.added();
    saved(true, target.endpoint);
  } else if (kept === 'empty') say('Nothing was recorded. Please try again.', true);
  else if (result) await keep(result.blob, { captured_at: capturedAt, filename: null, ...where });
}

// The charge chosen applies to the next recording only.
function takeCharge() {
  const value = $('record-charge').value;
  $('record-charge').value = '';
  return value === '' ? null : Number(value);
}

async function pickFiles(event) {
  const input = event.target;
  for (const file of Array.from(input.files)) await keep(file, { captured_at: null, filename: file.name });
  input.value = ''; // picking the same file again should still work
}

async function keep(blob, meta) {
  if (!blob.size) {
    say('Nothing was recorded. Please try again.', true);
    return;
  }
  try {
    saved(await queue.enqueue(blob, meta), meta.endpoint);
  } catch (error) {
    say(`Couldn't keep this memo: ${error.message}`, true);
  }
}

function saved(onPhone, endpoint) {
  if (onPhone && endpoint === MOMENT_ENDPOINT) {
    say('Moment kept on this phone. Its questions wait on the Week screen, for now or later.');
  } else if (onPhone) {
    say('Saved on this phone. It uploads now, or as soon as there is signal.');
  } else {
    say("Couldn't store this memo on the phone. Keep this page open until it has uploaded.", true);
  }
}

function showRecording(on, target) {
  const button = $(target.button);
  button.setAttribute('aria-pressed', String(on));
  const label = button.querySelector('.record-label') || button;
  label.textContent = on ? 'Stop' : target.idle;
  ['record', 'moment-record'].filter((id) => id !== target.button).forEach((id) => { $(id).disabled = on; });
  document.body.classList.toggle('recording', on);
  $('record-hint').hidden = on;
  $('lock-note').hidden = !on;
  clearInterval(tick);
  if (!on) return;
  const started = Date.now();
  $('timer').textContent = clock(0);
  tick = setInterval(() => {
    $('timer').textContent = clock(Date.now() - started);
  }, 250);
}

function clock(ms) {
  const seconds = Math.floor(ms / 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)}`;
}

// Local time with its UTC offset (2024-05-02T17:03:09+02:00): the server learns
// both the moment and the phone's time of day.
function isoWithOffset(date) {
  const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return `${day}T${time}${offset < 0 ? '-' : '+'}${pad(offset / 60)}:${pad(offset % 60)}`;
}
