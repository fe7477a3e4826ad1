// The review screen: the shortest path to a paragraph at the moment of use. A few words
// (typos are fine) or none, big cards, one tap opens the paragraph and logs the re-reading,
// one more tap says how it went. The repair phrase shows first; a card offers to let you
// recall it before it opens, and asks (if you like) how charged it feels now.
// With no signal it answers from the copy kept on this phone, and the re-readings wait in the
// outbox until the server is back.
import * as api from './api.js';
import * as copy from './copy.js';
import { dueNow, matchCards } from './match.js';
import * as partnerShared from './partner-shared.js';
import * as queue from './queue.js';
import * as reviews from './reviews.js';

const $ = (id) => document.getElementById(id);
const THANKS = { helped: 'Noted: it helped.', not_helped: "Noted: it didn't help this time.", skipped: 'Noted: skipped.' };
const QUEUED = ' Saved on this phone; it reaches your server when there is signal.';

export function mount() {
  $('review-search').addEventListener('submit', (event) => {
    event.preventDefault();
    refresh();
  });
  $('review-cards').addEventListener('click', onClick);
  $('review-cards').addEventListener('change', onCharge);
  $('calendar-file').addEventListener('click', downloadCalendar);
  queue.events.addEventListener('unlogged', (event) => say(`A re-reading could not be logged: ${event.detail.error}`, true));
}

let latest = 0; // only the newest search's answer is shown
let wanted = null; // a calendar link's summary, opened once its card is shown
let offline = false;

export const openOn = (summaryId) => { wanted = summaryId.replaceAll('-', '').toLowerCase(); };

export async function refresh() {
  const words = $('review-words').value.trim();
  const asked = ++latest;
  say('');
  let found;
  let kept = null;
  try {
    found = await api.findCards(words);
    offline = false;
    kept = await copy.refresh().catch(() => copy.load());
  } catch (error) {
    if (error.status !== 0) {
      if (error.status !== 401) say(error.message, true);
      return;
    }
    offline = true;
    kept = await copy.load();
    if (!kept) {
      if (asked !== latest) return;
      $('review-cards').replaceChildren();
      say(`${error.message} Nothing is saved on this phone yet to review.`, true);
      return;
    }
    found = fromCopy(kept, words);
  }
  if (asked !== latest) return;
  showFreshness(kept);
  $('review-repair').hidden = !found.repair;
  $('review-repair').textContent = found.repair ? `Your repair phrase: “${found.repair}”` : '';
  $('review-focus').hidden = !found.focus;
  $('review-focus').textContent = found.focus ? `This week's focus: ${found.focus}` : '';
  render(found.cards, words);
  partnerShared.show($('review-partner'), kept, words);
  const linked = wanted && [...$('review-cards').children]
    .find((li) => li.card.summary_id.replaceAll('-', '') === wanted);
  wanted = null;
  if (linked) {
    toggle(linked);
    linked.scrollIntoView({ block: 'start' });
  } else if (found.due && found.cards.length) toggle($('review-cards').firstElementChild); // the plan due now
}

// What the server would have answered, from the phone's copy.
function fromCopy(kept, words) {
  const asCard = ({ card, cue }) => ({
    summary_id: card.summary_id,
    insight_id: card.insight_id,
    headline: card.headline,
    paragraph: card.paragraph,
    cues: card.cues.map((c) => ({ id: c.trigger_id, kind: c.kind, text: c.text })),
    trigger_id: cue ? cue.trigger_id : null,
  });
  const due = words ? null : dueNow(kept.cards);
  const matches = words ? matchCards(kept.cards, words) : due ? [due] : kept.cards.map((card) => ({ card, cue: null }));
  return { focus: kept.focus, repair: kept.repair, due: Boolean(due), cards: matches.map(asCard) };
}

function showFreshness(kept) {
  const note = $('review-copy-note');
  note.hidden = !kept;
  if (!kept) return;
  const when = copy.updatedWhen(kept.saved_at);
  const wiped = 'A phone may delete this copy when Afterword goes unopened for days (Safari does after 7).';
  note.textContent = offline
    ? `No connection. Reviewing what is saved on this phone, ${when}. ${wiped}`
    : `Saved on this phone, ${when}.`;
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
  if (!select || !li || !li.review || select.value === '') return;
  await reviews.send(li.review, { charge: Number(select.value) });
  say(`Noted: ${select.value} out of 10.${offline ? QUEUED : ''}`);
}

function toggle(li) {
  const body = li.querySelector('.card-body');
  const opening = body.hidden;
  body.hidden = !opening;
  li.querySelector('.card-open').setAttribute('aria-expanded', String(opening));
  li.querySelector('.card-recall').hidden = opening;
  li.querySelector('.recall-answers').hidden = !li.recalling;
  if (!opening || li.review) return;
  li.review = reviews.begin(li.card);
}

async function tell(li, button) {
  if (!li.review) return;
  await reviews.send(li.review, { answer: button.dataset.answer });
  li.querySelectorAll('[data-answer]').forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
  say(THANKS[button.dataset.answer] + (offline ? QUEUED : ''));
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
