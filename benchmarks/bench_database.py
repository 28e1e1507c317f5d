"""A fresh database for a benchmark: a SQLite file in a temporary TINNHIEM_HOME, or a PostgreSQL
database created at the start (refused if it exists, unless replacing) and dropped at the end."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Database:
    url: str | None
    home: Path
    created: bool = False

    @property
    def is_postgres(self) -> bool:
        return bool(self.url) and self.url.split(":", 1)[0] in ("postgres", "postgresql", "pgsql")

    def _admin(self) -> tuple[Any, str]:
        import dj_database_url
        import psycopg

        parts = dj_database_url.parse(self.url or "")
        connection = psycopg.connect(
            host=parts["HOST"] or None,
            port=parts["PORT"] or None,
            user=parts["USER"] or None,
            password=parts["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        )
        return connection, str(parts["NAME"])

    def create(self, *, replace: bool) -> None:
        if not self.is_postgres:
            return
        from psycopg import sql

        connection, name = self._admin()
        with connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if exists and not replace:
                raise SystemExit(
                    f"Database {name!r} already exists; drop it or pass --replace-database."
                )
            if exists:
                connection.execute(
                    sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
                )
            connection.execute(
                sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(
                    sql.Identifier(name)
                )
            )
        self.created = True

    def drop(self) -> None:
        if not (self.is_postgres and self.created):
            return
        from django.db import connections
        from psycopg import sql

        connections.close_all()
        connection, name = self._admin()
        with connection:
            connection.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            )
        self.created = False


def setup_django(database: Database) -> str:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tinnhiem.config.settings"
    os.environ["TINNHIEM_DEBUG"] = "1"
    os.environ["TINNHIEM_HOME"] = str(database.home)
    if database.url:
        os.environ["DATABASE_URL"] = database.url
    else:
        os.environ.pop("DATABASE_URL", None)
    if str(ROOT / "src") not in sys.path:
        sys.path.insert(0, str(ROOT / "src"))
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT version()")
            return str(cursor.fetchone()[0]).split(" on ")[0]
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]} (WAL)"
