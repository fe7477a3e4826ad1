"""What every command needs: the settings, and (opened on first use) storage and the person."""

import uuid
from dataclasses import dataclass, field

from afterword.settings import Settings
from afterword.store.people import acting_person_id
from afterword.store.storage import Storage, open_storage


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
        """The person commands act for (see acting_person_id)."""
        if self._person_id is None:
            self._person_id = acting_person_id(self.storage.db, name=self.person_name)
        return self._person_id

    def close(self) -> None:
        if self._storage is not None:
            self._storage.close()
