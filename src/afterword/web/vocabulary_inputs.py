"""What the API takes for a person's vocabulary: names and words the model should know. What it
answers is transcribe.vocabulary's WordList."""

from pydantic import BaseModel, ConfigDict, Field

from afterword.transcribe.vocabulary import MAX_WORDS
from afterword.web.inputs import Line


class WordsAdd(BaseModel):
    words: list[Line] = Field(min_length=1, max_length=MAX_WORDS)
    """Names and words, each up to 60 characters."""

    model_config = ConfigDict(json_schema_extra={"example": {"words": ["Saoirse", "pursue-withdraw", "IFS"]}})
