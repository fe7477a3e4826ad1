"""What every command needs, each opened on first use: the settings, the place views are read
from, storage, and the person.

Reading commands (`list`, `show`, `search`, `insights`, `summaries`, `summary`, `triggers`) read
through `reader`. On the embedded default that is the SQLite file through the standard library
(store.lean), so they import neither SQLAlchemy nor pydantic-settings (half a second here before
anything prints); the views and their SQL are the same as through SQLAlchemy. Whenever the lean
reader cannot be sure it opens what Settings would (another database, a .env file, a database to
migrate), `reader` is storage's Database. A new data folder gets its database and local person
on the lean path as well, so a person's first command is as quick as the next."""

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from afterword.store.enums import LOCAL_PERSON_NAME
from afterword.store.lean import LeanReader, Reader, lean_rows_from_environment
from afterword.store.reviews import add_first_person, person_id_by_name

if TYPE_CHECKING:
    from afterword.settings import Settings
    from afterword.store.storage import Storage


@dataclass
class CliContext:
    person_name: str
    _settings: "Settings | None" = field(default=None, init=False)
    _storage: "Storage | None" = field(default=None, init=False)
    _lean: LeanReader | None = field(default=None, init=False)
    _tried_lean: bool = field(default=False, init=False)
    _person_id: uuid.UUID | None = field(default=None, init=False)

    @property
    def settings(self) -> "Settings":
        if self._settings is None:
            from afterword.settings import Settings

            self._settings = Settings()
        return self._settings

    @property
    def storage(self) -> "Storage":
        if self._storage is None:
            from afterword.store.storage import open_storage

            self._storage = open_storage(self.settings)
        return self._storage

    @property
    def reader(self) -> Reader:
        lean = self.lean_reader()
        return lean if lean is not None else self.storage.db

    def lean_reader(self) -> LeanReader | None:
        if not self._tried_lean and self._storage is None:
            self._tried_lean = True
            rows = lean_rows_from_environment()
            self._lean = None if rows is None else LeanReader(rows)
        return self._lean

    @property
    def person_id(self) -> uuid.UUID:
        """The person commands act for (see store.people.acting_person_id, which makes the
        default local person on first use)."""
        if self._person_id is None:
            lean = self.lean_reader()
            if lean is not None:
                rows = lean.sqlite_rows
                self._person_id = person_id_by_name(rows, name=self.person_name)
                if self._person_id is None and self.person_name == LOCAL_PERSON_NAME:
                    self._person_id = add_first_person(rows, name=LOCAL_PERSON_NAME)
        if self._person_id is None:
            from afterword.store.people import acting_person_id

            self._person_id = acting_person_id(self.storage.db, name=self.person_name)
        return self._person_id

    def close(self) -> None:
        if self._lean is not None:
            self._lean.close()
        if self._storage is not None:
            self._storage.close()
