"""Own-words summaries (one per insight, every edit kept as a version) and week reflections."""

import uuid
from dataclasses import dataclass
from pathlib import Path

from afterword.errors import Invalid, NotFound
from afterword.reflect.insights import insight_detail
from afterword.reflect.prompts import Prompt, answered, compose_paragraph, prompt_for
from afterword.reflect.summary_views import SummaryDetail, current_answers, summary_detail
from afterword.reflect.templates import Template, get_template
from afterword.store.db import Database
from afterword.store.models import Summary, WeekReflection
from afterword.store.reflections import (
    add_summary_version,
    find_summary,
    get_insight,
    owned_summary,
)


class WrongTemplate(Invalid):
    pass


@dataclass(frozen=True)
class SummarySaved(SummaryDetail):
    changed: bool
    """False when the answers were the same as the current version's (no new version)."""


def save_summary(
    db: Database, *, owner_id: uuid.UUID, insight_id: uuid.UUID, template: Template, answers: list[str]
) -> SummarySaved:
    """Save the answers as the insight's summary, or as its next version when it has one (the
    same answers again add no version, and say so)."""
    if template.use != "insight":
        raise WrongTemplate(f"the {template.name} template is about the week, not one insight")
    pairs = answered(template, answers)
    paragraph = compose_paragraph(pairs)
    with db.write() as session:
        insight = get_insight(session, insight_id=insight_id, owner_id=owner_id)
        if insight is None:
            raise NotFound("no such insight")
        summary = insight.summary
        if summary is None:
            summary = Summary(owner_id=owner_id, insight_id=insight.id, shared=False)
            session.add(summary)
            session.flush()
        summary = owned_summary(session, summary_id=summary.id, owner_id=owner_id, fresh=True)
        current = summary.versions[-1] if summary.versions else None
        changed = current is None or (current.answers, current.template) != (pairs, template.name)
        if changed:
            add_summary_version(
                session, summary=summary, template=template.name, answers=pairs, paragraph=paragraph
            )
        summary_id = summary.id
    return SummarySaved(**vars(saved_detail(db, owner_id=owner_id, summary_id=summary_id)), changed=changed)


def saved_detail(db: Database, *, owner_id: uuid.UUID, summary_id: uuid.UUID) -> SummaryDetail:
    """A summary as it is now that a write has committed."""
    with db.rows() as rows:
        detail = summary_detail(rows, owner_id=owner_id, summary_id=summary_id)
    if detail is None:
        raise NotFound("no such summary")
    return detail


def set_shared(db: Database, *, owner_id: uuid.UUID, ref: str, shared: bool) -> SummaryDetail:
    """Mark the summary (by any id of its thought, as find_summary_view) as shared with a
    partner (for `prep --with`), or take that back."""
    with db.write() as session:
        summary = find_summary(session, id_or_prefix=ref, owner_id=owner_id)
        summary.shared = shared
        summary_id = summary.id
    return saved_detail(db, owner_id=owner_id, summary_id=summary_id)


def save_week_reflection(
    db: Database, *, owner_id: uuid.UUID, template: Template, answers: list[str]
) -> list[dict[str, str]]:
    """Keep answers about the week (the pre-session questions, a hard week)."""
    if template.use != "week":
        raise WrongTemplate(f"the {template.name} template is about one insight; give its id")
    pairs = answered(template, answers)
    with db.write() as session:
        session.add(WeekReflection(owner_id=owner_id, template=template.name, answers=pairs))
    return pairs


def insight_prompt(
    db: Database, *, owner_id: uuid.UUID, insight_id: uuid.UUID, template: str, personal_dir: Path
) -> Prompt:
    """The prompt for writing (or editing) an insight's summary, for anyone: the insight's
    headline, the questions, and the answers given last time with this template."""
    insight = insight_detail(db, owner_id=owner_id, insight_id=insight_id)
    chosen = get_template(template, personal_dir=personal_dir, for_everyone=True)
    previous = current_answers(db, owner_id=owner_id, summary_id=insight.summary_id, template=chosen.name)
    return prompt_for(chosen, insight.headline, previous)


def write_summary(
    db: Database,
    *,
    owner_id: uuid.UUID,
    insight_id: uuid.UUID,
    template: str,
    personal_dir: Path,
    answers: list[str],
) -> SummarySaved:
    """save_summary for anyone: the insight is looked for before the template."""
    insight_detail(db, owner_id=owner_id, insight_id=insight_id)
    chosen = get_template(template, personal_dir=personal_dir, for_everyone=True)
    return save_summary(db, owner_id=owner_id, insight_id=insight_id, template=chosen, answers=answers)


def write_week_reflection(
    db: Database, *, owner_id: uuid.UUID, template: str, personal_dir: Path, answers: list[str]
) -> list[dict[str, str]]:
    """save_week_reflection for anyone."""
    chosen = get_template(template, personal_dir=personal_dir, for_everyone=True)
    return save_week_reflection(db, owner_id=owner_id, template=chosen, answers=answers)
