"""Key the chain (version 2 rows carry the actor's id and the key's id) and guard inserts in the
database itself: a row must follow the last one (seq + 1, its hash as prev_hash), not be dated
before it, nor be of an older version. Rows already there stay version 1 (keyless).

On SQLite, adding a column rebuilds the table, which drops its triggers: the append-only ones of
0002 are made again here.
"""

from importlib import import_module

from django.db import migrations, models

APPEND_ONLY = import_module("tinnhiem.audit.migrations.0002_append_only")

POSTGRES = """
CREATE OR REPLACE FUNCTION audit_auditevent_in_sequence() RETURNS trigger AS $$
DECLARE
  last_row audit_auditevent%ROWTYPE;
BEGIN
  PERFORM pg_advisory_xact_lock(7201202301);
  SELECT * INTO last_row FROM audit_auditevent ORDER BY seq DESC LIMIT 1;
  IF NOT FOUND THEN
    IF NEW.seq <> 1 OR NEW.prev_hash <> repeat('0', 64) THEN
      RAISE EXCEPTION 'audit_auditevent: row % is out of sequence (the log is empty)', NEW.seq;
    END IF;
  ELSIF NEW.seq <> last_row.seq + 1 OR NEW.prev_hash <> last_row.hash THEN
    RAISE EXCEPTION 'audit_auditevent: row % is out of sequence (the last row is %)',
      NEW.seq, last_row.seq;
  ELSIF NEW.at < last_row.at THEN
    RAISE EXCEPTION 'audit_auditevent: row % is dated before row %', NEW.seq, last_row.seq;
  ELSIF NEW.version < last_row.version THEN
    RAISE EXCEPTION 'audit_auditevent: row % is of an older version than row %',
      NEW.seq, last_row.seq;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditevent_in_sequence BEFORE INSERT ON audit_auditevent
  FOR EACH ROW EXECUTE FUNCTION audit_auditevent_in_sequence();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS audit_auditevent_in_sequence ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_auditevent_in_sequence();
"""
SQLITE = [
    """
CREATE TRIGGER audit_auditevent_in_sequence BEFORE INSERT ON audit_auditevent
WHEN NEW.seq <> COALESCE((SELECT MAX(seq) FROM audit_auditevent), 0) + 1
  OR NEW.prev_hash <> COALESCE(
    (SELECT hash FROM audit_auditevent ORDER BY seq DESC LIMIT 1),
    '0000000000000000000000000000000000000000000000000000000000000000')
  OR julianday(NEW.at) IS NULL
  OR julianday(NEW.at) < (SELECT julianday(at) FROM audit_auditevent ORDER BY seq DESC LIMIT 1)
  OR NEW.version < (SELECT version FROM audit_auditevent ORDER BY seq DESC LIMIT 1)
BEGIN
  SELECT RAISE(ABORT, 'audit_auditevent: a row out of sequence, dated before the last row or of an older version');
END;
""",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS audit_auditevent_in_sequence;"]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES, params=None)  # plpgsql uses %, not a placeholder
    elif vendor == "sqlite":
        for statement in APPEND_ONLY.SQLITE_DROP + APPEND_ONLY.SQLITE + SQLITE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


def append_only_again(apps, schema_editor):
    """After the columns are removed (a rebuild on SQLite), 0002's triggers are made again."""
    if schema_editor.connection.vendor == "sqlite":
        for statement in APPEND_ONLY.SQLITE_DROP + APPEND_ONLY.SQLITE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, append_only_again),
        migrations.AddField(
            model_name="auditevent",
            name="actor_id",
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(blank=True, default="", max_length=16),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="version",
            field=models.PositiveSmallIntegerField(default=1),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["object_type", "object_id", "action"], name="audit_object"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
