// The recent memos list: memos on the server, plus outbox items not uploaded yet.
import * as api from './api.js';
import * as noSpeech from './no-speech.js';
import * as player from './player.js';
import * as queue from './queue.js';
import * as transcript from './transcript.js';

const PAGE_SIZE = 20;
// Long-polls held open at once: over HTTP/1.1 a browser opens ~6 connections
// per host, and uploads and transcript fetches need some of them.
const MAX_WAITS = 2;
const STATUS_TEXT = {
  queued: 'Waiting to be transcribed',
  running: 'Transcribing…',
  done: 'Transcribed',
  failed: "Couldn't be transcribed",
  no_speech: 'No speech heard',
};
const SETTLED = ['done', 'failed', 'no_speech'];
const EXTENSIONS = { 'audio/mp4': 'm4a', 'audio/webm': 'webm', 'audio/ogg': 'ogg', 'audio/mpeg': 'mp3' };
const CUT_SHORT = 'Cut short: kept up to where the recording stopped.';
const DATE_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

let list;
let moreButton;
let loaded = 0; // server memos fetched so far: the offset of the next page
const waiting = []; // ids of memos still queued or running, taken in turn by the long-polls
let waiters = 0;
const audioUrls = new Map(); // outbox id -> object URL behind "Save audio"

export function mount(ul, more) {
  list = ul;
  moreButton = more;
  list.addEventListener('click', onClick);
  moreButton.addEventListener('click', () => loadMore().catch(() => {}));
  queue.events.addEventListener('change', renderOutbox);
  queue.events.addEventListener('progress', (event) => showProgress(event.detail.id, event.detail.fraction));
  queue.events.addEventListener('uploaded', (event) => {
    const { memo, endpoint } = event.detail;
    if (!memo || !memo.id || (endpoint && endpoint.startsWith('/api/moments'))) return; // a moment is not a memo here
    showMemo(memo, 'top');
    if (memo.status === 'done') loadTranscript(memo.id); // a re-sent memo may be done already
  });
  renderOutbox();
}

export async function loadMore() {
  moreButton.disabled = true;
  try {
    const page = await api.listMemos(loaded, PAGE_SIZE);
    loaded += page.items.length;
    page.items.forEach((memo) => showMemo(memo, 'bottom'));
    moreButton.hidden = loaded >= page.total;
    loadTranscripts(page.items.filter((memo) => memo.status === 'done'));
  } finally {
    moreButton.disabled = false;
  }
}

// One at a time, so the list does not hog every connection to the server.
async function loadTranscripts(memos) {
  for (const memo of memos) await loadTranscript(memo.id);
}

async function loadTranscript(id) {
  try {
    const memo = await api.getMemo(id);
    const li = findMemo(id);
    if (li) fill(li, memo);
  } catch {
    // Shown without its text for now; expanding the memo tries again.
  }
}

function findMemo(id) {
  return Array.from(list.children).find((li) => li.dataset.memoId === id);
}

function showMemo(memo, where) {
  let li = findMemo(memo.id);
  if (!li) {
    li = fromTemplate('memo-template');
    // New memos go above older ones but below the outbox items.
    if (where === 'top') list.insertBefore(li, list.querySelector('li[data-memo-id]'));
    else list.append(li);
  }
  fill(li, memo);
  if (memo.status === 'queued' || memo.status === 'running') watch(memo.id);
}

function fill(li, memo) {
  li.dataset.memoId = memo.id;
  li.dataset.status = memo.status;
  li.dataset.seconds = memo.duration_seconds;
  setTime(li, memo.captured_at || memo.created_at);
  setText(li, '.memo-length', formatDuration(memo.duration_seconds));
  const status = STATUS_TEXT[memo.status] || memo.status;
  setText(li, '.memo-status', memo.status === 'failed' && memo.error ? `${status}: ${memo.error}` : status);
  setText(li, '.headline', memo.insight ? memo.insight.headline : '');
  setText(li, '.insight', insightText(memo));
  setText(li, '.memo-note', memo.note || '');
  if (memo.transcript) {
    setText(li, '.transcript', memo.transcript.text);
    transcript.render(li, memo, (changed) => fill(li, changed));
  }
  noSpeech.fill(li, memo);
}

// The insight's text is the transcript's until the person changes it: an open memo shows it once
// (it showed the sentences, the transcript again as the insight, and the headline).
function insightText(memo) {
  const text = memo.insight ? memo.insight.text : '';
  const plain = (words) => words.replace(/\s+/g, ' ').trim();
  return memo.transcript && plain(text) === plain(memo.transcript.text) ? '' : text;
}

function watch(id) {
  if (!waiting.includes(id)) waiting.push(id);
  while (waiters < MAX_WAITS && waiting.length > 0) waitLoop();
}

