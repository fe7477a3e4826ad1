"""Own-words summaries (one per insight, every edit kept as a version), sharing one with a
partner, and week reflections: the writes. They are read through reflect.summary_views."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from afterword.errors import Invalid, NotFound
from afterword.reflect.insights import NO_SUCH_INSIGHT, insight_detail
from afterword.reflect.prompts import Prompt, answered, compose_paragraph, prompt_for
from afterword.reflect.summary_views import NO_SUCH_SUMMARY, SummaryDetail, current_answers, summary_detail
from afterword.reflect.templates import Template, get_template
from afterword.store.db import Database
from afterword.store.models import Summary, WeekReflection
from afterword.store.reading import Reader
from afterword.store.summaries import add_summary_version, get_insight, get_summary


class WrongTemplate(Invalid):
    pass


@dataclass(frozen=True)
class SummarySaved(SummaryDetail):
    changed: bool
    """False when the answers were the same as the current version's (no new version)."""


def save_summary(
    reader: Reader, db: Database, *, insight_id: uuid.UUID, template: Template, answers: list[str]
) -> SummarySaved:
    """Save the answers as the insight's summary, or as its next version when it has one (the
    same answers again add no version, and say so)."""
    return keep_answers(reader, db, insight_id=insight_id, choose=lambda: template, answers=answers)


def write_summary(
    reader: Reader,
    db: Database,
    *,
    insight_id: uuid.UUID,
    template: str,
    personal_dir: Path,
    answers: list[str],
) -> SummarySaved:
    """save_summary for anyone: the insight is looked for before the template."""
    choose = lambda: get_template(template, personal_dir=personal_dir, for_everyone=True)  # noqa: E731
    return keep_answers(reader, db, insight_id=insight_id, choose=choose, answers=answers)


def keep_answers(
    reader: Reader, db: Database, *, insight_id: uuid.UUID, choose: Callable[[], Template], answers: list[str]
) -> SummarySaved:
    """The insight is read once, in the write; then the summary as saved."""
    with db.write() as session:
        insight = get_insight(session, insight_id=insight_id, owner_id=reader.person_id)
        if insight is None:
            raise NotFound(NO_SUCH_INSIGHT)
        template = choose()
        if template.use != "insight":
            raise WrongTemplate(f"the {template.name} template is about the week, not one insight")
        pairs = answered(template, answers)
        summary = insight.summary or Summary(owner_id=reader.person_id, insight_id=insight.id, shared=False)
        session.add(summary)
        session.flush()
        loaded = get_summary(session, summary_id=summary.id, owner_id=reader.person_id, fresh=True)
        assert loaded is not None
        summary = loaded
        current = summary.versions[-1] if summary.versions else None
        changed = current is None or (current.answers, current.template) != (pairs, template.name)
        if changed:
            add_summary_version(
                session,
                summary=summary,
                template=template.name,
                answers=pairs,
                paragraph=compose_paragraph(pairs),
            )
        summary_id = summary.id
    return SummarySaved(**vars(summary_detail(reader, summary_id=summary_id)), changed=changed)


def set_shared(reader: Reader, db: Database, *, summary_id: uuid.UUID, shared: bool) -> SummaryDetail:
    """Mark the summary as shared with a partner (for `prep --with`), or take that back."""
    with db.write() as session:
        summary = session.get(Summary, summary_id)
        if summary is None or summary.owner_id != reader.person_id:
            raise NotFound(NO_SUCH_SUMMARY)
        summary.shared = shared
    return summary_detail(reader, summary_id=summary_id)


def save_week_reflection(
    reader: Reader, db: Database, *, template: Template, answers: list[str]
) -> list[dict[str, str]]:
    """Keep answers about the week (the pre-session questions, a hard week)."""
    if template.use != "week":
        raise WrongTemplate(f"the {template.name} template is about one insight; give its id")
    pairs = answered(template, answers)
    with db.write() as session:
        session.add(WeekReflection(owner_id=reader.person_id, template=template.name, answers=pairs))
    return pairs


def insight_prompt(reader: Reader, *, insight_id: uuid.UUID, template: str, personal_dir: Path) -> Prompt:
    """The prompt for writing (or editing) an insight's summary, for anyone: the insight's
    headline, the questions, and the answers given last time with this template."""
    insight = insight_detail(reader, insight_id=insight_id)
    chosen = get_template(template, personal_dir=personal_dir, for_everyone=True)
    previous = current_answers(reader, summary_id=insight.summary_id, template=chosen.name)
    return prompt_for(chosen, insight.headline, previous)


def write_week_reflection(
    reader: Reader, db: Database, *, template: str, personal_dir: Path, answers: list[str]
) -> list[dict[str, str]]:
    """save_week_reflection for anyone."""
    chosen = get_template(template, personal_dir=personal_dir, for_everyone=True)
    return save_week_reflection(reader, db, template=chosen, answers=answers)
