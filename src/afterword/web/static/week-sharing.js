// What I share: every summary shared with the partner and every appreciation sent, each with a
// way to take it back. The confirmation shows on the item itself, where the person tapped.
import * as api from './api.js';
import * as sharing from './sharing.js';
import { button } from './week-ui.js';

const $ = (id) => document.getElementById(id);

export function mount() {}

export async function refresh() {
  try {
    const [summaries, appreciations, name] = await Promise.all([
      api.listSummaries(), api.listAppreciations(), sharing.partnerName(),
    ]);
    show(summaries.filter((s) => s.shared), appreciations.items.filter((a) => a.sent_to), name);
  } catch (error) {
    if (error.status !== 401) $('sharing-empty').textContent = error.message;
  }
}

function show(summaries, appreciations, name) {
  $('sharing-empty').textContent = summaries.length || appreciations.length
    ? `${name ? `${name} can read` : 'Your partner can read'} these, and nothing else of yours.`
    : 'You share nothing. Summaries you share and appreciations you send show here.';
  $('sharing-list').replaceChildren(...summaries.map((s) => summaryItem(s, name)), ...appreciations.map(appreciationItem));
}

function summaryItem(summary, name) {
  const li = document.createElement('li');
  const headline = Object.assign(document.createElement('p'), { textContent: `“${summary.headline}”`, className: 'card-headline' });
  const control = sharing.switchRow(`share-${summary.id}`, sharing.label(name), true, `“${summary.headline}”`);
  control.state.textContent = sharing.stateText(true, name);
  control.input.addEventListener('change', async () => {
    const shared = control.input.checked;
    try {
      await api.shareSummary(summary.id, shared);
      control.state.textContent = shared ? sharing.stateText(true, name) : `Taken back. ${sharing.stateText(false, name)}`;
    } catch (error) {
      control.input.checked = !shared;
      control.state.textContent = error.message;
    }
  });
  li.append(headline, control.row);
  return li;
}

function appreciationItem(appreciation) {
  const li = document.createElement('li');
  const text = Object.assign(document.createElement('p'), { textContent: `“${appreciation.text}” (sent to ${appreciation.sent_to})` });
  const takeBack = button('Take it back');
  takeBack.setAttribute('aria-label', `Take back “${appreciation.text}”`);
  const said = Object.assign(document.createElement('p'), { className: 'switch-state' });
  said.setAttribute('aria-live', 'polite');
  takeBack.addEventListener('click', async () => {
    try {
      await api.removeAppreciation(appreciation.id);
      takeBack.remove();
      said.textContent = `Taken back: ${appreciation.sent_to} no longer sees it.`;
    } catch (error) {
      said.textContent = error.message;
    }
  });
  li.append(text, takeBack, said);
  return li;
}
