// What the partner shared (their summaries) and sent (appreciations), on Review and Prep, from
// the phone's copy: it reads the same with no signal. Only the current partner's, by the server.
import { matchCards } from './match.js';

// Into `box` (an empty element): the partner's shared summaries matching the words (all of
// them, and the appreciations, with no words). Hidden when there is nothing.
export function show(box, kept, words = '') {
  const shared = kept ? kept.shared.map((s) => ({ ...s, cues: [] })) : [];
  const summaries = words ? matchCards(shared, words).map((m) => m.card) : shared;
  const appreciations = kept && !words ? kept.appreciations : [];
  const partner = (shared[0] || (kept && kept.appreciations[0]) || {}).partner;
  box.hidden = !summaries.length && !appreciations.length;
  if (box.hidden) return box.replaceChildren();
  const parts = [Object.assign(document.createElement('h3'), { textContent: `From ${partner}` })];
  if (summaries.length) {
    parts.push(paragraph(`What ${partner} shared with you`, 'hint'));
    const list = Object.assign(document.createElement('ul'), { className: 'plain-list shared-list' });
    list.replaceChildren(...summaries.map((s) => {
      const li = document.createElement('li');
      li.append(paragraph(s.headline, 'card-headline'), paragraph(s.paragraph, 'paragraph'));
      return li;
    }));
    parts.push(list);
  }
  if (appreciations.length) {
    parts.push(paragraph(`What ${partner} appreciated`, 'hint'));
    const list = Object.assign(document.createElement('ul'), { className: 'plain-list appreciated-list' });
    list.replaceChildren(...appreciations.map((a) => Object.assign(document.createElement('li'), { textContent: a.text })));
    parts.push(list);
  }
  box.replaceChildren(...parts);
  return box;
}

function paragraph(text, className) {
  return Object.assign(document.createElement('p'), { textContent: text, className });
}
