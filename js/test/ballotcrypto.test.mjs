// The booth's cryptography with real randomness: marks and ballots verify, forgeries fail,
// canonical JSON round-trips, inputs outside the spec are refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as bc from '../src/ballotcrypto.js';

const secret = bc.randomScalar();
const publicKey = bc.pointToHex(pointOf(secret));
const values = bc.levelValues(3, 52).map(Number);
const election = {
  session: 'phiên-thử',
  record_version: bc.RECORD_VERSION,
  persons: [{ id: '1' }, { id: '2' }, { id: 'Nguyễn-3' }],
  values,
  public_key: publicKey,
};

function pointOf(scalar) {
  // g^x through encryption of 0 with nonce x: alpha = g^x
  const g = bc.pointFromHex('e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76');
  return bc.encrypt(g, 0n, scalar).alpha;
}

const ctx = (label) => ({ session: election.session, recordVersion: bc.RECORD_VERSION, label });

test('level values are 1, M, 0 for three levels', () => {
  assert.deepEqual(bc.levelValues(3, 52), [1n, 53n, 0n]);
  assert.deepEqual(bc.levelValues(4, 9), [1n, 10n, 100n, 0n]);
  assert.throws(() => bc.levelValues(1, 52), bc.BallotCryptoError);
});

test('a mark of every level verifies; under another context, key or value list it fails', () => {
  const key = bc.pointFromHex(publicKey);
  for (let level = 0; level < 3; level++) {
    const { ciphertext, proof } = bc.encryptMark(key, level, values, ctx('person:1'));
    assert.equal(bc.oneOfVerify(key, ciphertext, values, ctx('person:1'), proof), true);
    assert.equal(bc.oneOfVerify(key, ciphertext, values, ctx('person:2'), proof), false);
    assert.equal(bc.oneOfVerify(pointOf(bc.randomScalar()), ciphertext, values, ctx('person:1'), proof), false);
    assert.equal(bc.oneOfVerify(key, ciphertext, [1, 54, 0], ctx('person:1'), proof), false);
  }
});

test('a proof for a value outside the list cannot be made honestly and a forged one fails', () => {
  const key = bc.pointFromHex(publicKey);
  const nonce = bc.randomScalar();
  const ciphertext = bc.encrypt(key, 2n, nonce); // 2 is not a level value
  // pretend it is level 0: the real branch equations do not hold
  const proof = bc.oneOfProve(key, ciphertext, values, 0, nonce, ctx('person:1'));
  assert.equal(bc.oneOfVerify(key, ciphertext, values, ctx('person:1'), proof), false);
});

test('every single changed field of a proof makes it fail', () => {
  const key = bc.pointFromHex(publicKey);
  const { ciphertext, proof } = bc.encryptMark(key, 1, values, ctx('person:1'));
  const record = bc.proofToDict(proof);
  for (const field of ['a', 'b', 'c', 'z']) {
    for (let j = 0; j < 3; j++) {
      const forged = structuredClone(record);
      if (field === 'a' || field === 'b') {
        forged[field][j] = bc.pointToHex(pointOf(bc.randomScalar()));
      } else {
        forged[field][j] = bc.scalarToHex((bc.scalarFromHex(forged[field][j]) + 1n) % bc.ORDER);
      }
      const ok = bc.oneOfVerify(key, ciphertext, values, ctx('person:1'), bc.proofFromDict(forged));
      assert.equal(ok, false, `${field}[${j}]`);
    }
  }
});

