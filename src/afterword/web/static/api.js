// Client for the Afterword server. Every request carries the pairing token.
import './outbox.js';

const TOKEN_KEY = 'afterword.token';
const OFFLINE = 'No connection to your Afterword server.';
const STALL_MS = 60000; // give up on an upload that made no progress for this long

let unauthorized = () => {};

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status; // 0 means the network failed, not the server
  }
}

export const getToken = () => localStorage.getItem(TOKEN_KEY);
export const setToken = (token) => localStorage.setItem(TOKEN_KEY, token);
export const forgetToken = () => localStorage.removeItem(TOKEN_KEY);

// Called on any 401, so the app can ask the person to pair again.
export function onUnauthorized(callback) {
  unauthorized = callback;
}

export const me = () => request('GET', '/api/me');
// Who a pairing link's token belongs to, asked before it replaces this phone's sign-in.
export const whoIs = (token) => request('GET', '/api/me', 8000, undefined, false, token);
// A wrong code is the person's typo, not a revoked pairing: no onUnauthorized for it.
export const signIn = (code) => request('POST', '/api/signin', 20000, { code }, false);
export const makeSigninCode = () => request('POST', '/api/signin-codes', 20000, {});
export const listMemos = (offset = 0, limit = 20) =>
  request('GET', `/api/memos?limit=${limit}&offset=${offset}`);
export const getMemo = (id) => request('GET', `/api/memos/${encodeURIComponent(id)}`);
export const deleteMemo = (id) => request('DELETE', `/api/memos/${encodeURIComponent(id)}`);
// Long-poll: the server answers as soon as the memo is done or failed.
export const waitMemo = (id, seconds = 25) =>
  request('GET', `/api/memos/${encodeURIComponent(id)}/wait?timeout=${seconds}`, (seconds + 15) * 1000);

// Between sessions: reflect, review, prep.
const enc = encodeURIComponent;
const send = (method, path, body) => request(method, path, 20000, body);

// Your words: hearing a sentence again, corrections, the vocabulary, a retry.
export const audioLink = (id) => request('GET', `/api/memos/${enc(id)}/audio-link`);
export const correctSegment = (id, position, text) =>
  send('PUT', `/api/memos/${enc(id)}/segments/${position}`, { text });
export const retryMemo = (id, model) => send('POST', `/api/memos/${enc(id)}/retry`, model ? { model } : {});
export const models = () => request('GET', '/api/models');
export const getReminders = () => request('GET', '/api/reminders');
export const setReminders = (show) => send('PUT', '/api/reminders', { show });
export const listWords = () => request('GET', '/api/words');
export const addWords = (words) => send('POST', '/api/words', { words });
export const removeWord = (id) => request('DELETE', `/api/words/${enc(id)}`);
export const listSessions = () => request('GET', '/api/sessions');
export const addSession = (startsAt) => send('POST', '/api/sessions', { starts_at: startsAt });
export const moveSession = (id, startsAt) => send('PATCH', `/api/sessions/${enc(id)}`, { starts_at: startsAt });
export const removeSession = (id) => request('DELETE', `/api/sessions/${enc(id)}`);
export const listTriggers = () => request('GET', '/api/triggers');
export const nextInsight = () => request('GET', '/api/insights/next');
export const getInsight = (id) => request('GET', `/api/insights/${enc(id)}`);
export const listTemplates = () => request('GET', '/api/templates');
export const getPrompt = (id, template) => request('GET', `/api/insights/${enc(id)}/prompt?template=${enc(template)}`);
export const saveSummary = (id, template, answers) => send('PUT', `/api/insights/${enc(id)}/summary`, { template, answers });
export const listSummaries = () => request('GET', '/api/summaries');
export const shareSummary = (id, shared) => send('PATCH', `/api/summaries/${enc(id)}`, { shared });
export const addTrigger = (summaryId, plan) => send('POST', `/api/summaries/${enc(summaryId)}/triggers`, plan);
export const reflectOnWeek = (template, answers) => send('POST', '/api/reflections', { template, answers });
// Short: with no signal, Review answers from the phone's copy instead of waiting.
export const findCards = (words) => request('GET', `/api/review?q=${enc(words)}`, 5000);
export const reviewCopy = () => request('GET', '/api/review/copy', 8000);
export const setFocus = (text) => send('PUT', '/api/focus', { text });
export const getPrep = () => request('GET', '/api/prep');
export const answerPrep = (answers) => send('PUT', '/api/prep/answers', { answers });

