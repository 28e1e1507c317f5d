"""The password hash: Argon2id at OWASP's first recommended setting (Password Storage Cheat
Sheet: m = 19 MiB, t = 2, p = 1), not Django's default (m = 100 MiB, p = 8).

Django's default costs about 1 s of both cores of a two-core server for each log-in (and for
each unknown user name, which is hashed as well so that it takes as long); at OWASP's setting
a log-in takes well under 0.5 s (benchmarks/login.py) and a stolen hash still costs an attacker
19 MiB of memory per guess, which is what makes Argon2id costly on GPUs. Hashes made under the
old parameters still verify and are rewritten at the user's next log-in (Django's
`must_update`)."""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher

OWASP_MEMORY_KIB = 19 * 1024  # 19 MiB
OWASP_TIME = 2
OWASP_PARALLELISM = 1


class Argon2idHasher(Argon2PasswordHasher):
    """Django's Argon2 hasher (Argon2id, same "argon2" prefix) with OWASP's parameters."""

    time_cost = OWASP_TIME
    memory_cost = OWASP_MEMORY_KIB
    parallelism = OWASP_PARALLELISM
