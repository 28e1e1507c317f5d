// The booth's cryptography reproduces tests/vectors/ballotcrypto-1.json (made by the Python
// package, the reference) byte for byte, and rejects every invalid case in it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import * as bc from '../src/ballotcrypto.js';

const vectors = JSON.parse(readFileSync(new URL('../../tests/vectors/ballotcrypto-1.json', import.meta.url), 'utf8'));

const hashItem = (item) => {
  if ('utf8' in item) return item.utf8;
  if ('hex' in item) return bc.hexToBytes(item.hex);
  return bc.u64(BigInt(item.u64));
};
const context = (c) => ({ session: c.session, recordVersion: c.record_version, label: c.label });
const key = (hex) => bc.pointFromHex(hex);

test('vectors are the version this code reads', () => {
  assert.equal(vectors.v, 'tinnhiem/test-vectors/ballotcrypto/1');
});

test('hash to a scalar: SHA-512 of length-prefixed items reduced mod ℓ', () => {
  for (const case_ of vectors.hash_to_scalar) {
    const scalar = bc.hashToScalar(case_.tag, ...case_.items.map(hashItem));
    assert.equal(bc.scalarToHex(scalar), case_.scalar, case_.tag);
  }
});

test('context encoding', () => {
  for (const case_ of vectors.context) {
    assert.equal(bc.bytesToHex(bc.encodeContext(context(case_))), case_.encoded);
  }
});

test('seeded rng draws', () => {
  for (const case_ of vectors.seeded_rng) {
    const rng = bc.seededRng(bc.hexToBytes(case_.seed));
    assert.deepEqual(
      case_.draws.map(() => bc.scalarToHex(rng())),
      case_.draws,
    );
  }
});

test('ElGamal encryption with a given nonce', () => {
  for (const case_ of vectors.encryption) {
    const ct = bc.encrypt(key(case_.public_key), BigInt(case_.m), bc.scalarFromHex(case_.nonce));
    assert.deepEqual(bc.ciphertextToDict(ct), case_.ciphertext);
  }
});

test('one-of-k marks from a seeded rng are byte-identical and verify', () => {
  for (const case_ of vectors.one_of) {
    const rng = bc.seededRng(bc.hexToBytes(case_.seed));
    const mark = bc.encryptMark(key(case_.public_key), case_.index, case_.values, context(case_.context), rng);
    assert.equal(bc.scalarToHex(mark.nonce), case_.nonce);
    assert.deepEqual(bc.ciphertextToDict(mark.ciphertext), case_.ciphertext);
    assert.deepEqual(bc.proofToDict(mark.proof), case_.proof, `k = ${case_.values.length}`);
    const ok = bc.oneOfVerify(
      key(case_.public_key),
      bc.ciphertextFromDict(case_.ciphertext),
      case_.values,
      context(case_.context),
      bc.proofFromDict(case_.proof),
    );
    assert.equal(ok, true);
  }
});

test('a whole ballot from a seeded rng: JSON, canonical JSON, hash, tracking code, opening', () => {
  const v = vectors.ballot;
  const made = bc.encryptBallot(v.election, v.choices, { rng: bc.seededRng(bc.hexToBytes(v.seed)) });
  assert.deepEqual(made.ballot, v.ballot);
  assert.equal(bc.canonicalJson(made.ballot), v.canonical_json);
  assert.equal(made.ballot_hash, v.ballot_hash);
  assert.equal(made.tracking_code, v.tracking_code);
  assert.deepEqual(made.opening, v.opening);
});

test('the Python ballot verifies and its opening checks', () => {
  const v = vectors.ballot;
  assert.equal(bc.verifyBallot(v.election, v.ballot), true);
  assert.deepEqual(bc.checkOpening(v.election, v.ballot, v.opening), v.choices);
});

test('a wrong opening is refused', () => {
  const v = vectors.ballot;
  const other = structuredClone(v.opening);
  other.choices[0] = (other.choices[0] + 1) % 3;
  assert.throws(() => bc.checkOpening(v.election, v.ballot, other), bc.BallotCryptoError);
});

test('canonical JSON equals Python json.dumps(sort_keys, compact, ensure_ascii=False)', () => {
  for (const case_ of vectors.canonical_json) {
    assert.equal(bc.canonicalJson(case_.value), case_.json);
    assert.deepEqual(JSON.parse(case_.json), case_.value);
  }
});

test('invalid points are rejected', () => {
  for (const case_ of vectors.invalid.points) {
    assert.throws(() => bc.pointFromBytes(bc.hexToBytes(case_.hex)), bc.BallotCryptoError, case_.why);
  }
});

test('scalars ≥ ℓ or of the wrong length are rejected', () => {
  for (const case_ of vectors.invalid.scalars) {
    assert.throws(() => bc.scalarFromBytes(bc.hexToBytes(case_.hex)), bc.BallotCryptoError, case_.why);
  }
});

test('tampered proofs fail, the control verifies', () => {
  for (const case_ of vectors.invalid.proofs) {
    const ok = bc.oneOfVerify(
      key(case_.public_key),
      bc.ciphertextFromDict(case_.ciphertext),
      case_.values,
      context(case_.context),
      bc.proofFromDict(case_.proof),
    );
    assert.equal(ok, case_.valid, case_.why);
  }
});
