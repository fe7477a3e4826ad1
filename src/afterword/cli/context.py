"""What every command needs: the settings, and (opened on first use) storage and the person."""

import uuid
from dataclasses import dataclass, field

from afterword.cli import output
from afterword.settings import Settings
from afterword.store.people import (
    LOCAL_PERSON_NAME,
    get_or_create_person,
    get_person_by_name,
)
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
        """The person commands act for: the default local person is made on first use;
        anyone else must have been added with `afterword person add`."""
        if self._person_id is None:
            with self.storage.db.write() as session:
                if self.person_name == LOCAL_PERSON_NAME:
                    person = get_or_create_person(session, name=LOCAL_PERSON_NAME)
                else:
                    person = get_person_by_name(session, name=self.person_name)
                if person is None:
                    output.fail(
                        f"there is no person named {self.person_name}; "
                        f"add them with `afterword person add {self.person_name}`"
                    )
                self._person_id = person.id
        return self._person_id

    def close(self) -> None:
        if self._storage is not None:
            self._storage.close()
