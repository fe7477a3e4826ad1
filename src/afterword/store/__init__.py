"""The base layer: settings, models, database sessions, the job queue, the blob store, migrations."""
