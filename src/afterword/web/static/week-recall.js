// The recall check (days 1, 3 and 6 after the session): try to recall each insight, then show
// it and say how it went. Every answer is fine; trying first is what helps.
import * as api from './api.js';
import { attempt, button, when } from './week-ui.js';

const $ = (id) => document.getElementById(id);
const ANSWERS = { recalled: 'Recalled', partly: 'Partly', not_yet: 'Not yet' };

export function mount() {}

export async function refresh() {
  const round = await attempt(() => api.recallRound());
  if (!round) return;
  const check = round.check ? `Day ${round.check.day} after your session: before you look, what do you remember?`
    : 'Before the first check, you can practise anyway.';
  const next = round.next_check ? ` Next check: ${when(round.next_check.at)}.` : '';
  $('recall-line').textContent = round.items.length ? check + next : `Nothing captured since the session yet.${next}`;
  $('recall-items').replaceChildren(...round.items.map((item) => entry(item, round.check ? round.check.day : null)));
}

function entry(item, day) {
  const li = document.createElement('li');
  li.className = 'recall-item';
  li.append(Object.assign(document.createElement('p'), { textContent: `Captured ${when(item.captured_at)}. Try to recall it first.` }));
  const reveal = button('Show it');
  reveal.setAttribute('aria-label', `Show what I captured ${when(item.captured_at)}`);
  const shown = Object.assign(document.createElement('div'), { hidden: true, className: 'field' });
  shown.append(Object.assign(document.createElement('p'), { className: 'question', textContent: `“${item.headline}”` }));
  if (item.paragraph) shown.append(Object.assign(document.createElement('p'), { textContent: item.paragraph }));
  const answers = Object.assign(document.createElement('div'), { className: 'answers' });
  for (const [answer, label] of Object.entries(ANSWERS)) {
    const choice = button(label);
    choice.setAttribute('aria-pressed', String(item.answer === answer));
    choice.addEventListener('click', async () => {
      if (!(await attempt(() => api.logRecall(item.insight_id, answer, day), 'Noted. Whatever came back, trying first helps.'))) return;
      answers.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(b === choice)));
    });
    answers.append(choice);
  }
  shown.append(answers);
  reveal.addEventListener('click', () => { shown.hidden = false; reveal.hidden = true; });
  li.append(reveal, shown);
  return li;
}