// The week's practices.
export const partner = () => request('GET', '/api/partner');
export const invitePartner = (name) => send('POST', '/api/partner/invitations', { name });
export const acceptPartner = (name) => send('POST', '/api/partner/accept', { name });
export const declinePartner = (name) => send('POST', '/api/partner/decline', { name });
export const endPartnership = () => request('DELETE', '/api/partner');
export const listMoments = () => request('GET', '/api/moments');
export const addMoment = (text) => send('POST', '/api/moments', { text });
export const answerMoment = (id, answers) => send('PATCH', `/api/moments/${enc(id)}`, answers);
export const listAppreciations = () => request('GET', '/api/appreciations');
export const appreciate = (text, sendIt) => send('POST', '/api/appreciations', { text, send: sendIt });
export const removeAppreciation = (id) => request('DELETE', `/api/appreciations/${enc(id)}`);
export const sendAppreciation = (id) => send('POST', `/api/appreciations/${enc(id)}/send`, {});
export const receivedAppreciations = () => request('GET', '/api/appreciations/received');
export const seenAppreciations = () => send('POST', '/api/appreciations/received/seen', {});
export const listCheckins = () => request('GET', '/api/checkins');
export const planCheckin = (plannedAt) => send('POST', '/api/checkins', { planned_at: plannedAt });
export const logCheckin = (body) => send('POST', '/api/checkins/held', body);
export const repair = () => request('GET', '/api/repair');
export const setOwnRepair = (text) => send('PUT', '/api/repair/own', { text });
export const proposeRepair = (text) => send('POST', '/api/repair/proposals', { text });
export const acceptRepair = () => send('POST', '/api/repair/accept', {});
export const usedRepair = () => send('POST', '/api/repair/uses', {});
export const ritual = () => request('GET', '/api/ritual');
export const setRitual = (text) => send('PUT', '/api/ritual', { text });
export const markRitual = () => send('POST', '/api/ritual/marks', {});
export const listMarks = () => request('GET', '/api/marks');
export const addMark = (markedAt) => send('POST', '/api/marks', { marked_at: markedAt });
export const removeMark = (id) => request('DELETE', `/api/marks/${enc(id)}`);
export const recallRound = () => request('GET', '/api/recall');
export const logRecall = (insightId, answer, day) => send('POST', '/api/recalls', { insight_id: insightId, answer, day });

// The timed plans as an .ics file, fetched with the token (a download link could not carry it).
export async function calendarFile() {
  let response;
  try {
    response = await fetch('/api/triggers.ics', { headers: { Authorization: `Bearer ${getToken()}` }, cache: 'no-store' });
  } catch {
    throw new ApiError(0, OFFLINE);
  }
  if (!response.ok) throw failure(response.status, null);
  return response.blob();
}

async function request(method, path, timeoutMs = 20000, body = undefined, signedIn = true, token = null) {
  // A request on a dead connection can hang for minutes; cut it off ourselves.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const headers = signedIn || token ? { Authorization: `Bearer ${token || getToken()}` } : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      signal: abort.signal,
    });
  } catch {
    throw new ApiError(0, OFFLINE);
  } finally {
    clearTimeout(timer);
  }
  if (response.status === 204) return null;
  const answer = await response.json().catch(() => null);
  if (!response.ok) throw failure(response.status, answer, signedIn);
  return answer;
}

function failure(status, body, signedIn = true) {
  if (status === 401 && signedIn) unauthorized();
  let detail = body && body.detail;
  if (Array.isArray(detail)) detail = detail.map((problem) => problem.msg).join(' ');
  return new ApiError(status, typeof detail === 'string' && detail ? detail : `The server answered ${status}.`);
}

// XMLHttpRequest rather than fetch: only it reports upload progress.
// An item's endpoint is /api/memos unless it is a moment or the answer to a mark.
// It goes as the person who recorded it; a 401 for another person's memo does not sign this one out.
export function uploadMemo(item, onProgress) {
  const url = self.AfterwordOutbox.uploadPath(item);
  const token = item.token || getToken();
  const ours = token === getToken();

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let stall;
    const stillAlive = () => {
      clearTimeout(stall);
      stall = setTimeout(() => xhr.abort(), STALL_MS);
    };
    xhr.open('POST', url);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', item.type);
    xhr.upload.onprogress = (event) => {
      stillAlive();
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON: handled below */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body); // 201: a queued re-reading
      else reject(failure(xhr.status, body, ours));
    };
    xhr.onerror = xhr.onabort = () => reject(new ApiError(0, OFFLINE));
    xhr.onloadend = () => clearTimeout(stall);
    stillAlive();
    xhr.send(new Blob([item.data], { type: item.type }));
  });
}
