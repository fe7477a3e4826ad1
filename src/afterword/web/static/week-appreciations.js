// Appreciations: one specific action, named. Kept private, or sent to the partner.
import * as api from './api.js';
import { attempt, button, listItem } from './week-ui.js';

const $ = (id) => document.getElementById(id);

export function mount() {
  $('appreciation-form').addEventListener('submit', (event) => {
    event.preventDefault();
    save(false);
  });
  $('appreciation-send').addEventListener('click', () => save(true));
}

async function save(sendIt) {
  const text = $('appreciation-text').value.trim();
  if (!text) return;
  const kept = await attempt(() => api.appreciate(text, sendIt), (a) => (a.sent_to ? `Sent to ${a.sent_to}.` : 'Kept to yourself.'));
  if (!kept) return;
  $('appreciation-text').value = '';
  $('appreciation-hint').hidden = !kept.hint;
  $('appreciation-hint').textContent = kept.hint || '';
  refresh();
}

export async function refresh() {
  const [mine, got] = await Promise.all([attempt(() => api.listAppreciations()), attempt(() => api.receivedAppreciations())]);
  if (!mine || !got) return;
  $('appreciation-prompt').textContent = mine.prompt;
  $('appreciations-list').replaceChildren(
    ...got.map((a) => listItem(`${a.sender} appreciated: “${a.text}”`)),
    ...mine.items.map(own),
  );
}

function own(appreciation) {
  if (appreciation.sent_to) return listItem(`“${appreciation.text}” (sent to ${appreciation.sent_to})`);
  const send = button('Send it');
  send.setAttribute('aria-label', `Send “${appreciation.text}”`);
  send.addEventListener('click', async () => {
    if (await attempt(() => api.sendAppreciation(appreciation.id), (a) => `Sent to ${a.sent_to}.`)) refresh();
  });
  return listItem(`“${appreciation.text}” (kept to yourself)`, send);
}
