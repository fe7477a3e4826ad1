// Signing this phone in: from the pairing link (a one-time code, or a token, after the #), by
// typing the code, and by making a code for the home-screen app, which on an iPhone shares no
// storage with Safari and so starts signed out.
import * as api from './api.js';
import * as copy from './copy.js';

const $ = (id) => document.getElementById(id);
export const NAME_KEY = 'afterword.name';
const TOKEN_PATTERN = /[#&?]token=([^&\s]+)/;
const CODE_PATTERN = /[#&?]code=([^&\s]+)/;

export const rememberName = (name) => localStorage.setItem(NAME_KEY, name);
export const rememberedName = () => localStorage.getItem(NAME_KEY);

// The link carries its secret in the fragment, which never reaches a server log; take it out
// of the address bar and history. Resolves to an error message when a code did not work.
// `confirmSwitch(found)` decides whether a link may replace the person signed in now.
export async function fromUrl(confirmSwitch) {
  const found = parse(location.hash);
  if (!found) return null;
  history.replaceState(null, '', location.pathname + location.search);
  if (found.token && found.token === api.getToken()) return null; // the same pairing again
  if (api.getToken() && !(await confirmSwitch(found))) return null;
  return signIn(found);
}

// A phone signed in as one person asks before a link signs it in as another: the link may be
// someone else's, and memos waiting on the phone stay the first person's (each keeps its token).
export async function askToSwitch(found, waiting) {
  const current = rememberedName() || 'the person signed in now';
  let next = 'the person this link is for';
  if (found.token) next = await api.whoIs(found.token).then((person) => person.name, () => next);
  const unsent = waiting === 1 ? '1 memo not uploaded yet' : `${waiting} memos not uploaded yet`;
  const memos = waiting ? ` ${unsent} will be sent as ${current} first.` : '';
  return confirm(`Sign out ${current} and sign in as ${next}?${memos}`);
}

// Whoever signs in, the review copy on this phone is theirs alone: an earlier one goes first.
async function signIn(found) {
  if (!found.code) {
    await copy.forget();
    api.setToken(found.token);
    localStorage.removeItem(NAME_KEY); // the name comes with the first answer to this token
    return null;
  }
  return redeem(found.code);
}

// A code, a pairing link (with a code or a token) or a bare token.
export function parse(text) {
  const token = TOKEN_PATTERN.exec(text);
  if (token) return { token: decodeURIComponent(token[1]) };
  const code = CODE_PATTERN.exec(text);
  if (code) return { code: decodeURIComponent(code[1]) };
  const bare = text.trim();
  if (!bare || bare.startsWith('#')) return null;
  return bare.startsWith('aw_') ? { token: bare } : { code: bare };
}

async function redeem(code) {
  try {
    const signedIn = await api.signIn(code);
    await copy.forget();
    api.setToken(signedIn.token);
    rememberName(signedIn.name);
    return null;
  } catch (error) {
    if (error.status === 0) return "Couldn't reach your Afterword server to sign in. Try again when this phone is on the same network.";
    return error.message;
  }
}

// The form on the pairing screen: on success the page starts again, signed in.
export function mountForm() {
  $('pair-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const found = parse($('pair-link').value);
    if (!found) return;
    const button = $('pair-form').querySelector('button');
    button.disabled = true;
    const problem = await signIn(found);
    button.disabled = false;
    if (problem) return showProblem(problem);
    location.replace('/');
  });
}

export function showProblem(message) {
  $('pair-error').textContent = message;
  $('pair-error').hidden = !message;
}

// On the record screen of a browser tab: a code for the app on the home screen.
export function mountOtherApp() {
  const standalone = matchMedia('(display-mode: standalone)').matches || navigator.standalone === true;
  $('other-app').hidden = standalone;
  $('make-code').addEventListener('click', async () => {
    $('make-code').disabled = true;
    try {
      const issued = await api.makeSigninCode();
      $('code').textContent = issued.code;
      $('code-minutes').textContent = String(issued.minutes);
      $('code-shown').hidden = false;
      $('code-problem').textContent = '';
    } catch (error) {
      $('code-problem').textContent = error.message;
    } finally {
      $('make-code').disabled = false;
    }
  });
}
