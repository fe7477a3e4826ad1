"""Alembic migrations. HEAD_REVISION lets start-up check the schema without importing Alembic;
a test keeps it equal to the newest revision file."""

HEAD_REVISION = "0011"
