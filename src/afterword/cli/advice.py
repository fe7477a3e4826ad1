"""What to do next, in the CLI's own words. Errors from behind the door say what is wrong and
name no command; the CLI adds the command that helps, where there is one (the API's answers
carry no advice of the CLI's)."""

from afterword.capture.clip_errors import NoSuchSentence, NoTranscriptYet
from afterword.errors import AfterwordError
from afterword.reflect.summary_views import NoSummaryYet
from afterword.store.views.people import NoSuchPerson


def with_advice(error: AfterwordError) -> str:
    """The error's sentence, with what to run next when the CLI has a command for it."""
    if isinstance(error, NoSummaryYet):
        return f"{error}: write one with `afterword reflect {error.ref}`"
    if isinstance(error, NoSuchPerson) and not error.close:
        return f"{error}; add them with `afterword person add {error.name}`"
    if isinstance(error, NoTranscriptYet):
        return f"{error}; play all of it without --sentence"
    if isinstance(error, NoSuchSentence):
        return f"{error}; `afterword show` lists them"
    return str(error)
