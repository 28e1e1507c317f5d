"""hash_to_scalar: domain separated, length prefixed, reduced from 64 bytes."""

from __future__ import annotations

import hashlib

from tinnhiem.ballotcrypto import ORDER, Context, hash_to_scalar


def test_the_hash_is_sha512_of_length_prefixed_inputs_reduced_mod_l() -> None:
    tag, item = "tinnhiem/test", b"abc"
    data = len(tag).to_bytes(8, "big") + tag.encode() + len(item).to_bytes(8, "big") + item
    expected = int.from_bytes(hashlib.sha512(data).digest(), "little") % ORDER
    assert hash_to_scalar(tag, item).value == expected


def test_the_tag_separates_domains() -> None:
    assert hash_to_scalar("tinnhiem/a", b"x") != hash_to_scalar("tinnhiem/b", b"x")


def test_length_prefixes_make_the_split_of_inputs_matter() -> None:
    assert hash_to_scalar("t", b"ab", b"c") != hash_to_scalar("t", b"a", b"bc")


def test_contexts_differ_in_each_field() -> None:
    base = Context("session-1", "tinnhiem-record/1", "person:1")
    others = [
        Context("session-2", "tinnhiem-record/1", "person:1"),
        Context("session-1", "tinnhiem-record/2", "person:1"),
        Context("session-1", "tinnhiem-record/1", "person:2"),
        Context("session-1tinnhiem-record/1", "", "person:1"),
    ]
    assert all(other.encode() != base.encode() for other in others)
