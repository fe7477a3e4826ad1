// Pattern moments: typed here or recorded on the Memos screen; their questions answered now
// or later, each on its own.
import * as api from './api.js';
import { attempt, button, when } from './week-ui.js';

const $ = (id) => document.getElementById(id);
let questions = {};

export function mount() {
  $('moment-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('moment-text').value.trim();
    if (!text) return;
    if (await attempt(() => api.addMoment(text), 'Moment kept. Its questions can wait, or answer them now.')) {
      $('moment-text').value = '';
      refresh();
    }
  });
}

export async function refresh() {
  const found = await attempt(() => api.listMoments());
  if (!found) return;
  questions = found.questions;
  $('moments-list').replaceChildren(...found.items.map(item));
}

function item(moment) {
  const li = document.createElement('li');
  li.className = 'moment';
  const said = moment.text || (moment.status === 'failed' ? 'A voice note that could not be transcribed.' : 'A voice note, being transcribed.');
  li.append(Object.assign(document.createElement('p'), { textContent: `${when(moment.happened_at)}: ${said}` }));
  const form = document.createElement('form');
  form.className = 'field';
  for (const [field, ask] of Object.entries(questions)) {
    const id = `moment-${moment.id}-${field}`;
    const label = Object.assign(document.createElement('label'), { htmlFor: id, textContent: ask });
    const answer = Object.assign(document.createElement('textarea'), { id, rows: 1, name: field });
    answer.value = moment.answers[field] || '';
    form.append(label, answer);
  }
  const save = button('Save these answers', 'button');
  save.type = 'submit';
  form.append(save);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answers = Object.fromEntries(Object.keys(questions).map((field) => [field, form.elements[field].value]));
    await attempt(() => api.answerMoment(moment.id, answers), 'Saved. The rest can wait.');
  });
  li.append(form);
  return li;
}
