// One audio element for the whole page: plays exactly one stretch of a memo (a sentence, a
// segment being corrected, or all of it) and reports the time as it plays, so the words can
// follow along. The element fetches byte ranges itself through a short-lived link, since it
// cannot send the pairing token.
import * as api from './api.js';

const LINK_MS = 20 * 60 * 1000; // links last 30 minutes; ask for a new one well before
const links = new Map(); // memo id -> { url, at }
let audio = null;
let playing = null; // { end, onTime, onStop }
let frame = 0;

function element() {
  if (!audio) {
    audio = document.createElement('audio');
    audio.id = 'player';
    audio.preload = 'none';
    // A pause from outside (the system, another app) ends the stretch; the pause of the one
    // stopped before this one started may arrive late and must not.
    const paused = () => {
      if (playing && playing.started && audio.paused) finish();
    };
    audio.addEventListener('pause', paused);
    audio.addEventListener('ended', paused);
    document.body.append(audio);
  }
  return audio;
}

async function linkFor(memoId) {
  const known = links.get(memoId);
  if (known && Date.now() - known.at < LINK_MS) return known.url;
  const link = await api.audioLink(memoId);
  links.set(memoId, { url: link.url, at: Date.now() });
  return link.url;
}

// Play [start, end] seconds of the memo; onTime(seconds) is called on every frame while it
// plays, onStop() once it has stopped (at the end, or when something else is played).
export async function playSpan(memoId, start, end, { onTime = () => {}, onStop = () => {} } = {}) {
  stop();
  const el = element();
  const url = await linkFor(memoId);
  if (el.dataset.memoId !== memoId || el.dataset.url !== url) {
    el.src = url;
    el.dataset.memoId = memoId;
    el.dataset.url = url;
  }
  const mine = { end, onTime, onStop, started: false };
  playing = mine;
  el.currentTime = start;
  try {
    await el.play();
  } catch (error) {
    if (playing !== mine) return; // something else was played meanwhile
    finish();
    throw new api.ApiError(0, "This memo's audio couldn't be played here.");
  }
  if (playing !== mine) return;
  mine.started = true;
  follow();
}

export function stop() {
  if (audio && !audio.paused) audio.pause();
  finish();
}

// Each frame: tell the listener where we are, and stop at the end of the stretch.
function follow() {
  if (!playing || audio.paused) return;
  if (audio.currentTime >= playing.end) {
    audio.pause();
    finish();
    return;
  }
  playing.onTime(audio.currentTime);
  frame = requestAnimationFrame(follow);
}

function finish() {
  cancelAnimationFrame(frame);
  const done = playing;
  playing = null;
  if (done) done.onStop();
}
