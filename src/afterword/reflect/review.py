"""Review at the moment of use: find the paragraph from a few words, log the re-reading.

Matching, in one line: each word typed is compared with the words of every summary's triggers,
headline and paragraph, forgiving a typo or two and accepting a word's beginning; a summary
matches when more than half of the typed words are found in it, and triggers count most.

The work is bounded whatever a person has written: the first MAX_TYPED_WORDS words typed, each
compared once with each distinct word (a word far longer or shorter than it is skipped at once),
at most MAX_EDIT_DISTANCES edit distances, the newest summaries until MAX_WORDS_SCORED words have
been read, and from each field its first characters only. The cards are read into plain data
first (review_data), so the API scores with no database session open.

Standard library only (with store.views): `afterword review`'s fast path imports this."""

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from afterword.errors import Conflict, Invalid, NotFound
from afterword.reflect.weeks import week_focus
from afterword.store.enums import ReviewAnswer, TriggerKind
from afterword.store.reading import Reader
from afterword.store.views.repair import phrase_in_use
from afterword.store.views.review import (
    Card,
    Cue,
    add_review,
    cards,
    owns,
    review_taken,
    set_review_answer,
    set_review_charge,
)

NO_SUCH_CARD = "No such summary or plan."
NO_SUCH_REVIEW = "No such review."
CUE_WEIGHT = 3.0
HEADLINE_WEIGHT = 2.0
PARAGRAPH_WEIGHT = 1.0
PREFIX_SIMILARITY = 0.9
MIN_PREFIX_CHARS = 3
MAX_TYPED_WORDS = 6
MAX_WORD_CHARS = 40
"""A typed word longer than this is cut to it (no word a person searches by is longer)."""
MAX_FUZZY_CHARS = 24
"""A longer typed word is matched whole or as a beginning only."""
MAX_EDIT_DISTANCES = 5_000
MAX_WORDS_SCORED = 20_000
"""Older summaries past this many distinct words in all are not searched (some 200 summaries)."""
MAX_PARAGRAPH_CHARS = 20_000
MAX_SHORT_CHARS = 1_000
"""Of a headline or a trigger's cue."""
# A timed plan is "due" from a little before its time until a few hours after.
DUE_BEFORE_MINUTES = 15
DUE_AFTER_MINUTES = 180
MINUTES_PER_WEEK = 7 * 24 * 60
# A re-reading queued on a phone arrives with the phone's time: from up to this long ago (a long
# time away from any signal), and never later than a phone clock running a little fast.
OLDEST_QUEUED = timedelta(days=60)
CLOCK_AHEAD = timedelta(minutes=10)
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "him",
        "his",
        "i",
        "if",
        "im",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "she",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "they",
        "this",
        "to",
        "too",
        "up",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "whenever",
        "where",
        "while",
        "who",
        "will",
        "with",
        "you",
        "your",
    ]
)


@dataclass(frozen=True)
class Match:
    card: Card
    cue: Cue | None
    """The trigger that matched best, when one did."""
    score: float


@dataclass(frozen=True)
class ReviewView:
    focus: str | None
    matches: list[Match]
    summaries: int
    """How many summaries the person has in all."""
    due: bool = False
    """True when nothing was typed and a timed plan is due now: matches holds that plan."""
    repair: str | None = None
    """The repair phrase in use (agreed with the partner, or one's own), shown first."""


def words_of(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\W_]+", text.lower().replace("'", "")) if w not in STOPWORDS]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of two letters is one edit), or limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def similarity(typed: str, word: str) -> float:
    """1 for the same word, 0.9 for its beginning, less for a near miss, 0 otherwise."""
    if typed == word:
        return 1.0
    if len(typed) >= MIN_PREFIX_CHARS and word.startswith(typed):
        return PREFIX_SIMILARITY
    allowed = allowed_edits(typed)
    distance = edit_distance(typed, word, allowed)
    return 1 - distance / max(len(typed), len(word)) if distance <= allowed else 0.0


def allowed_edits(typed: str) -> int:
    return 0 if len(typed) <= 2 else 1 if len(typed) <= 5 else 2


