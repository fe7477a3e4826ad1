// The prep screen: this week's focus, the pre-session note from real data, and the
// pre-session questions to answer before the appointment.
import * as api from './api.js';

const $ = (id) => document.getElementById(id);
const ANSWER_WORDS = { helped: 'helped', not_helped: 'did not help', skipped: 'skipped', none: 'no answer' };
const DATE_FORMAT = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

let questions = [];
let focusTyped = false; // the note loading must not wipe out a focus being typed

export function mount() {
  $('focus-text').addEventListener('input', () => { focusTyped = true; });
  $('focus-form').addEventListener('submit', saveFocus);
  $('prep-form').addEventListener('submit', saveAnswers);
}

export async function refresh() {
  say('');
  try {
    render(await api.getPrep());
  } catch (error) {
    if (error.status !== 401) say(error.message, true);
  }
}

function render(note) {
  if (!focusTyped) $('focus-text').value = note.focus || '';
  const sections = [
    ['What I captured', note.captures.map((c) => `“${c.headline}”: ${when(c.captured_at)}, ${after(c.minutes_after_session)}`),
      'Nothing captured this week.'],
    ['In my own words', note.summaries.map((s) => `“${s.headline}” ${s.paragraph} (${readings(s.reviews, s.answers)})`),
      'No summaries this week.'],
    ['My plans and how they went', note.triggers.map((t) => `${t.plan} → “${t.headline}”: ${readings(t.reviews, t.answers)}`),
      'No plans this week.'],
    ['Harder moments', note.hard_moments.map((m) => m.map((q) => `${q.ask} ${q.answer}`).join(' ')), null],
    ['Still waiting for my own words', note.waiting.map((c) => `“${c.headline}”`), null,
      'No rush: these can come to the session as they are.'],
  ];
  $('prep-note').replaceChildren(...sections.filter(([, items, empty]) => items.length || empty)
    .flatMap(([title, items, empty, lead]) => section(title, items.length ? items : [empty], lead)));
  questions = note.questions;
  $('prep-questions').replaceChildren(...questions.flatMap(questionField));
}

function section(title, items, lead) {
  const heading = Object.assign(document.createElement('h3'), { textContent: title });
  const list = document.createElement('ul');
  list.replaceChildren(...items.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
  return lead ? [heading, Object.assign(document.createElement('p'), { textContent: lead }), list] : [heading, list];
}

function questionField(question, index) {
  const label = Object.assign(document.createElement('label'), { htmlFor: `prep-answer-${index}`, textContent: question.ask });
  const answer = Object.assign(document.createElement('textarea'), { id: `prep-answer-${index}`, rows: 2 });
  answer.value = question.answer || '';
  return [label, answer];
}

async function saveFocus(event) {
  event.preventDefault();
  const text = $('focus-text').value.trim();
  if (!text) return;
  try {
    await api.setFocus(text);
    focusTyped = false;
    say("This week's focus is set. Review and your note show it.");
  } catch (error) {
    say(error.message, true);
  }
}

async function saveAnswers(event) {
  event.preventDefault();
  try {
    render(await api.answerPrep(questions.map((_, index) => $(`prep-answer-${index}`).value)));
    say('Saved. They close your pre-session note.');
  } catch (error) {
    say(error.message, true);
  }
}

function readings(count, answers) {
  if (!count) return 'not re-read yet';
  const told = Object.entries(answers).filter(([, n]) => n).map(([k, n]) => `${ANSWER_WORDS[k] || k} ${n}`).join(', ');
  return `re-read ${count} time${count === 1 ? '' : 's'}: ${told}`;
}

function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : DATE_FORMAT.format(date);
}

function after(minutes) {
  if (minutes === null || minutes === undefined) return 'no session before it';
  if (minutes < 0) return 'before the session';
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'} after the session`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} hours after the session`;
  return `${Math.floor(minutes / 1440)} days after the session`;
}

function say(message, isError = false) {
  $('prep-status').textContent = message;
  $('prep-status').classList.toggle('error', isError);
}