async function waitLoop() {
  waiters += 1;
  try {
    while (waiting.length > 0) {
      const id = waiting.shift();
      const li = findMemo(id);
      if (!li) continue; // deleted meanwhile
      try {
        const memo = await api.waitMemo(id);
        fill(li, memo);
        if (memo.status === 'done') await loadTranscript(id);
        else if (!SETTLED.includes(memo.status)) waiting.push(id); // timed out: wait again later
      } catch (error) {
        if (error.status === 404) {
          li.remove();
          continue;
        }
        waiting.push(id);
        if (error.status === 401) return; // nothing more until the phone is paired again
        await new Promise((resolve) => setTimeout(resolve, 5000));
      }
    }
  } finally {
    waiters -= 1;
  }
}

async function renderOutbox() {
  const items = (await queue.items()).reverse(); // newest first, like the memos
  const ids = new Set(items.map((item) => String(item.id)));
  list.querySelectorAll('li[data-outbox-id]').forEach((li) => {
    if (ids.has(li.dataset.outboxId)) return;
    forgetAudio(li.dataset.outboxId);
    li.remove();
  });
  const firstMemo = list.querySelector('li[data-memo-id]');
  for (const item of items) {
    const li = findOutbox(item.id) || fromTemplate('outbox-template');
    li.outboxKey = item.id; // numeric for IndexedDB items, a string for in-memory ones
    fillOutbox(li, item);
    list.insertBefore(li, firstMemo);
  }
}

function findOutbox(id) {
  return list.querySelector(`li[data-outbox-id="${id}"]`);
}

function fillOutbox(li, item) {
  li.dataset.outboxId = item.id;
  setTime(li, item.captured_at || item.added_at);
  setText(li, '.memo-length', item.filename || '');
  setText(li, '.memo-note', item.cut_short ? CUT_SHORT : '');
  setText(li, '.memo-error', item.error || '');
  if (item.error) {
    li.dataset.status = 'rejected';
    setText(li, '.memo-status', "Couldn't upload");
    const link = li.querySelector('.outbox-save');
    link.href = audioUrl(item);
    link.download = item.filename || `afterword-memo.${EXTENSIONS[item.type.split(';')[0]] || 'audio'}`;
  } else {
    showProgress(item.id, queue.progressOf(item.id), li);
  }
}

function showProgress(id, fraction, li = findOutbox(id)) {
  if (!li || li.dataset.status === 'rejected') return;
  const sending = fraction !== undefined;
  li.dataset.status = sending ? 'uploading' : 'waiting';
  const percent = sending ? Math.round(fraction * 100) : 0;
  li.style.setProperty('--progress', `${percent}%`);
  setText(li, '.memo-status', sending ? `Uploading ${percent}%` : 'Waiting for network');
}

// A rejected memo is the person's only copy: let them save it before removing it.
function audioUrl(item) {
  const key = String(item.id);
  if (!audioUrls.has(key)) audioUrls.set(key, URL.createObjectURL(new Blob([item.data], { type: item.type })));
  return audioUrls.get(key);
}

function forgetAudio(key) {
  if (audioUrls.has(key)) URL.revokeObjectURL(audioUrls.get(key));
  audioUrls.delete(key);
}

function onClick(event) {
  const li = event.target.closest('li.memo'); // not a sentence's own list item
  if (!li) return;
  if (event.target.closest('.memo-delete')) deleteMemo(li);
  else if (event.target.closest('.outbox-remove')) removeOutboxItem(li);
  else if (!li.dataset.memoId) return;
  else if (transcript.onClick(li, event.target)) return;
  else if (noSpeech.onClick(li, event.target, { fill, watch })) return;
  else if (event.target.closest('.memo-summary, .transcript')) toggle(li);
}

function toggle(li) {
  const open = !li.classList.contains('expanded');
  if (!open) player.stop();
  li.classList.toggle('expanded', open);
  li.querySelector('.memo-summary').setAttribute('aria-expanded', String(open));
  if (open && li.dataset.status === 'done' && !li.querySelector('.transcript').textContent) {
    loadTranscript(li.dataset.memoId);
  }
}

async function deleteMemo(li) {
  if (!confirm('Delete this memo and its transcript from your Afterword server?')) return;
  try {
    await api.deleteMemo(li.dataset.memoId);
  } catch (error) {
    if (error.status !== 404) return setText(li, '.memo-status', error.message);
  }
  li.remove();
  loaded = Math.max(0, loaded - 1);
}

function removeOutboxItem(li) {
  if (confirm('Remove this recording from the phone? It was not uploaded.')) queue.remove(li.outboxKey);
}

function fromTemplate(id) {
  return document.getElementById(id).content.firstElementChild.cloneNode(true);
}

function setText(li, selector, text) {
  li.querySelector(selector).textContent = text;
}

function setTime(li, iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return;
  const time = li.querySelector('time');
  time.dateTime = iso;
  time.textContent = DATE_FORMAT.format(date);
}

function formatDuration(seconds) {
  if (!Number.isFinite(seconds)) return '';
  const total = Math.round(seconds);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
