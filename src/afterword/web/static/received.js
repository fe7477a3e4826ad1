// What the partner sent (appreciations), shown once on the next open, inside the app: never as
// a notification, so nothing shows on a lock screen.
import * as api from './api.js';

const $ = (id) => document.getElementById(id);
let mounted = false;

export async function show() {
  if (!mounted) {
    $('received-seen').addEventListener('click', seen);
    mounted = true;
  }
  let fresh;
  try {
    fresh = (await api.receivedAppreciations()).filter((item) => item.new);
  } catch {
    return; // offline or signed out: it waits for the next open
  }
  if (!fresh.length) return;
  $('received-title').textContent = `${fresh[0].sender} appreciated`;
  $('received-list').replaceChildren(...fresh.map((item) =>
    Object.assign(document.createElement('li'), { textContent: `“${item.text}”` })));
  $('received').hidden = false;
}

async function seen() {
  $('received').hidden = true;
  await api.seenAppreciations().catch(() => {});
}
