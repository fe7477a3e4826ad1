// Client for the Afterword server. Every request carries the pairing token.

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

// Called on any 401, so the app can ask the person to pair again.
export function onUnauthorized(callback) {
  unauthorized = callback;
}

export const me = () => request('GET', '/api/me');
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
export const listWords = () => request('GET', '/api/words');
export const addWords = (words) => send('POST', '/api/words', { words });
export const removeWord = (id) => request('DELETE', `/api/words/${enc(id)}`);
export const nextInsight = () => request('GET', '/api/insights/next');
export const getInsight = (id) => request('GET', `/api/insights/${enc(id)}`);
export const listTemplates = () => request('GET', '/api/templates');
export const getPrompt = (id, template) => request('GET', `/api/insights/${enc(id)}/prompt?template=${enc(template)}`);
export const saveSummary = (id, template, answers) => send('PUT', `/api/insights/${enc(id)}/summary`, { template, answers });
export const shareSummary = (id, shared) => send('PATCH', `/api/summaries/${enc(id)}`, { shared });
export const addTrigger = (summaryId, plan) => send('POST', `/api/summaries/${enc(summaryId)}/triggers`, plan);
export const reflectOnWeek = (template, answers) => send('POST', '/api/reflections', { template, answers });
export const findCards = (words) => request('GET', `/api/review?q=${enc(words)}`);
export const logReview = (summaryId, triggerId) =>
  send('POST', '/api/reviews', { summary_id: summaryId, trigger_id: triggerId });
export const answerReview = (id, answer) => send('PATCH', `/api/reviews/${enc(id)}`, { answer });
export const setFocus = (text) => send('PUT', '/api/focus', { text });
export const getPrep = () => request('GET', '/api/prep');
export const answerPrep = (answers) => send('PUT', '/api/prep/answers', { answers });

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

async function request(method, path, timeoutMs = 20000, body = undefined) {
  // A request on a dead connection can hang for minutes; cut it off ourselves.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const headers = { Authorization: `Bearer ${getToken()}` };
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
  if (!response.ok) throw failure(response.status, answer);
  return answer;
}

function failure(status, body) {
  if (status === 401) unauthorized();
  let detail = body && body.detail;
  if (Array.isArray(detail)) detail = detail.map((problem) => problem.msg).join(' ');
  return new ApiError(status, typeof detail === 'string' && detail ? detail : `The server answered ${status}.`);
}

// XMLHttpRequest rather than fetch: only it reports upload progress.
export function uploadMemo(item, onProgress) {
  const query = new URLSearchParams();
  if (item.captured_at) query.set('captured_at', item.captured_at);
  if (item.filename) query.set('filename', item.filename);
  const url = '/api/memos' + (query.toString() ? `?${query}` : '');

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let stall;
    const stillAlive = () => {
      clearTimeout(stall);
      stall = setTimeout(() => xhr.abort(), STALL_MS);
    };
    xhr.open('POST', url);
    xhr.setRequestHeader('Authorization', `Bearer ${getToken()}`);
    xhr.setRequestHeader('Content-Type', item.type);
    xhr.upload.onprogress = (event) => {
      stillAlive();
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON: handled below */ }
      if (xhr.status === 200 || xhr.status === 202) resolve(body);
      else reject(failure(xhr.status, body));
    };
    xhr.onerror = xhr.onabort = () => reject(new ApiError(0, OFFLINE));
    xhr.onloadend = () => clearTimeout(stall);
    stillAlive();
    xhr.send(new Blob([item.data], { type: item.type }));
  });
}
