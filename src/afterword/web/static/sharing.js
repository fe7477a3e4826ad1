// Sharing with the partner, said plainly: a switch named with the partner's name ("Share with
// Bob") that shows its state in words beside it, and the confirmation in that same place.
import * as api from './api.js';

let partner; // the current partner's name, or null; asked once per page

export async function partnerName() {
  if (partner === undefined) {
    try {
      partner = (await api.partner()).partner || null;
    } catch {
      return null; // no signal: asked again next time
    }
  }
  return partner;
}

// Forgets the name: the partnership may have changed on the Week screen.
export function forgetPartner() {
  partner = undefined;
}

export const label = (name) => (name ? `Share with ${name}` : 'Share with my partner');

export function stateText(shared, name) {
  if (shared) return name ? `On: ${name} can read it on their Prep and Review.` : 'On: your partner can read it once you are partners here.';
  return 'Off: only you can read it.';
}

// A switch row: <label><span>name</span><input type=checkbox role=switch></label><p state>;
// `detail` adds to the switch's accessible name (which item), after the visible name.
export function switchRow(id, name, shared, detail = '') {
  const row = document.createElement('div');
  row.className = 'share-switch';
  const labelled = Object.assign(document.createElement('label'), { className: 'switch-row', htmlFor: id });
  const text = Object.assign(document.createElement('span'), { textContent: name });
  const input = Object.assign(document.createElement('input'), { id, type: 'checkbox', checked: shared });
  input.setAttribute('role', 'switch');
  if (detail) input.setAttribute('aria-label', `${name}: ${detail}`);
  labelled.append(text, input);
  const state = Object.assign(document.createElement('p'), { className: 'switch-state' });
  state.setAttribute('aria-live', 'polite');
  row.append(labelled, state);
  return { row, input, state };
}
