// The repair phrase: your own, or proposed to your partner, who agrees or offers another.
import * as api from './api.js';
import { attempt } from './week-ui.js';

const $ = (id) => document.getElementById(id);

export function mount() {
  $('repair-form').addEventListener('submit', (event) => {
    event.preventDefault();
    save(api.setOwnRepair, 'Kept as your own phrase.');
  });
  $('repair-propose').addEventListener('click', () => save(api.proposeRepair, 'Proposed to your partner.'));
  $('repair-accept').addEventListener('click', async () => {
    const state = await attempt(() => api.acceptRepair(), 'Agreed: this is the phrase you both use.');
    if (state) show(state);
  });
  $('repair-used').addEventListener('click', async () => {
    if (await attempt(() => api.usedRepair(), 'Noted, for your pre-session note.')) refresh();
  });
}

async function save(action, done) {
  const text = $('repair-text').value.trim();
  if (!text) return;
  const state = await attempt(() => action(text), done);
  if (state) {
    $('repair-text').value = '';
    show(state);
  }
}

export async function refresh() {
  const state = await attempt(() => api.repair());
  if (state) show(state);
}

function show(state) {
  const agreed = state.agreed_with ? ` (agreed with ${state.agreed_with})` : '';
  $('repair-phrase').textContent = state.phrase ? `Your repair phrase: “${state.phrase}”${agreed}` : 'No repair phrase yet.';
  const waiting = state.proposal;
  $('repair-proposal').hidden = !waiting;
  $('repair-proposal').textContent = !waiting ? ''
    : waiting.by_me ? `You proposed “${waiting.text}”; it waits for your partner.`
      : `Your partner proposes “${waiting.text}”. Agree, or propose another below.`;
  $('repair-accept').hidden = !waiting || waiting.by_me;
  $('repair-used').hidden = !state.phrase;
}
