"""Emptying the audit table after a test that committed for real (a transactional test).

Django empties the tables after such a test: with DELETE on SQLite, which the row triggers of
migration 0002 refuse, and with TRUNCATE on PostgreSQL, which migration 0004 refuses while the
table has rows. So the audit rows go first, with the table's guards lifted meanwhile.
"""

from __future__ import annotations

from importlib import import_module

from django.db import connection


def empty_audit_log() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
            cursor.execute("DELETE FROM audit_auditevent")
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")
            return
        append_only = import_module("tinnhiem.audit.migrations.0002_append_only")
        for statement in append_only.SQLITE_DROP:
            cursor.execute(statement)
        cursor.execute("DELETE FROM audit_auditevent")
        for statement in append_only.SQLITE:
            cursor.execute(statement)
