// Partner: invite by name, accept or decline an invitation, end it.
import * as api from './api.js';
import * as sharing from './sharing.js';
import { attempt, button, listItem } from './week-ui.js';

const $ = (id) => document.getElementById(id);

export function mount() {
  $('partner-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = $('partner-name').value.trim();
    if (!name) return;
    const state = await attempt(() => api.invitePartner(name), (s) => (s.partner ? `You and ${s.partner} are partners now.` : `Invitation kept for ${name}.`));
    if (state) { $('partner-name').value = ''; show(state); }
  });
  $('partner-end').addEventListener('click', async () => {
    const state = await attempt(() => api.endPartnership(), 'Ended. What either of you shared is private again.');
    if (state) show(state);
  });
}

export async function refresh() {
  const state = await attempt(() => api.partner());
  if (state) show(state);
}

function show(state) {
  sharing.forgetPartner(); // the switches' name follows the partnership
  const lines = [];
  if (state.partner) lines.push(`Your partner here: ${state.partner}. What you send or share reaches them, and only them.`);
  if (state.invited) lines.push(`You invited ${state.invited}; it waits for them to accept.`);
  if (!lines.length) lines.push('No partner here yet. Invite them by their name here.');
  $('partner-state').textContent = lines.join(' ');
  $('partner-form').hidden = Boolean(state.partner);
  $('partner-end').hidden = !state.partner && !state.invited;
  $('partner-end').textContent = state.partner ? 'End the partnership' : 'Withdraw my invitation';
  $('partner-invitations').replaceChildren(...state.invitations.map(invitation));
}

function invitation(name) {
  const yes = button(`Accept ${name}`, 'button');
  const no = button(`Decline ${name}`);
  yes.addEventListener('click', async () => {
    const state = await attempt(() => api.acceptPartner(name), `You and ${name} are partners now.`);
    if (state) show(state);
  });
  no.addEventListener('click', async () => {
    const state = await attempt(() => api.declinePartner(name), 'Declined.');
    if (state) show(state);
  });
  return listItem(`${name} invited you.`, yes, no);
}
