"""What every command needs, each opened on first use: the settings, the database to write to,
where views are read from, and the person.

Views are read from one source, chosen by one rule: on the embedded default the SQLite file
through the standard library (store.opening.open_fast), so the reading commands (`list`, `show`,
`search`, `insights`, `summaries`, `summary`, `triggers`) import neither SQLAlchemy nor
pydantic-settings (half a second here before anything prints); whenever the fast path cannot be
sure it opens what Settings would (another database, a .env file, a database to migrate), the
database itself. The views and their SQL are the same either way (store.views). The person is
found by the one resolver (store.views.people) on that same source, so a person's first command
on a new folder is as quick as the next."""

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from afterword.store.opening import open_fast
from afterword.store.reading import Reader, RowSource, SqliteRows
from afterword.store.views.people import acting_person_id

if TYPE_CHECKING:
    from afterword.settings import Settings
    from afterword.store.db import Database


@dataclass
class CliContext:
    person_name: str
    _settings: "Settings | None" = field(default=None, init=False)
    _db: "Database | None" = field(default=None, init=False)
    _fast: SqliteRows | None = field(default=None, init=False)
    _source: RowSource | None = field(default=None, init=False)
    _person_id: uuid.UUID | None = field(default=None, init=False)

    @property
    def settings(self) -> "Settings":
        if self._settings is None:
            from afterword.settings import Settings

            self._settings = Settings()
        return self._settings

    @property
    def db(self) -> "Database":
        """The store, to write to (and the audio)."""
        if self._db is None:
            from afterword.store.db import open_database

            self._db = open_database(self.settings)
        return self._db

    @property
    def source(self) -> RowSource:
        """Where views are read from: the fast path when it applies, else the database."""
        if self._source is None:
            self._fast = open_fast()
            self._source = self._fast if self._fast is not None else self.db
        return self._source

    @property
    def person_id(self) -> uuid.UUID:
        """The person commands act for (the local person is made on first use)."""
        if self._person_id is None:
            self._person_id = acting_person_id(self.source, name=self.person_name)
        return self._person_id

    @property
    def reader(self) -> Reader:
        """The one read handle of the command: its views, read for its person."""
        return Reader(self.source, self.person_id)

    @property
    def waiting_reader(self) -> Reader:
        """The read handle of a command that waits on a person between reads (review): through
        SQLAlchemy, each read ends its transaction at once (see store.db.Database.waiting)."""
        source = self.source
        return Reader(self.db.waiting() if source is not self._fast else source, self.person_id)

    def close(self) -> None:
        if self._fast is not None:
            self._fast.close()
        if self._db is not None:
            self._db.close()
