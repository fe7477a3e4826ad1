// Review's matching on the phone, for the copy kept for no signal: the same rules as
// afterword/reflect/review.py (test_away_from_home runs both on the same cases). Each typed word is compared
// with the words of a card's plans, headline and paragraph, forgiving a typo or two and
// accepting a word's beginning; a card matches when more than half of the typed words are found.
const CUE_WEIGHT = 3;
const HEADLINE_WEIGHT = 2;
const PARAGRAPH_WEIGHT = 1;
const PREFIX_SIMILARITY = 0.9;
const MIN_PREFIX_CHARS = 3;
const DUE_BEFORE_MINUTES = 15;
const DUE_AFTER_MINUTES = 180;
const MINUTES_PER_WEEK = 7 * 24 * 60;
const STOPWORDS = new Set(('a an and are as at be been but by can do does for from had has have he her him his i if im in is ' +
  'it its me my of on or our she so than that the their them then they this to too up us was we were what when whenever ' +
  'where while who will with you your').split(' '));

export function wordsOf(text) {
  return (text.toLowerCase().replace(/'/g, '').match(/[\p{L}\p{N}]+/gu) || []).filter((w) => !STOPWORDS.has(w));
}

// Optimal-string-alignment distance (a swap of two letters is one edit), or limit + 1.
function editDistance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2 = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] !== b[j - 1] ? 1 : 0));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], previous2[j - 2] + 1);
    }
    if (Math.min(...current) > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length];
}

function similarity(typed, word) {
  if (typed === word) return 1;
  if (typed.length >= MIN_PREFIX_CHARS && word.startsWith(typed)) return PREFIX_SIMILARITY;
  const allowed = typed.length <= 2 ? 0 : typed.length <= 5 ? 1 : 2;
  const distance = editDistance(typed, word, allowed);
  return distance <= allowed ? 1 - distance / Math.max(typed.length, word.length) : 0;
}

const bestIn = (typed, words) => Math.max(0, ...[...words].map((word) => similarity(typed, word)));

// {card, cue, score} for the typed words, or null when half of them or fewer are found.
function scoreCard(card, typed) {
  const headline = new Set(wordsOf(card.headline));
  const paragraph = new Set(wordsOf(card.paragraph));
  const cues = (card.cues || []).map((cue) => [cue, new Set(wordsOf(cue.text))]);
  const cueScores = new Map(cues.map(([cue]) => [cue, 0]));
  let total = 0;
  let found = 0;
  for (const word of typed) {
    const byCue = cues.map(([cue, words]) => [cue, bestIn(word, words) * CUE_WEIGHT]);
    for (const [cue, value] of byCue) cueScores.set(cue, cueScores.get(cue) + value);
    const best = Math.max(bestIn(word, headline) * HEADLINE_WEIGHT, bestIn(word, paragraph) * PARAGRAPH_WEIGHT,
      ...byCue.map(([, value]) => value));
    total += best;
    if (best > 0) found += 1;
  }
  if (found * 2 <= typed.length) return null;
  let bestCue = null;
  for (const [cue, value] of cueScores) if (value > 0 && (!bestCue || value > cueScores.get(bestCue))) bestCue = cue;
  return { card, cue: bestCue, score: total };
}

// Cards matching the words, best first (newer first among equals: the copy is newest first).
export function matchCards(cards, text) {
  const typed = wordsOf(text);
  if (!typed.length) return [];
  return cards.map((card) => scoreCard(card, typed)).filter(Boolean).sort((a, b) => b.score - a.score);
}

// The card whose timed plan is due around now (its weekday and time, local), if any.
export function dueNow(cards, now = new Date()) {
  const weekday = (now.getDay() + 6) % 7; // Monday is 0, as on the server
  const minuteNow = weekday * 24 * 60 + now.getHours() * 60 + now.getMinutes();
  for (const card of cards) {
    for (const cue of card.cues || []) {
      if (cue.kind !== 'time' || cue.weekday === null || cue.minute_of_day === null) continue;
      const since = (((minuteNow - (cue.weekday * 24 * 60 + cue.minute_of_day)) % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
      if (since <= DUE_AFTER_MINUTES || MINUTES_PER_WEEK - since <= DUE_BEFORE_MINUTES) return { card, cue };
    }
  }
  return null;
}
