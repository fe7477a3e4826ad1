"""Alembic environment: runs on the connection handed over by store.migrations.runner, or on
the database of the current AFTERWORD_* settings when called from the alembic command line."""

from alembic import context
from sqlalchemy import Connection

from afterword.store.models import Base
from afterword.store.search import include_object


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    from afterword.settings import Settings
    from afterword.store.db import make_engine

    with make_engine(Settings().resolved_database_url).connect() as own_connection:
        run(own_connection)
        own_connection.commit()
