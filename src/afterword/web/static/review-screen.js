// The review screen: the shortest path to a paragraph at the moment of use. A few words
// (typos are fine) or none, big cards, one tap opens the paragraph and logs the re-reading,
// one more tap says how it went. The repair phrase shows first; a card offers to let you
// recall it before it opens, and asks (if you like) how charged it feels now.
import * as api from './api.js';

const $ = (id) => document.getElementById(id);
const THANKS = { helped: 'Noted: it helped.', not_helped: "Noted: it didn't help this time.", skipped: 'Noted: skipped.' };

export function mount() {
  $('review-search').addEventListener('submit', (event) => {
    event.preventDefault();
    refresh();
  });
  $('review-cards').addEventListener('click', onClick);
  $('review-cards').addEventListener('change', onCharge);
  $('calendar-file').addEventListener('click', downloadCalendar);
}

let latest = 0; // only the newest search's answer is shown
let wanted = null; // a calendar link's summary, opened once its card is shown

export const openOn = (summaryId) => { wanted = summaryId.replaceAll('-', '').toLowerCase(); };

export async function refresh() {
  const words = $('review-words').value.trim();
  const asked = ++latest;
  say('');
  try {
    const found = await api.findCards(words);
    if (asked !== latest) return;
    $('review-repair').hidden = !found.repair;
    $('review-repair').textContent = found.repair ? `Your repair phrase: “${found.repair}”` : '';
    $('review-focus').hidden = !found.focus;
    $('review-focus').textContent = found.focus ? `This week's focus: ${found.focus}` : '';
    render(found.cards, words);
    const linked = wanted && [...$('review-cards').children]
      .find((li) => li.card.summary_id.replaceAll('-', '') === wanted);
    wanted = null;
    if (linked) {
      toggle(linked);
      linked.scrollIntoView({ block: 'start' });
    } else if (found.due && found.cards.length) toggle($('review-cards').firstElementChild); // the plan due now
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
  const recalled = event.target.closest('[data-recall]');
  if (answer) tell(li, answer);
  else if (recalled) recall(li, recalled);
  else if (event.target.closest('.recall-first')) recallFirst(li);
  else if (event.target.closest('.card-open')) toggle(li);
}

// The paragraph stays closed while the person tries to remember it; opening it then asks how
// that went.
function recallFirst(li) {
  li.recalling = true;
  li.querySelector('.recall-first').hidden = true;
  li.querySelector('.recall-wait').hidden = false;
  say('Take a moment. Open the card when you are ready.');
}

async function recall(li, button) {
  try {
    await api.logRecall(li.card.insight_id, button.dataset.recall, null);
  } catch (error) {
    say(error.message, true);
    return;
  }
  li.querySelectorAll('[data-recall]').forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
  say('Noted. Every try counts, whatever came back.');
}

async function onCharge(event) {
  const select = event.target.closest('.card-charge');
  const li = event.target.closest('li.card');
  if (!select || !li || !li.reviewId || select.value === '') return;
  try {
    await api.chargeReview(li.reviewId, Number(select.value));
    say(`Noted: ${select.value} out of 10.`);
  } catch (error) {
    say(error.message, true);
  }
}

async function toggle(li) {
  const body = li.querySelector('.card-body');
  const opening = body.hidden;
  body.hidden = !opening;
  li.querySelector('.card-open').setAttribute('aria-expanded', String(opening));
  li.querySelector('.card-recall').hidden = opening;
  li.querySelector('.recall-answers').hidden = !li.recalling;
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
