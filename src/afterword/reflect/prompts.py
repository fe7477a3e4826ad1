"""Prompts for reflection: quote the headline, then the template's questions one at a time; and
the paragraph made from the answers, in the person's own words."""

from dataclasses import dataclass

from afterword.controls import ANSWER_CHARS, refuse_controls
from afterword.errors import Invalid
from afterword.reflect.templates import Question, Template

BLANK = "___"
SENTENCE_ENDS = ".!?…"


class NothingToSave(Invalid):
    pass


@dataclass(frozen=True)
class Prompt:
    template: str
    title: str
    quote: str | None
    """The headline, quoted first so the person starts from what landed."""
    intro: str | None
    questions: tuple[Question, ...]
    previous_answers: list[str] | None = None
    """The current version's answers, when the insight has a summary already."""


def prompt_for(
    template: Template, headline: str | None = None, previous_answers: list[str] | None = None
) -> Prompt:
    """The prompt for a template, about an insight's headline when there is one."""
    return Prompt(
        template.name, template.title, headline, template.intro, template.questions, previous_answers
    )


def answered(template: Template, answers: list[str]) -> list[dict[str, str]]:
    """The answers paired with their questions; refused when none has any words."""
    if len(answers) > len(template.questions):
        raise NothingToSave(
            f"{len(answers)} answers given, but {template.name} asks {len(template.questions)} questions"
        )
    for answer in answers:
        refuse_controls(answer, what="an answer", multiline=True)
        if len(answer) > ANSWER_CHARS:
            raise Invalid(f"an answer has at most {ANSWER_CHARS} characters")
    cleaned = [" ".join(a.split()) for a in answers] + [""] * (len(template.questions) - len(answers))
    if not any(cleaned):
        raise NothingToSave("nothing to save yet: every answer is empty")
    return [{"ask": q.ask, "answer": a} for q, a in zip(template.questions, cleaned, strict=True)]


def compose_paragraph(pairs: list[dict[str, str]]) -> str:
    """One paragraph: each answer as a sentence; a question with ___ becomes the sentence with the
    answer in the blank ("What I felt was ___." + "small" → "What I felt was small.")."""
    sentences = []
    for pair in pairs:
        answer = pair["answer"].strip()
        if not answer:
            continue
        if BLANK in pair["ask"]:
            sentence = pair["ask"].replace(BLANK, answer.rstrip(SENTENCE_ENDS), 1)
        else:
            sentence = answer[0].upper() + answer[1:]
        sentences.append(sentence if sentence[-1] in SENTENCE_ENDS else sentence + ".")
    return " ".join(sentences)
