// One ordinary good thing: name it, mark the times it happened. Nothing counts the misses.
import * as api from './api.js';
import { attempt, when } from './week-ui.js';

const $ = (id) => document.getElementById(id);

export function mount() {
  $('ritual-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('ritual-text').value.trim();
    if (!text) return;
    const view = await attempt(() => api.setRitual(text), 'This week you protect it.');
    if (view) show(view);
  });
  $('ritual-mark').addEventListener('click', async () => {
    const view = await attempt(() => api.markRitual(), 'Noted. Good.');
    if (view) show(view);
  });
}

export async function refresh() {
  const view = await attempt(() => api.ritual());
  show(view || null);
}

function show(view) {
  if (!view) {
    $('ritual-times').textContent = 'A walk, a morning hug, a funny text, a meal without problem-solving.';
    $('ritual-mark').hidden = true;
    return;
  }
  if (document.activeElement !== $('ritual-text')) $('ritual-text').value = view.text;
  $('ritual-times').textContent = view.happened.length
    ? `${view.text}: ${view.happened.map(when).join(', ')}` : `${view.text}: protected this week.`;
  $('ritual-mark').hidden = false;
}
