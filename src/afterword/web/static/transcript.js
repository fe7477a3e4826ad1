// A memo's transcript on the phone: its sentences, each a tap away from being heard again
// with the words following along, and the corrector, which plays a segment while its text is
// being fixed. Each correction is a new version on the server; what the model heard is kept.
import * as api from './api.js';
import * as player from './player.js';

const clock = (seconds) => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

// Draw the memo's transcript into its list item; onChanged(memo) after a saved correction.
export function render(li, memo, onChanged) {
  li.memo = memo;
  li.onChanged = onChanged;
  const sentences = memo.transcript ? memo.transcript.sentences : [];
  li.classList.toggle('has-sentences', sentences.length > 0);
  li.querySelector('.sentences').replaceChildren(...sentences.map(sentenceItem));
  const corrected = memo.transcript && memo.transcript.segments.some((segment) => segment.version > 0);
  li.querySelector('.corrected-note').hidden = !corrected;
  li.querySelector('.memo-correct').hidden = sentences.length === 0;
  const corrections = li.querySelector('.corrections');
  if (!corrections.hidden) fillCorrections(li);
}

function sentenceItem(sentence) {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'sentence';
  button.dataset.start = sentence.start;
  button.dataset.end = sentence.end;
  button.setAttribute('aria-label', `Hear again: ${sentence.text}`);
  sentence.words.forEach((word, index) => {
    const span = document.createElement('span');
    span.className = 'word';
    span.dataset.start = word.start;
    span.dataset.end = word.end;
    span.textContent = word.word;
    if (index) button.append(' ');
    button.append(span);
  });
  item.append(button);
  return item;
}

// Clicks inside a memo that belong to its transcript; true when handled.
export function onClick(li, target) {
  const sentence = target.closest('.sentence');
  if (sentence) {
    hear(li, sentence);
    return true;
  }
  if (target.closest('.memo-correct')) {
    toggleCorrections(li);
    return true;
  }
  const edit = target.closest('.segment-edit');
  if (edit && target.closest('.segment-play')) {
    playSegment(li, edit);
    return true;
  }
  if (edit && target.closest('.segment-save')) {
    save(li, edit);
    return true;
  }
  return false;
}

// Play one stretch, marking the button as playing and each word as it is said.
export function playStretch(li, button, start, end, words = []) {
  say(li, '');
  button.classList.add('playing');
  button.setAttribute('aria-pressed', 'true');
  const onTime = (now) => {
    words.forEach((word) => word.classList.toggle('said', now >= Number(word.dataset.start) && now < Number(word.dataset.end) + 0.05));
  };
  const onStop = () => {
    button.classList.remove('playing');
    button.setAttribute('aria-pressed', 'false');
    words.forEach((word) => word.classList.remove('said'));
  };
  player.playSpan(li.dataset.memoId, start, end, { onTime, onStop }).catch((error) => {
    onStop();
    say(li, error.message);
  });
}

function hear(li, sentence) {
  playStretch(li, sentence, Number(sentence.dataset.start), Number(sentence.dataset.end), Array.from(sentence.querySelectorAll('.word')));
}

function toggleCorrections(li) {
  const corrections = li.querySelector('.corrections');
  const open = corrections.hidden;
  corrections.hidden = !open;
  li.querySelector('.memo-correct').setAttribute('aria-expanded', String(open));
  if (open) fillCorrections(li);
  else player.stop();
}

function fillCorrections(li) {
  const template = document.getElementById('segment-template');
  const list = li.querySelector('.segment-list');
  list.replaceChildren(...li.memo.transcript.segments.map((segment) => {
    const edit = template.content.firstElementChild.cloneNode(true);
    const id = `segment-${li.dataset.memoId}-${segment.position}`;
    edit.dataset.position = segment.position;
    edit.dataset.start = segment.start;
    edit.dataset.end = segment.end;
    edit.querySelector('label').htmlFor = id;
    edit.querySelector('label').textContent = `Part ${segment.position + 1} · ${clock(segment.start)}–${clock(segment.end)}`;
    const text = edit.querySelector('textarea');
    text.id = id;
    text.value = segment.text;
    // Hear it while fixing it: focusing the text plays its stretch once.
    text.addEventListener('focus', () => playSegment(li, edit), { once: true });
    const heard = edit.querySelector('.heard-note');
    heard.hidden = !segment.version;
    heard.textContent = segment.version ? `The model heard: “${segment.heard}” (this is version ${segment.version})` : '';
    return edit;
  }));
}

function playSegment(li, edit) {
  playStretch(li, edit.querySelector('.segment-play'), Number(edit.dataset.start), Number(edit.dataset.end));
}

async function save(li, edit) {
  const text = edit.querySelector('textarea').value.trim();
  if (!text) return say(li, 'A part of the transcript needs some words; delete the memo to drop all of it.');
  const button = edit.querySelector('.segment-save');
  button.disabled = true;
  try {
    const saved = await api.correctSegment(li.dataset.memoId, Number(edit.dataset.position), text);
    const memo = await api.getMemo(li.dataset.memoId);
    li.onChanged(memo);
    say(li, `Saved: part ${saved.position + 1} is now version ${saved.version}.`);
  } catch (error) {
    say(li, error.message);
  } finally {
    button.disabled = false;
  }
}

function say(li, message) {
  li.querySelector('.audio-note').textContent = message;
}
