// The review screen: the shortest path to a paragraph at the moment of use. A few words
// (typos are fine) or none, big cards, one tap opens the paragraph and logs the re-reading,
// one more tap says how it went.
import * as api from './api.js';

const $ = (id) => document.getElementById(id);
const THANKS = { helped: 'Noted: it helped.', not_helped: "Noted: it didn't help this time.", skipped: 'Noted: skipped.' };

export function mount() {
  $('review-search').addEventListener('submit', (event) => {
    event.preventDefault();
    refresh();
  });
  $('review-cards').addEventListener('click', onClick);
  $('calendar-file').addEventListener('click', downloadCalendar);
}

let latest = 0; // only the newest search's answer is shown

export async function refresh() {
  const words = $('review-words').value.trim();
  const asked = ++latest;
  say('');
  try {
    const found = await api.findCards(words);
    if (asked !== latest) return;
    $('review-focus').hidden = !found.focus;
    $('review-focus').textContent = found.focus ? `This week's focus: ${found.focus}` : '';
    render(found.cards, words);
    if (found.due && found.cards.length) toggle($('review-cards').firstElementChild); // the plan due now
  } catch (error) {
    if (error.status !== 401) say(error.message, true);
  }
}

function render(cards, words) {
  const list = $('review-cards');
  list.replaceChildren(...cards.map(cardItem));
  if (cards.length) return;
  say(words ? `Nothing matched “${words}”. Try another word, or none to see them all.`
    : 'No summaries yet. Put an insight in your own words on the Reflect screen first.');
}

function cardItem(card) {
  const li = document.getElementById('card-template').content.firstElementChild.cloneNode(true);
  li.card = card;
  li.querySelector('.card-headline').textContent = card.headline;
  li.querySelector('.card-cues').textContent = card.cues
    .map((cue) => (cue.kind === 'time' ? `every ${cue.text}` : cue.text)).join(' · ');
  li.querySelector('.paragraph').textContent = card.paragraph;
  return li;
}

function onClick(event) {
  const li = event.target.closest('li.card');
  if (!li) return;
  const answer = event.target.closest('[data-answer]');
  if (answer) tell(li, answer);
  else if (event.target.closest('.card-open')) toggle(li);
}

async function toggle(li) {
  const body = li.querySelector('.card-body');
  const opening = body.hidden;
  body.hidden = !opening;
  li.querySelector('.card-open').setAttribute('aria-expanded', String(opening));
  if (!opening || li.reviewId) return;
  try {
    li.reviewId = (await api.logReview(li.card.summary_id, li.card.trigger_id)).id;
  } catch (error) {
    say(error.message, true);
  }
}

async function tell(li, button) {
  if (!li.reviewId) return;
  try {
    await api.answerReview(li.reviewId, button.dataset.answer);
  } catch (error) {
    say(error.message, true);
    return;
  }
  li.querySelectorAll('[data-answer]').forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
  say(THANKS[button.dataset.answer]);
}

async function downloadCalendar() {
  try {
    const file = await api.calendarFile();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(file);
    link.download = 'afterword-plans.ics';
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    say('Open the downloaded file to add your timed plans to your calendar.');
  } catch (error) {
    say(error.message, true);
  }
}

function say(message, isError = false) {
  $('review-status').textContent = message;
  $('review-status').classList.toggle('error', isError);
}