test('a whole ballot verifies, opens to its choices and has a well-formed tracking code', () => {
  const made = bc.encryptBallot(election, [2, 0, 1]);
  assert.equal(bc.verifyBallot(election, made.ballot), true);
  assert.deepEqual(bc.checkOpening(election, made.ballot, made.opening), [2, 0, 1]);
  assert.match(made.tracking_code, /^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
  assert.equal(made.tracking_code.replaceAll('-', '').toLowerCase(), made.ballot_hash.slice(0, 16));
  assert.deepEqual(made.ballot.marks.map((m) => m.person), ['1', '2', 'Nguyễn-3']);
});

test('two encryptions of the same choices differ (fresh randomness)', () => {
  const one = bc.encryptBallot(election, [0, 0, 0]);
  const two = bc.encryptBallot(election, [0, 0, 0]);
  assert.notEqual(one.tracking_code, two.tracking_code);
  assert.notEqual(one.opening.nonces[0], two.opening.nonces[0]);
});

test('the async encryption draws like the sync one', async () => {
  const sync = bc.encryptBallot(election, [1, 2, 0], { rng: bc.seededRng('same') });
  const steps = [];
  const async_ = await bc.encryptBallotAsync(election, [1, 2, 0], {
    rng: bc.seededRng('same'),
    onProgress: (done, total) => steps.push(`${done}/${total}`),
  });
  assert.deepEqual(async_, sync);
  assert.deepEqual(steps, ['1/3', '2/3', '3/3']);
});

test('ballots with a swapped, missing or foreign mark are refused', () => {
  const made = bc.encryptBallot(election, [0, 1, 2]);
  const swapped = structuredClone(made.ballot);
  [swapped.marks[0], swapped.marks[1]] = [swapped.marks[1], swapped.marks[0]];
  assert.equal(bc.verifyBallot(election, swapped), false);
  const missing = structuredClone(made.ballot);
  missing.marks.pop();
  assert.equal(bc.verifyBallot(election, missing), false);
  const relabelled = structuredClone(made.ballot);
  relabelled.marks[0].person = '2';
  assert.equal(bc.verifyBallot(election, relabelled), false);
  const otherSession = structuredClone(made.ballot);
  otherSession.session = 'khác';
  assert.equal(bc.verifyBallot({ ...election, session: 'khác' }, otherSession), false);
  const extra = structuredClone(made.ballot);
  extra.marks[0].note = 'x';
  assert.equal(bc.verifyBallot(election, extra), false);
  const upper = structuredClone(made.ballot);
  upper.marks[0].ciphertext.alpha = upper.marks[0].ciphertext.alpha.toUpperCase();
  assert.equal(bc.verifyBallot(election, upper), false);
});

test('an opening with another nonce or level is refused', () => {
  const made = bc.encryptBallot(election, [0, 1, 2]);
  const nonce = structuredClone(made.opening);
  nonce.nonces[2] = bc.scalarToHex(bc.randomScalar());
  assert.throws(() => bc.checkOpening(election, made.ballot, nonce), /line 3/);
  const level = structuredClone(made.opening);
  level.choices[1] = 5;
  assert.throws(() => bc.checkOpening(election, made.ballot, level), bc.BallotCryptoError);
});

test('canonical JSON round-trips and sorts keys by code point', () => {
  const made = bc.encryptBallot(election, [1, 1, 1]);
  const text = bc.canonicalJson(made.ballot);
  assert.equal(bc.canonicalJson(JSON.parse(text)), text);
  assert.deepEqual(JSON.parse(text), made.ballot);
  assert.equal(bc.canonicalJson({ '😀': 1, '\uffff': 2, b: [1, 'Đ'], a: null }), '{"a":null,"b":[1,"Đ"],"\uffff":2,"😀":1}');
  assert.throws(() => bc.canonicalJson({ x: 1.5 }), TypeError);
  assert.throws(() => bc.canonicalJson('\ud800'), TypeError);
});

test('the identity is refused as a public key and accepted as a point', () => {
  const zero = '00'.repeat(32);
  assert.ok(bc.pointFromHex(zero).is0());
  assert.throws(() => bc.checkPublicKey(bc.pointFromHex(zero)), bc.BallotCryptoError);
  assert.throws(() => bc.encryptBallot({ ...election, public_key: zero }, [0, 0, 0]), bc.BallotCryptoError);
});

test('hash inputs are typed: numbers must be passed as u64 bytes', () => {
  assert.throws(() => bc.hashToScalar('t', 5), TypeError);
  assert.equal(bc.hashToScalar('t', bc.u64(5)), bc.hashToScalar('t', new Uint8Array([0, 0, 0, 0, 0, 0, 0, 5])));
  assert.throws(() => bc.u64(2n ** 64n), bc.BallotCryptoError);
});
