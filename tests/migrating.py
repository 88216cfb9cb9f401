"""A database of its own for a test of a data migration.

The test's database stays as the suite made it (every migration applied); the migration under
test runs on an empty database of the same kind, migrated forward from nothing to the state
before it, filled, then migrated across it (and back where the test says so). Going forward
from nothing to the few migrations a test needs costs a fraction of migrating the suite's
database back and forth, which unapplies and applies again everything after them.

While the block runs, the default connection is the new database's, so models (historical
ones from ``migrate``'s answer included) and the data migrations, which all use the default
database, read and write it.
"""

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


@contextmanager
def fresh_database(tmp_path):
    """An empty database in place of the test database until the block ends: a file in
    ``tmp_path`` on SQLite, a database of its own on PostgreSQL (dropped at the end)."""
    suite = connections[DEFAULT_DB_ALIAS]
    settings = {**suite.settings_dict}
    server = suite.vendor != "sqlite"
    if server:
        settings["NAME"] = f"{suite.settings_dict['NAME']}_migrating"[:63]
        with suite._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')
            cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    else:
        settings["NAME"] = str(tmp_path / "migrating.sqlite3")
    fresh = suite.__class__(settings, DEFAULT_DB_ALIAS)
    connections[DEFAULT_DB_ALIAS] = fresh
    try:
        yield fresh
    finally:
        fresh.close()
        connections[DEFAULT_DB_ALIAS] = suite
        if server:
            with suite._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}" WITH (FORCE)')


def migrate(targets):
    """Migrate the default database to ``targets`` (app label, migration name); the models
    as they were there."""
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps
