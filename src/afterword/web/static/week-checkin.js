// Check-ins: plan them (they join the calendar feed), hold one with a ten-minute timer and one
// question each, log it afterwards.
import * as api from './api.js';
import { attempt, listItem, say, when } from './week-ui.js';

const $ = (id) => document.getElementById(id);
const OWN = 'own';
let minutes = 10;
let timer = 0;
let endsAt = 0;

export function mount() {
  $('checkin-plan-form').addEventListener('submit', plan);
  $('checkin-start').addEventListener('click', start);
  $('checkin-stop').addEventListener('click', stop);
  $('checkin-log-form').addEventListener('submit', log);
  $('checkin-question').addEventListener('change', () => { $('checkin-own').hidden = $('checkin-question').value !== OWN; });
}

export async function refresh() {
  const found = await attempt(() => api.listCheckins());
  if (!found) return;
  minutes = found.minutes;
  if (!timer) $('checkin-timer').textContent = clock(minutes * 60);
  const select = $('checkin-question');
  if (!select.options.length) {
    select.replaceChildren(new Option('No question this time', ''), ...found.questions.map((q) => new Option(q, q)), new Option('My own question', OWN));
    $('checkin-own').hidden = true;
  }
  $('checkins-list').replaceChildren(...found.items.map((c) => listItem(
    c.held_at ? `Held ${when(c.held_at)}${c.note ? `: ${c.note}` : ''}` : `Planned ${when(c.planned_at)}`,
  )));
}

async function plan(event) {
  event.preventDefault();
  const typed = $('checkin-when').value;
  if (!typed) return;
  const planned = new Date(typed); // datetime-local is the phone's local time
  if (await attempt(() => api.planCheckin(planned.toISOString()), `Planned for ${when(planned)}; it is in your calendar feed.`)) {
    $('checkin-when').value = '';
    refresh();
  }
}

function question() {
  const chosen = $('checkin-question').value;
  return chosen === OWN ? $('checkin-own').value.trim() : chosen;
}

function start() {
  const asked = question();
  $('checkin-asking').hidden = !asked;
  $('checkin-asking').textContent = asked ? `Your question: ${asked}` : '';
  endsAt = Date.now() + minutes * 60 * 1000;
  $('checkin-start').hidden = true;
  $('checkin-stop').hidden = false;
  $('checkin-log-form').hidden = true;
  tick();
  timer = setInterval(tick, 250);
  say('Ten minutes, one question each.');
}

function tick() {
  const left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
  $('checkin-timer').textContent = clock(left);
  if (!left) stop();
}

function stop() {
  clearInterval(timer);
  timer = 0;
  $('checkin-start').hidden = false;
  $('checkin-stop').hidden = true;
  $('checkin-log-form').hidden = false;
  say('Time. Log it when you are ready.');
}

async function log(event) {
  event.preventDefault();
  const body = { question: question() || null, note: $('checkin-note').value.trim() || null };
  if (await attempt(() => api.logCheckin(body), 'Logged. Thank you for making the time.')) {
    $('checkin-note').value = '';
    $('checkin-log-form').hidden = true;
    $('checkin-timer').textContent = clock(minutes * 60);
    refresh();
  }
}

function clock(seconds) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)}`;
}
