"""A trigram index on the register's folded names, on PostgreSQL: the register page finds a name
anywhere in it (`search_name LIKE '%…%'`), which a B-tree cannot serve; over a province's
500,000 members that was a scan of the whole table per search (benchmarks/register_500k.py).
pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it. SQLite, the
embedded default for an office's own register, keeps the scan."""

from django.db import migrations

INDEX = "members_record_search_trgm"


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON members_memberrecord "
        "USING gin (search_name gin_trgm_ops)"
    )


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("members", "0002_cell_moves_and_corrections")]

    operations = [migrations.RunPython(create, drop)]
