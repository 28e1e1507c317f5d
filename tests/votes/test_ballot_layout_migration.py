"""Migration votes.0005: a session opened before it may have printed ballots in layout 1 (the seal
under the table) and keeps that layout, so its sheets still scan; a draft has printed nothing
(printing needs an open session) and takes layout 2, as every new session does."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("votes", "0004_session_document_fields")]
AFTER = [("votes", "0005_votesession_ballot_layout")]


@pytest.mark.django_db(transaction=True)
def test_opened_sessions_keep_layout_1_and_drafts_take_layout_2() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    body = old.get_model("bodies", "Body").objects.create(
        name="Hội đồng nhân dân tỉnh Ninh Bình", level="province", kind="peoples_council"
    )
    sessions = old.get_model("votes", "VoteSession").objects
    made = {
        status: sessions.create(
            body=body,
            title=f"Đợt {status}",
            held_on=datetime.date(2026, 12, 1),
            profile_key="nq96",
            status=status,
        ).pk
        for status in ("draft", "open", "counting", "closed")
    }
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("votes", "VoteSession")
    layouts = {status: new.objects.get(pk=pk).ballot_layout for status, pk in made.items()}
    assert layouts == {"draft": 2, "open": 1, "counting": 1, "closed": 1}
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # the rest of the tests see the schema
