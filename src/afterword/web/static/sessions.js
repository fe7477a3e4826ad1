// Therapy sessions on the Prep screen: "Next session: Thursday 16:00", add one, move one (the
// appointment moved), remove one. A weekly re-reading plan ends at the next session on record;
// while there is none, the screen says so and offers to set it.
import * as api from './api.js';
import { button, listItem } from './week-ui.js';

const $ = (id) => document.getElementById(id);
const pad = (n) => String(n).padStart(2, '0');

// "Thursday 3 Dec 16:00": the weekday first, as people say when the next appointment is.
function long(iso) {
  const moment = new Date(iso);
  const weekday = moment.toLocaleDateString(undefined, { weekday: 'long' });
  const date = moment.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  return `${weekday} ${date} ${pad(moment.getHours())}:${pad(moment.getMinutes())}`;
}

let moving = null; // the session being moved, while the form moves it

export function mount() {
  $('session-form').addEventListener('submit', save);
  $('session-cancel').addEventListener('click', () => { setMoving(null); say(''); });
  $('open-plans-set').addEventListener('click', () => $('session-when').focus());
}

export async function refresh() {
  try {
    const [sessions, plans] = await Promise.all([api.listSessions(), api.listTriggers()]);
    show(sessions, plans);
  } catch (error) {
    if (error.status !== 401) say(error.message, true);
  }
}

function show(sessions, plans) {
  const now = Date.now();
  const next = sessions.find((s) => new Date(s.starts_at).getTime() > now);
  $('next-session').textContent = next ? `Next session: ${long(next.starts_at)}` : 'No next session on record.';
  const endless = plans.filter((p) => p.kind === 'time' && !p.until);
  $('open-plans').hidden = !endless.length;
  $('open-plans-text').textContent = endless.length
    ? `${endless.map((p) => `“${p.headline}” every ${p.cue}`).join('; ')}: no end yet. A weekly plan repeats until the next session; set it and the plan ends there.`
    : '';
  $('sessions-list').replaceChildren(...[...sessions].reverse().slice(0, 6).map(item));
}

function item(session) {
  const move = button('Move');
  const remove = button('Remove');
  move.setAttribute('aria-label', `Move the session of ${long(session.starts_at)}`);
  remove.setAttribute('aria-label', `Remove the session of ${long(session.starts_at)}`);
  move.addEventListener('click', () => {
    setMoving(session);
    $('session-when').value = localInput(session.starts_at);
    $('session-when').focus();
  });
  remove.addEventListener('click', async () => {
    if (!confirm(`Remove the session of ${long(session.starts_at)}?`)) return;
    try {
      await api.removeSession(session.id);
      say(`Removed the session of ${long(session.starts_at)}.`);
      refresh();
    } catch (error) {
      say(error.message, true);
    }
  });
  const text = session.note ? `${long(session.starts_at)}: ${session.note}` : long(session.starts_at);
  return listItem(text, move, remove);
}

function setMoving(session) {
  moving = session;
  $('session-submit').textContent = session ? 'Move it here' : 'Add';
  $('session-label').textContent = session ? `Move the session of ${long(session.starts_at)} to` : 'Next session';
  $('session-cancel').hidden = !session;
}

async function save(event) {
  event.preventDefault();
  const typed = $('session-when').value;
  if (!typed) return;
  const startsAt = new Date(typed).toISOString(); // datetime-local is the phone's local time
  try {
    if (moving) await api.moveSession(moving.id, startsAt);
    else await api.addSession(startsAt);
    say(`${moving ? 'Moved to' : 'Session on'} ${long(startsAt)}. Weekly plans end there.`);
    setMoving(null);
    $('session-when').value = '';
    refresh();
  } catch (error) {
    say(error.message, true);
  }
}

// An ISO moment as a datetime-local value, in the phone's time.
function localInput(iso) {
  const moment = new Date(iso);
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}T${pad(moment.getHours())}:${pad(moment.getMinutes())}`;
}

// Said right under the form, where the person just tapped.
function say(message, isError = false) {
  $('sessions-status').textContent = message;
  $('sessions-status').classList.toggle('error', isError);
}
