"""What every command needs: the settings, and (opened on first use) storage and the person."""

import uuid
from dataclasses import dataclass, field

from store.people import get_or_create_person
from store.settings import Settings
from store.storage import Storage, open_storage


@dataclass
class CliContext:
    settings: Settings
    person_name: str
    _storage: Storage | None = field(default=None, init=False)
    _person_id: uuid.UUID | None = field(default=None, init=False)

    @property
    def storage(self) -> Storage:
        if self._storage is None:
            self._storage = open_storage(self.settings)
        return self._storage

    @property
    def person_id(self) -> uuid.UUID:
        if self._person_id is None:
            with self.storage.db.session() as session, session.begin():
                self._person_id = get_or_create_person(session, name=self.person_name).id
        return self._person_id

    def close(self) -> None:
        if self._storage is not None:
            self._storage.close()
