"""Refuse TRUNCATE of the audit table on PostgreSQL: it removes every row without firing the
row triggers that refuse DELETE (0002). A statement-level BEFORE TRUNCATE trigger sees it.

Truncating an empty table loses nothing and is let through: that is what a test database's
flush does once its rows are gone (tests/audit/emptying.py). SQLite has no TRUNCATE (its
`DELETE FROM` without WHERE fires the row triggers of 0002).
"""

from django.db import migrations

POSTGRES = """
CREATE OR REPLACE FUNCTION audit_auditevent_no_truncate() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM audit_auditevent) THEN
    RAISE EXCEPTION 'audit_auditevent is append-only: TRUNCATE is refused';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditevent_no_truncate BEFORE TRUNCATE ON audit_auditevent
  FOR EACH STATEMENT EXECUTE FUNCTION audit_auditevent_no_truncate();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_auditevent_no_truncate();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_keyed_chain")]
    operations = [migrations.RunPython(forwards, backwards)]
