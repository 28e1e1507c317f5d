// The receipt check of the booth and the board (js/src/receipt.js) reaches the outcome of the
// Python reference on every case of tests/vectors/receipt-2.json: valid, or the same failing step.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { bytesToHex } from '@noble/hashes/utils.js';

import { ReceiptError, checkReceipt, isSignedBy, isVerifyKey, readReceipt, receiptMessage } from '../src/receipt.js';

const vectors = JSON.parse(readFileSync(new URL('../../tests/vectors/receipt-2.json', import.meta.url), 'utf8'));
const board = {
  session: vectors.session,
  manifestHash: vectors.manifest,
  receiptKey: vectors.receipt_key,
  cast: new Map(vectors.board),
};

function outcome(receipt, where = board) {
  try {
    checkReceipt(receipt, where);
    return 'valid';
  } catch (error) {
    if (!(error instanceof ReceiptError)) throw error;
    return error.step;
  }
}

test('vectors are the version this code reads', () => {
  assert.equal(vectors.v, 'tinnhiem/test-vectors/receipt/2');
});

test('the signed message: tag and canonical JSON of the unsigned receipt, length-prefixed', () => {
  const receipt = { ...vectors.message.unsigned, signature: '00'.repeat(64) };
  assert.equal(bytesToHex(receiptMessage(receipt)), vectors.message.hex);
});

test('every case reaches the outcome of the Python reference', () => {
  for (const case_ of vectors.cases) {
    assert.equal(outcome(case_.receipt), case_.expected, case_.name);
  }
});

test('while voting only the signature is checked; the board decides at the close', () => {
  const open = { ...board, cast: null };
  for (const case_ of vectors.cases) {
    const expected = ['ballot', 'count'].includes(case_.expected) ? 'valid' : case_.expected;
    assert.equal(outcome(case_.receipt, open), expected, case_.name);
  }
  assert.equal(checkReceipt(vectors.cases[0].receipt, open).onBoard, null);
  assert.equal(checkReceipt(vectors.cases[0].receipt, board).onBoard, true);
});

test('no key, a small-order key, a non-canonical key: nothing verifies', () => {
  const good = vectors.cases[0].receipt;
  assert.equal(outcome(good, { ...board, receiptKey: '' }), 'key');
  assert.ok(isVerifyKey(vectors.receipt_key) && isSignedBy(readReceipt(good), vectors.receipt_key));
  for (const key of ['00'.repeat(32), `01${'00'.repeat(31)}`, vectors.receipt_key.toUpperCase(), 'zz']) {
    assert.ok(!isVerifyKey(key), key);
    assert.ok(!isSignedBy(good, key), key);
  }
});

test("the board page's verdict: signature only while voting, the list once closed", async () => {
  const { verdict } = await import('../src/board-receipt.js');
  const data = { session: vectors.session, manifest_hash: vectors.manifest, receipt_key: vectors.receipt_key };
  const byName = Object.fromEntries(vectors.cases.map((c) => [c.name, c.receipt]));
  const open = verdict(byName.valid, { ...data, closed: false }, new Map());
  assert.ok(open.ok && open.en.includes('check again then'));
  const closed = verdict(byName.valid, { ...data, closed: true }, board.cast);
  assert.ok(closed.ok && closed.en.includes('is on the board'));
  const dropped = verdict(byName['ballot not on the board'], { ...data, closed: true }, board.cast);
  assert.ok(!dropped.ok && dropped.en.includes('dropped or replaced'));
  const forged = verdict(byName['position altered'], { ...data, closed: false }, new Map());
  assert.ok(!forged.ok && forged.vi.includes('Chữ ký'));
});
