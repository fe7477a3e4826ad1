// What the Week screen's panels share: the status line, a request that says its outcome, and
// small builders for list items and buttons.

const $ = (id) => document.getElementById(id);

export function say(message, isError = false) {
  $('week-status').textContent = message;
  $('week-status').classList.toggle('error', isError);
}

// Runs a panel's request; a failure is said, never thrown past the screen.
export async function attempt(action, done) {
  try {
    const answer = await action();
    if (done) say(typeof done === 'function' ? done(answer) : done);
    return answer;
  } catch (error) {
    if (error.status !== 401) say(error.message, true);
    return undefined;
  }
}

export function listItem(text, ...controls) {
  const li = document.createElement('li');
  li.append(Object.assign(document.createElement('span'), { textContent: text }), ...controls);
  return li;
}

export function button(text, className = 'button quiet') {
  return Object.assign(document.createElement('button'), { type: 'button', className, textContent: text });
}

export const when = (iso) => new Intl.DateTimeFormat(undefined, {
  weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit',
}).format(new Date(iso));
