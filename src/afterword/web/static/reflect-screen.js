// The reflect screen: the newest insight without a summary, put in your own words one
// question at a time. The headline shows; what you said stays hidden unless you peek, because
// recalling it is what makes it stay. Then: share it or not, and plan when to re-read it.
import * as api from './api.js';
import * as sharing from './sharing.js';

const $ = (id) => document.getElementById(id);
const PLAN_HINTS = { situation: 'when I start rehearsing an argument', person: 'when Mom calls' };
const HARD_WEEK = 'bad-week';

let templates = [];
let state = null; // { insight, template, week, questions, answers, index }
let summary = null;

export function mount() {
  $('reflect-form').addEventListener('submit', next);
  $('reflect-answer').addEventListener('keydown', enterGoesOn);
  $('reflect-back').addEventListener('click', back);
  $('reflect-peek').addEventListener('click', peek);
  $('reflect-template').addEventListener('change', () => start(state.insight, $('reflect-template').value));
  $('reflect-share').addEventListener('change', share);
  $('plan-set-session').addEventListener('click', () => {
    document.querySelector('#screens-nav [data-screen="prep-screen"]').click();
    document.getElementById('session-when').focus();
  });
  $('plan-kind').addEventListener('change', showPlanFields);
  $('plan-form').addEventListener('submit', addPlan);
  $('reflect-again').addEventListener('click', refresh);
  $('hard-week').addEventListener('click', () => start(null, HARD_WEEK));
}

export async function refresh() {
  say('');
  try {
    if (!templates.length) loadTemplates(await api.listTemplates());
    const insight = await api.nextInsight();
    $('reflect-empty').hidden = Boolean(insight);
    $('reflect-work').hidden = !insight;
    if (insight) await start(insight, $('reflect-template').value);
  } catch (error) {
    if (error.status !== 401) say(error.message, true);
  }
}

function loadTemplates(list) {
  templates = list.items;
  const select = $('reflect-template');
  select.replaceChildren(...templates.filter((t) => t.use === 'insight').map((t) => new Option(t.title, t.name)));
  select.value = 'own-words';
}

async function start(insight, name) {
  say('');
  const prompt = insight ? await api.getPrompt(insight.id, name) : templates.find((t) => t.name === name);
  const questions = prompt.questions;
  state = { insight, template: name, week: !insight, questions, index: 0,
    answers: prompt.previous_answers || questions.map(() => '') };
  summary = null;
  $('reflect-work').hidden = false;
  $('reflect-empty').hidden = true;
  $('reflect-quote').textContent = insight ? `“${insight.headline}”` : prompt.title;
  $('reflect-peek').hidden = !insight;
  $('reflect-transcript').hidden = true;
  $('reflect-transcript').textContent = insight ? insight.text : '';
  $('reflect-peek').setAttribute('aria-expanded', 'false');
  $('reflect-template').parentElement.hidden = !insight;
  $('reflect-intro').textContent = prompt.intro || '';
  $('reflect-form').hidden = false;
  $('reflect-saved').hidden = true;
  showQuestion();
}

function showQuestion() {
  const question = state.questions[state.index];
  $('reflect-count').textContent = `Question ${state.index + 1} of ${state.questions.length}`;
  $('reflect-question').textContent = question.ask;
  $('reflect-hint').textContent = question.hint || '';
  $('reflect-answer').value = state.answers[state.index] || '';
  $('reflect-back').hidden = state.index === 0;
  $('reflect-next').textContent = state.index === state.questions.length - 1 ? 'Save' : 'Next';
  $('reflect-answer').focus();
}

// The templates say "Enter skips a question": Enter goes on to the next one (with nothing
// typed, that skips it; an earlier answer stays). Shift+Enter still starts a new line.
function enterGoesOn(event) {
  if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
  event.preventDefault();
  $('reflect-form').requestSubmit();
}

function back() {
  state.answers[state.index] = $('reflect-answer').value;
  state.index -= 1;
  showQuestion();
}

async function next(event) {
  event.preventDefault();
  state.answers[state.index] = $('reflect-answer').value;
  if (state.index < state.questions.length - 1) {
    state.index += 1;
    showQuestion();
    return;
  }
  try {
    if (state.week) await saveWeek();
    else await saveSummary();
  } catch (error) {
    say(error.message, true);
  }
}

async function saveWeek() {
  await api.reflectOnWeek(state.template, state.answers);
  $('reflect-form').hidden = true;
  say('Kept for your pre-session note. Thank you for writing it down.');
}

async function saveSummary() {
  summary = await api.saveSummary(state.insight.id, state.template, state.answers);
  $('reflect-form').hidden = true;
  $('reflect-saved').hidden = false;
  $('reflect-paragraph').textContent = summary.paragraph;
  showSharing();
  say(summary.changed ? `Saved, version ${summary.version}.` : 'Nothing changed; your summary is as it was.');
}

function peek() {
  const hidden = !$('reflect-transcript').hidden;
  $('reflect-transcript').hidden = hidden;
  $('reflect-peek').setAttribute('aria-expanded', String(!hidden));
}

// Sharing is a switch named with the partner's name; its state, and the confirmation, show
// right beside it.
async function showSharing() {
  const name = await sharing.partnerName();
  $('reflect-share-label').textContent = sharing.label(name);
  $('reflect-share').checked = summary.shared;
  $('reflect-share-state').textContent = sharing.stateText(summary.shared, name);
}

async function share() {
  const wanted = $('reflect-share').checked;
  try {
    summary = await api.shareSummary(summary.id, wanted);
    const name = await sharing.partnerName();
    $('reflect-share-state').textContent = (summary.shared ? 'Shared. ' : 'Taken back. ') + sharing.stateText(summary.shared, name);
  } catch (error) {
    $('reflect-share').checked = !wanted;
    $('reflect-share-state').textContent = error.message;
  }
}

// A weekly plan is a weekday and a time picked on the phone ("thu 08:00" to the server); the
// others are the person's own words.
function showPlanFields() {
  const kind = $('plan-kind').value;
  const weekly = kind === 'when';
  $('plan-when').hidden = !weekly;
  $('plan-words').hidden = weekly;
  $('plan-time').disabled = !weekly;
  $('plan-text').disabled = weekly;
  if (!weekly) $('plan-text').placeholder = PLAN_HINTS[kind];
}

function planCue() {
  if ($('plan-kind').value === 'when') return `${$('plan-day').value} ${$('plan-time').value}`;
  return $('plan-text').value.trim();
}

async function addPlan(event) {
  event.preventDefault();
  try {
    const plan = await api.addTrigger(summary.id, { [$('plan-kind').value]: planCue() });
    $('plan-text').value = '';
    say(`Plan added: ${plan.description}. The Review screen finds it.`);
    // A weekly plan with no next session on record has no end: offer to set one.
    $('plan-set-session').hidden = !(plan.kind === 'time' && !plan.until);
  } catch (error) {
    say(error.message, true);
  }
}

function say(message, isError = false) {
  $('reflect-status').textContent = message;
  $('reflect-status').classList.toggle('error', isError);
}
