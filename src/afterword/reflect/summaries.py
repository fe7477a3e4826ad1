"""Own-words summaries (one per insight, every edit kept as a version) and week reflections."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from afterword.errors import Invalid, NotFound
from afterword.reflect.insights import insight_detail
from afterword.reflect.prompts import Prompt, answered, compose_paragraph, prompt_for
from afterword.reflect.templates import Template, get_template
from afterword.store.db import Database
from afterword.store.models import Summary, WeekReflection
from afterword.store.reflections import (
    add_summary_version,
    find_summary,
    get_insight,
    get_summary,
    list_summaries,
    owned_summary,
)


class WrongTemplate(Invalid):
    pass


@dataclass(frozen=True)
class VersionView:
    version: int
    template: str
    answers: list[dict[str, str]]
    paragraph: str
    created_at: datetime


@dataclass(frozen=True)
class SummaryView:
    id: uuid.UUID
    insight_id: uuid.UUID
    headline: str
    captured_at: datetime
    paragraph: str
    version: int
    shared: bool
    updated_at: datetime


@dataclass(frozen=True)
class SummaryDetail(SummaryView):
    versions: list[VersionView]
    """Oldest first; the last is the current one."""


@dataclass(frozen=True)
class SummarySaved(SummaryDetail):
    changed: bool
    """False when the answers were the same as the current version's (no new version)."""


def summary_view(summary: Summary) -> SummaryView:
    """From a summary loaded with its versions and insight."""
    current = summary.versions[-1]
    return SummaryView(
        id=summary.id,
        insight_id=summary.insight_id,
        headline=summary.insight.headline,
        captured_at=summary.insight.captured_at,
        paragraph=current.paragraph,
        version=current.version,
        shared=summary.shared,
        updated_at=summary.updated_at,
    )


def summary_detail(summary: Summary) -> SummaryDetail:
    """From a summary loaded with its versions and insight."""
    versions = [
        VersionView(v.version, v.template, v.answers, v.paragraph, v.created_at) for v in summary.versions
    ]
    return SummaryDetail(**summary_view(summary).__dict__, versions=versions)


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
        saved = summary_detail(owned_summary(session, summary_id=summary.id, owner_id=owner_id, fresh=True))
        return SummarySaved(**saved.__dict__, changed=changed)


def summary_views(db: Database, *, owner_id: uuid.UUID) -> list[SummaryView]:
    """Most recently written first."""
    with db.read() as session:
        return [summary_view(s) for s in list_summaries(session, owner_id=owner_id)]


def find_summary_view(db: Database, *, owner_id: uuid.UUID, ref: str) -> SummaryDetail:
    """By the summary's, its insight's or its memo's id, or their first characters (NotFound
    otherwise, naming the kinds of id it takes)."""
    with db.read() as session:
        return summary_detail(find_summary(session, id_or_prefix=ref, owner_id=owner_id))


def current_answers(
    db: Database, *, owner_id: uuid.UUID, summary_id: uuid.UUID | None, template: str
) -> list[str] | None:
    """The answers of the summary's newest version written with this template (None without
    one): an edit starts there. Another template's answers never are: they answer other questions."""
    if summary_id is None:
        return None
    with db.read() as session:
        summary = get_summary(session, summary_id=summary_id, owner_id=owner_id)
        versions = [] if summary is None else [v for v in summary.versions if v.template == template]
        return [pair["answer"] for pair in versions[-1].answers] if versions else None


def set_shared(db: Database, *, owner_id: uuid.UUID, ref: str, shared: bool) -> SummaryDetail:
    """Mark the summary (by any id of its thought, as find_summary_view) as shared with a
    partner (for `prep --with`), or take that back."""
    with db.write() as session:
        summary = find_summary(session, id_or_prefix=ref, owner_id=owner_id)
        summary.shared = shared
        return summary_detail(summary)


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