class Scorer:
    """The words of the summaries near each typed word, with their similarity: every distinct
    word is looked at once per typed word, and at most MAX_EDIT_DISTANCES edit distances are
    worked out (then only whole words and beginnings count)."""

    def __init__(self, typed: list[str], vocabulary: set[str]) -> None:
        self.typed = typed
        self.edits_left = MAX_EDIT_DISTANCES
        self.near = {word: self.near_words(word, vocabulary) for word in typed}

    def near_words(self, typed: str, vocabulary: set[str]) -> dict[str, float]:
        allowed, letters, found = allowed_edits(typed), set(typed), {}
        fuzzy = allowed > 0 and len(typed) <= MAX_FUZZY_CHARS
        for word in vocabulary:
            if word.startswith(typed):
                if word == typed or len(typed) >= MIN_PREFIX_CHARS:
                    found[word] = 1.0 if word == typed else PREFIX_SIMILARITY
            elif (
                fuzzy
                and abs(len(word) - len(typed)) <= allowed
                # Each edit changes at most two of the letters used: this spares the edit
                # distance for nearly every word.
                and len(letters ^ set(word)) <= 2 * allowed
                and self.edits_left > 0
            ):
                self.edits_left -= 1
                value = similarity(typed, word)
                if value:
                    found[word] = value
        return found

    def best_in(self, typed: str, words: set[str]) -> float:
        near = self.near[typed]
        return max((near[word] for word in words & near.keys()), default=0.0)


def short_words(text: str) -> set[str]:
    return set(words_of(text[:MAX_SHORT_CHARS]))


@dataclass(frozen=True)
class CardWords:
    headline: set[str]
    paragraph: set[str]
    cues: list[tuple[Cue, set[str]]]

    @classmethod
    def of(cls, card: Card) -> "CardWords":
        paragraph = set(words_of(card.paragraph[:MAX_PARAGRAPH_CHARS]))
        return cls(short_words(card.headline), paragraph, [(cue, short_words(cue.text)) for cue in card.cues])

    @property
    def count(self) -> int:
        return len(self.headline) + len(self.paragraph) + sum(len(ws) for _, ws in self.cues)

    @property
    def all(self) -> set[str]:
        return self.headline.union(self.paragraph, *(ws for _, ws in self.cues))


def score_card(card: Card, words: CardWords, scorer: Scorer) -> Match | None:
    """The card's match for the typed words, or None when half of them or fewer are found."""
    typed, best_in = scorer.typed, scorer.best_in
    headline, paragraph, cue_words = words.headline, words.paragraph, words.cues
    total, found, cue_scores = 0.0, 0, {cue.trigger_id: 0.0 for cue in card.cues}
    for word in typed:
        by_cue = {cue.trigger_id: best_in(word, ws) * CUE_WEIGHT for cue, ws in cue_words}
        for trigger_id, value in by_cue.items():
            cue_scores[trigger_id] += value
        best = max(
            [
                best_in(word, headline) * HEADLINE_WEIGHT,
                best_in(word, paragraph) * PARAGRAPH_WEIGHT,
                *by_cue.values(),
            ]
        )
        total += best
        found += best > 0
    if found * 2 <= len(typed):
        return None
    best_cue = max(card.cues, key=lambda c: cue_scores[c.trigger_id], default=None)
    return Match(card, best_cue if best_cue and cue_scores[best_cue.trigger_id] else None, total)


def match_cards(cards: list[Card], text: str) -> list[Match]:
    """Cards matching the words, best first (newer first among equals)."""
    typed = [word[:MAX_WORD_CHARS] for word in words_of(text)[:MAX_TYPED_WORDS]]
    if not typed:
        return []
    read, words_left = [], MAX_WORDS_SCORED
    for card in cards:
        words = CardWords.of(card)
        words_left -= words.count
        if words_left < 0:
            break
        read.append((card, words))
    scorer = Scorer(typed, set().union(*(words.all for _, words in read)))
    matches = [m for m in (score_card(card, words, scorer) for card, words in read) if m is not None]
    return sorted(matches, key=lambda m: -m.score)


def due_now(cards: list[Card], now_local: datetime) -> Match | None:
    """The card whose timed plan is due around now (its weekday and time, local), if any."""
    minute_now = now_local.weekday() * 24 * 60 + now_local.hour * 60 + now_local.minute
    for card in cards:
        for cue in card.cues:
            if cue.kind != TriggerKind.TIME or cue.weekday is None or cue.minute_of_day is None:
                continue
            planned = cue.weekday * 24 * 60 + cue.minute_of_day
            since = (minute_now - planned) % MINUTES_PER_WEEK
            if since <= DUE_AFTER_MINUTES or MINUTES_PER_WEEK - since <= DUE_BEFORE_MINUTES:
                return Match(card, cue, 0.0)
    return None


@dataclass(frozen=True)
class CueView:
    id: uuid.UUID
    kind: str
    text: str


@dataclass(frozen=True)
class CardView:
    summary_id: uuid.UUID
    headline: str
    paragraph: str
    cues: list[CueView]
    trigger_id: uuid.UUID | None
    """The plan that matched (or is due), to log the review with."""
    insight_id: uuid.UUID | None = None
    """To log a recall attempt before reading (POST /api/recalls)."""


@dataclass(frozen=True)
class ReviewCards:
    """A review as the API answers it: the cards in order, best first."""

    focus: str | None
    due: bool
    cards: list[CardView]
    repair: str | None = None
    """The repair phrase in use, to show first."""


