"""The password hash stays at or above OWASP's Argon2id minimum (m = 19 MiB, t = 2, p = 1)
while a log-in hashes once: the parameters are pinned here, the time is benchmarks/login.py's."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import get_hasher, identify_hasher, make_password

OWASP_MEMORY_KIB, OWASP_TIME, OWASP_PARALLELISM = 19 * 1024, 2, 1


def test_new_passwords_are_hashed_with_argon2id_at_or_above_owasps_minimum() -> None:
    hasher = get_hasher("default")
    assert settings.PASSWORD_HASHERS[0] == "tinnhiem.accounts.hashers.Argon2idHasher"
    assert hasher.memory_cost >= OWASP_MEMORY_KIB
    assert hasher.time_cost >= OWASP_TIME and hasher.parallelism >= OWASP_PARALLELISM
    encoded = make_password("Ngay-hop-thu-17-2026")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


def test_a_hash_made_with_djangos_default_argon2_still_logs_in_and_is_rewritten(
    make_user: Any,
) -> None:
    from django.contrib.auth.hashers import Argon2PasswordHasher
    from tests.accounts.logins import log_in

    user = make_user("cu")
    user.password = Argon2PasswordHasher().encode("Ngay-hop-thu-17-2026", "somesaltsomesalt")
    user.save(update_fields=["password"])
    assert "m=102400,t=2,p=8" in user.password
    assert log_in("cu", "Ngay-hop-thu-17-2026") is not None
    user.refresh_from_db()
    assert (
        "m=19456,t=2,p=1" in user.password and identify_hasher(user.password).algorithm == "argon2"
    )
