// Marks: in the session, a silent tap keeps the time and nothing else (on the phone first, so
// no signal loses it). Afterwards the Memos screen asks "You marked 16:23 and 16:41. What
// landed?", and a memo recorded from there is linked to its mark.
import * as api from './api.js';
import * as queue from './queue.js';

const $ = (id) => document.getElementById(id);
const WAITING_KEY = 'afterword.marks'; // times tapped while the server could not be reached
const CLOCK = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

let answer = () => {};

export function mount(onAnswer) {
  answer = onAnswer;
  $('mark').addEventListener('click', tap);
  $('marks-open').addEventListener('click', onClick);
  queue.events.addEventListener('uploaded', (event) => {
    if ((event.detail.endpoint || '').startsWith('/api/marks/')) load();
  });
  window.addEventListener('online', () => send().then(load));
  send().then(load);
}

function waiting() {
  try {
    return JSON.parse(localStorage.getItem(WAITING_KEY) || '[]');
  } catch {
    return [];
  }
}

async function tap() {
  const at = new Date();
  localStorage.setItem(WAITING_KEY, JSON.stringify([...waiting(), at.toISOString()]));
  $('mark-said').textContent = `Marked ${CLOCK.format(at)}.`;
  await send();
}

// Each waiting time goes to the server once; what fails stays for the next try.
async function send() {
  for (const at of waiting()) {
    try {
      await api.addMark(at);
    } catch {
      return;
    }
    localStorage.setItem(WAITING_KEY, JSON.stringify(waiting().filter((other) => other !== at)));
  }
}

export async function load() {
  let found;
  try {
    found = await api.listMarks();
  } catch {
    return; // offline: the question can wait
  }
  const open = found.items.filter((mark) => !mark.memo_id);
  $('marks-prompt').hidden = !found.prompt;
  $('marks-question').textContent = found.prompt || '';
  $('marks-open').replaceChildren(...open.map(item));
}

function item(mark) {
  const li = document.createElement('li');
  li.dataset.markId = mark.id;
  const time = Object.assign(document.createElement('span'), { textContent: CLOCK.format(new Date(mark.marked_at)) });
  const record = Object.assign(document.createElement('button'), {
    type: 'button', id: `answer-${mark.id}`, className: 'button', textContent: 'Record what landed',
  });
  record.setAttribute('aria-pressed', 'false');
  const drop = Object.assign(document.createElement('button'), {
    type: 'button', className: 'button quiet mark-drop', textContent: 'Let it go',
  });
  drop.setAttribute('aria-label', `Let the mark of ${time.textContent} go`);
  li.append(time, record, drop);
  return li;
}

async function onClick(event) {
  const li = event.target.closest('li[data-mark-id]');
  if (!li) return;
  if (event.target.closest('.mark-drop')) {
    await api.removeMark(li.dataset.markId).catch(() => {});
    load();
  } else if (event.target.closest('[id^="answer-"]')) {
    answer({ id: li.dataset.markId });
  }
}