@dataclass(frozen=True)
class ReviewLogged:
    id: uuid.UUID


def cards_of(view: ReviewView) -> ReviewCards:
    cards = [
        CardView(
            summary_id=m.card.summary_id,
            headline=m.card.headline,
            paragraph=m.card.paragraph,
            cues=[CueView(id=c.trigger_id, kind=c.kind.value, text=c.text) for c in m.card.cues],
            trigger_id=m.cue.trigger_id if m.cue else None,
            insight_id=m.card.insight_id,
        )
        for m in view.matches
    ]
    return ReviewCards(focus=view.focus, due=view.due, cards=cards, repair=view.repair)


@dataclass(frozen=True)
class ReviewData:
    """What a review draws on, read from the database into plain data."""

    cards: list[Card]
    focus: str | None
    repair: str | None
    now: datetime


def review_data(reader: Reader, *, now: datetime | None = None) -> ReviewData:
    """What a review draws on, read in one snapshot (closed again before any scoring)."""
    now = now or datetime.now(UTC)
    with reader.reads() as reads:
        focus = week_focus(reads, now=now)
        phrase = phrase_in_use(reads)
        return ReviewData(cards(reads), focus.text if focus else None, phrase.text if phrase else None, now)


def open_review(reader: Reader, *, words: str, now: datetime | None = None) -> ReviewView:
    """This week's focus and the cards for the words; with no words, the plan due now or all."""
    return review_of(review_data(reader, now=now), words)


def review_of(data: ReviewData, words: str) -> ReviewView:
    """The review for the words, from data already read (no database needed)."""
    cards, focus, repair, now = data.cards, data.focus, data.repair, data.now
    if words.strip():
        return ReviewView(focus, match_cards(cards, words), len(cards), repair=repair)
    due = due_now(cards, now.astimezone())
    if due is not None:
        return ReviewView(focus, [due], len(cards), due=True, repair=repair)
    return ReviewView(focus, [Match(card, None, 0.0) for card in cards], len(cards), repair=repair)


def log_review(
    reader: Reader,
    *,
    summary_id: uuid.UUID,
    trigger_id: uuid.UUID | None,
    now: datetime | None = None,
) -> uuid.UUID | None:
    """Record that the reader's summary was re-read now (through the plan, given one); None
    when the summary, or the plan as a plan for it, is not the reader's."""
    with reader.reads() as reads, reads.rows.transaction():
        if not owns(reads, summary_id=summary_id, trigger_id=trigger_id):
            return None
        review_id = uuid.uuid4()
        add_review(
            reads,
            summary_id=summary_id,
            trigger_id=trigger_id,
            at=now or datetime.now(UTC),
            review_id=review_id,
        )
        return review_id


def keep_review(
    reader: Reader,
    *,
    review_id: uuid.UUID,
    summary_id: uuid.UUID,
    trigger_id: uuid.UUID | None,
    at: datetime,
    answer: ReviewAnswer | None = None,
    charge: int | None = None,
    now: datetime | None = None,
) -> ReviewLogged:
    """A re-reading a phone may have queued with no signal, under the phone's own id and time:
    logged once, however often the phone sends it; a later send adds the answer or the charge it
    carries (an answer not given is kept). A summary or plan that is not the reader's is not found."""
    now = now or datetime.now(UTC)
    if at > now + CLOCK_AHEAD:
        raise Invalid("that re-reading is in the future; check the phone's clock")
    if at < now - OLDEST_QUEUED:
        raise Invalid(f"a re-reading can be logged up to {OLDEST_QUEUED.days} days later")
    with reader.reads() as reads, reads.rows.transaction():
        if not owns(reads, summary_id=summary_id, trigger_id=trigger_id):
            raise NotFound(NO_SUCH_CARD)
        taken = review_taken(reads, review_id=review_id)
        if taken is None:
            add_review(reads, summary_id=summary_id, trigger_id=trigger_id, at=at, review_id=review_id)
        elif taken != (reader.person_id, summary_id):
            raise Conflict("that review id is taken; make a new one")
        if answer is not None:
            set_review_answer(reads, review_id=review_id, answer=answer)
        if charge is not None:
            set_review_charge(reads, review_id=review_id, charge=charge)
    return ReviewLogged(review_id)


def settle_review(
    reader: Reader, *, review_id: uuid.UUID, answer: ReviewAnswer | None, charge: int | None = None
) -> None:
    """The one-tap answer to a logged re-reading (None takes it back) and, given one, how
    charged it felt, in one transaction; NotFound when the reader has no such review."""
    with reader.reads() as reads, reads.rows.transaction():
        found = set_review_answer(reads, review_id=review_id, answer=answer)
        if found and charge is not None:
            set_review_charge(reads, review_id=review_id, charge=charge)
    if not found:
        raise NotFound(NO_SUCH_REVIEW)
