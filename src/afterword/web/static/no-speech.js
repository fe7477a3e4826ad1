// A memo in which no speech was heard: say so kindly, with what to try, and offer to listen
// to it, try it again (with another model, where the server offers one) or delete it.
import * as api from './api.js';
import * as transcript from './transcript.js';

let models = null; // what the server can retry with, asked once

export function fill(li, memo) {
  const none = memo.status === 'no_speech';
  li.querySelector('.no-speech').hidden = !none;
  if (!none) return;
  li.querySelector('.advice').textContent = memo.advice || '';
  offerOtherModel(li.querySelector('.memo-retry-other'));
}

async function offerOtherModel(button) {
  button.hidden = true;
  try {
    models = models || (await api.models());
  } catch {
    return; // offline: "Try again" is still there
  }
  button.hidden = !models.retry_model;
  button.textContent = `Try with ${models.retry_model}`;
  button.dataset.model = models.retry_model || '';
}

// Clicks on the memo's no-speech actions; true when handled. `memos` gives fill and watch.
export function onClick(li, target, memos) {
  const listen = target.closest('.memo-listen');
  if (listen) {
    transcript.playStretch(li, listen, 0, Number(li.dataset.seconds) || 0);
    return true;
  }
  const again = target.closest('.memo-retry, .memo-retry-other');
  if (again) {
    retry(li, again, memos);
    return true;
  }
  return false;
}

async function retry(li, button, memos) {
  button.disabled = true;
  try {
    const memo = await api.retryMemo(li.dataset.memoId, button.dataset.model || null);
    memos.fill(li, memo);
    memos.watch(memo.id);
  } catch (error) {
    li.querySelector('.audio-note').textContent = error.message;
  } finally {
    button.disabled = false;
  }
}
