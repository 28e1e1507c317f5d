"""Batch verification of one-of proofs agrees with verifying each proof alone."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tinnhiem.ballotcrypto.batch import MarkBatch
from tinnhiem.ballotcrypto.elgamal import Ciphertext, KeyPair, encrypt
from tinnhiem.ballotcrypto.group import GENERATOR, Point, Scalar
from tinnhiem.ballotcrypto.hashing import Context, seeded_rng
from tinnhiem.ballotcrypto.proofs import OneOfProof, encrypt_mark, level_values, verify_mark

KEY = KeyPair.from_secret(Scalar(123456789)).public
VALUES = level_values(3, 40)
MARKS = [
    (*encrypt_mark(KEY, i % 3, VALUES, ctx, seeded_rng(b"batch%d" % i))[:2], ctx)
    for i in range(6)
    for ctx in [Context("s", "tinnhiem/election-record/1", f"person:{i}")]
]


def batch_holds(marks: list[tuple[Ciphertext, OneOfProof, Context]]) -> bool:
    batch = MarkBatch(KEY, VALUES)
    return all(batch.add(*mark) for mark in marks) and batch.holds()


def test_honest_marks_pass_as_a_batch() -> None:
    assert batch_holds(MARKS)
    assert MarkBatch(KEY, VALUES).holds()


def _shift(points: tuple[Point, ...], j: int) -> tuple[Point, ...]:
    return tuple(p * GENERATOR if i == j else p for i, p in enumerate(points))


def _bump(scalars: tuple[Scalar, ...], j: int) -> tuple[Scalar, ...]:
    return tuple(s + Scalar(1) if i == j else s for i, s in enumerate(scalars))


@settings(max_examples=12, deadline=None)
@given(
    st.integers(0, 5),
    st.sampled_from(["a", "b", "c", "z", "alpha", "beta", "context"]),
    st.integers(0, 2),
)
def test_any_single_change_fails_the_batch_like_the_reference(
    position: int, part: str, branch: int
) -> None:
    ciphertext, proof, ctx = MARKS[position]
    if part in ("a", "b"):
        proof = dataclasses.replace(proof, **{part: _shift(getattr(proof, part), branch)})
    elif part in ("c", "z"):
        proof = dataclasses.replace(proof, **{part: _bump(getattr(proof, part), branch)})
    elif part == "context":
        ctx = Context(ctx.session, ctx.record_version, "person:other")
    else:
        ciphertext = dataclasses.replace(
            ciphertext, **{part: getattr(ciphertext, part) * GENERATOR}
        )
    assert not verify_mark(KEY, ciphertext, proof, VALUES, ctx)
    marks = list(MARKS)
    marks[position] = (ciphertext, proof, ctx)
    assert not batch_holds(marks)


def test_a_proof_for_a_value_outside_the_list_passes_the_g_side_and_fails_the_h_side() -> None:
    """The prover knows r, so every g-side equation holds; only the deferred h-side catches it."""
    ctx, nonce = MARKS[0][2], Scalar(99)
    ciphertext = encrypt(KEY, 5, nonce)
    proof = OneOfProof.prove(KEY, ciphertext, VALUES, 0, nonce, ctx)
    assert not verify_mark(KEY, ciphertext, proof, VALUES, ctx)
    batch = MarkBatch(KEY, VALUES)
    assert batch.add(*MARKS[1]) and batch.add(ciphertext, proof, ctx)
    assert not batch.holds()


@pytest.mark.parametrize("k", [2, 4])
def test_a_batch_with_the_wrong_number_of_branches_fails(k: int) -> None:
    values = level_values(k, 40)
    ciphertext, proof, _ = encrypt_mark(KEY, 0, values, MARKS[0][2])
    assert not batch_holds([(ciphertext, proof, MARKS[0][2])])
    batch = MarkBatch(KEY, values)
    assert batch.add(ciphertext, proof, MARKS[0][2]) and batch.holds()
