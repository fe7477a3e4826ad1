// The settings screen: your vocabulary, the names and words the model should know (yours
// alone; the server shows it to no one else), and what your calendar reminders show.
import * as api from './api.js';

const $ = (id) => document.getElementById(id);

export function mount() {
  $('words-form').addEventListener('submit', add);
  $('words-list').addEventListener('click', remove);
  $('reminders-show').addEventListener('change', chooseReminders);
}

export async function refresh() {
  showStorage();
  try {
    $('reminders-show').value = (await api.getReminders()).show;
    show((await api.listWords()).items);
  } catch (error) {
    if (error.status !== 401) say(error.message);
  }
}

export const STORAGE_SAY = {
  persisted: 'This phone keeps what Afterword saves here until you sign out: the browser agreed not to clear it.',
  asked:
    'The browser has not agreed to keep what Afterword saves here: it may clear it when the phone runs low ' +
    'on space or Afterword goes unused. Memos upload as soon as they can, so little waits here for long.',
  unknown: "This browser does not say whether it keeps what Afterword saves here.",
};

// Whether the browser will keep the outbox and the copy (asked again here: a person who has
// just added the app to the home screen may get a yes now), and where Safari's 7-day rule bites.
async function showStorage() {
  const storage = navigator.storage;
  let state = 'unknown';
  if (storage && storage.persist) state = (await storage.persist().catch(() => false)) ? 'persisted' : 'asked';
  $('storage-state').textContent = STORAGE_SAY[state];
  $('storage-state').dataset.state = state;
  const standalone = matchMedia('(display-mode: standalone)').matches || navigator.standalone === true;
  $('home-screen').hidden = standalone || navigator.vendor !== 'Apple Computer, Inc.';
}

function show(words) {
  $('words-list').replaceChildren(...words.map((word) => {
    const li = document.createElement('li');
    li.className = 'word-item';
    const text = document.createElement('span');
    text.textContent = word.word;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button quiet';
    button.dataset.wordId = word.id;
    button.textContent = 'Remove';
    button.setAttribute('aria-label', `Remove ${word.word}`);
    li.append(text, button);
    return li;
  }));
  if (!words.length) say('No words yet. Add the names and words the model gets wrong.');
}

async function add(event) {
  event.preventDefault();
  const input = $('words-new');
  const word = input.value.trim();
  if (!word) return;
  try {
    show((await api.addWords([word])).items);
    input.value = '';
    say(`Added “${word}”. Memos you record from now on are transcribed with it.`);
  } catch (error) {
    say(error.message);
  }
}

async function remove(event) {
  const button = event.target.closest('[data-word-id]');
  if (!button) return;
  const word = button.parentElement.firstElementChild.textContent;
  try {
    await api.removeWord(button.dataset.wordId);
    button.parentElement.remove();
    say(`Removed “${word}”.`);
  } catch (error) {
    say(error.message);
  }
}

async function chooseReminders() {
  try {
    const { show } = await api.setReminders($('reminders-show').value);
    say(show === 'discreet' ? 'Reminders now say only “Afterword: your plan”.'
      : `Reminders now show ${show === 'headline' ? 'the headline' : "the plan's own words"}; anyone near the phone can read them.`);
  } catch (error) {
    say(error.message);
  }
}

function say(message) {
  $('settings-status').textContent = message;
}
