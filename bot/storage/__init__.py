"""SQLite storage: connection, migrations and repositories (SQL in, domain objects out)."""
