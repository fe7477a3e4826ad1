// The prep screen: this week's focus, the pre-session note from real data, and the
// pre-session questions to answer before the appointment.
import * as api from './api.js';
import * as copy from './copy.js';
import * as partnerShared from './partner-shared.js';
import * as sessions from './sessions.js';

const $ = (id) => document.getElementById(id);

let questions = [];
let focusTyped = false; // the note loading must not wipe out a focus being typed

export function mount() {
  sessions.mount();
  $('focus-text').addEventListener('input', () => { focusTyped = true; });
  $('focus-form').addEventListener('submit', saveFocus);
  $('prep-form').addEventListener('submit', saveAnswers);
}

export async function refresh() {
  say('');
  sessions.refresh();
  try {
    render(await api.getPrep());
    partnerShared.show($('prep-partner'), await copy.refresh().catch(() => copy.load()));
  } catch (error) {
    if (error.status === 401) return;
    say(error.message, true);
    // With no signal, what the partner shared still reads from the phone's copy.
    if (error.status === 0) partnerShared.show($('prep-partner'), await copy.load());
  }
}

// The note's sections come written by the server, the same words as `afterword prep`; the
// focus and the questions are forms of their own here.
const OWN_FORMS = new Set(["This week's focus", 'For the session']);

function render(note) {
  if (!focusTyped) $('focus-text').value = note.focus || '';
  $('prep-note').replaceChildren(...note.sections.filter((s) => !OWN_FORMS.has(s.title))
    .flatMap((s) => section(s.title, s.items, s.lead)));
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

function say(message, isError = false) {
  $('prep-status').textContent = message;
  $('prep-status').classList.toggle('error', isError);
}
