// The voter's signed receipt (docs/crypto.md, 11.8): the JavaScript twin of
// tinnhiem.ballotcrypto.receipts, for the booth (check the receipt the server just gave) and the
// bulletin board (check a kept receipt against the closed board).
//
//   message   = LP("tinnhiem/receipt-signature/1") ‖ LP(canonical JSON of the unsigned receipt)
//   signature = Ed25519 (RFC 8032) by the manifest's receipt_key
//
// Verification is strict (noble's zip215: false: canonical encodings only, S < ℓ), as libsodium's
// is, and a public key of small order is refused, so that the booth, the board and
// `tinnhiem verify --receipt` accept the same receipts.

import { ed25519 } from '@noble/curves/ed25519.js';
import { concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

import { canonicalJson, lengthPrefixed } from './ballotcrypto.js';

export const RECEIPT_VERSION = 'tinnhiem/receipt/2';
export const TAG_RECEIPT_SIGNATURE = 'tinnhiem/receipt-signature/1';

const FIELDS = ['at', 'ballot_hash', 'manifest', 'position', 'session', 'signature', 'tracking_code', 'v'];
const FORMATS = {
  session: (x) => typeof x === 'string' && x.length > 0 && x.length <= 200,
  manifest: (x) => typeof x === 'string' && /^[0-9a-f]{64}$/.test(x),
  ballot_hash: (x) => typeof x === 'string' && /^[0-9a-f]{64}$/.test(x),
  tracking_code: (x) => typeof x === 'string' && /^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/.test(x),
  position: (x) => Number.isSafeInteger(x) && x >= 1,
  at: (x) => typeof x === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(x),
  signature: (x) => typeof x === 'string' && /^[0-9a-f]{128}$/.test(x),
};

/** The first check that fails; `step` is one of format, election, key, signature, ballot, count. */
export class ReceiptError extends Error {
  constructor(step, vi, en) {
    super(en);
    this.name = 'ReceiptError';
    this.step = step;
    this.vi = vi;
    this.en = en;
  }
}

/** Parse a receipt strictly: exactly its fields, each well formed. */
export function readReceipt(data) {
  if (data === null || typeof data !== 'object' || Array.isArray(data) || data.v !== RECEIPT_VERSION) {
    throw new ReceiptError('format', `Không phải biên nhận ${RECEIPT_VERSION}`, `Not a ${RECEIPT_VERSION} receipt`);
  }
  const keys = Object.keys(data).sort();
  if (keys.length !== FIELDS.length || keys.some((key, i) => key !== FIELDS[i])) {
    throw new ReceiptError('format', 'Biên nhận thiếu hoặc thừa trường', 'The receipt has missing or extra fields');
  }
  for (const [field, isGood] of Object.entries(FORMATS)) {
    if (!isGood(data[field])) {
      throw new ReceiptError('format', `Biên nhận: trường ${field} sai dạng`, `Receipt: the field ${field} is malformed`);
    }
  }
  return data;
}

/** The bytes the signature covers. */
export function receiptMessage(receipt) {
  const { signature, ...unsigned } = receipt;
  return concatBytes(
    lengthPrefixed(utf8ToBytes(TAG_RECEIPT_SIGNATURE)),
    lengthPrefixed(utf8ToBytes(canonicalJson(unsigned))),
  );
}

/** A public key (64 lowercase hex) of Ed25519's prime-order subgroup. */
export function isVerifyKey(keyHex) {
  if (typeof keyHex !== 'string' || !/^[0-9a-f]{64}$/.test(keyHex)) return false;
  try {
    const point = ed25519.Point.fromBytes(hexToBytes(keyHex), false);
    return !point.isSmallOrder() && point.isTorsionFree();
  } catch {
    return false;
  }
}

/** Whether the receipt's signature holds under the key. */
export function isSignedBy(receipt, keyHex) {
  if (!isVerifyKey(keyHex)) return false;
  try {
    return ed25519.verify(hexToBytes(receipt.signature), receiptMessage(receipt), hexToBytes(keyHex), { zip215: false });
  } catch {
    return false;
  }
}

/**
 * Check a receipt, in the order of `tinnhiem verify --receipt`. `board.cast` maps each cast
 * ballot's hash to its tracking code once the box is closed (null while voting: the list is not
 * published yet, and only the signature is checked). Returns {receipt, onBoard: true | null};
 * throws ReceiptError naming the first failure.
 */
export function checkReceipt(data, { session, manifestHash, receiptKey, cast = null }) {
  const receipt = readReceipt(data);
  if (receipt.session !== session) {
    throw new ReceiptError(
      'election',
      `Biên nhận của phiên khác (${receipt.session}), không phải phiên này`,
      `The receipt is for another election (${receipt.session}), not this one`,
    );
  }
  if (receipt.manifest !== manifestHash) {
    throw new ReceiptError(
      'election',
      `Biên nhận của một cuộc bỏ phiếu khác: mã manifest ${receipt.manifest.slice(0, 16)}… khác mã của phiên này`,
      `The receipt is for another election: its manifest hash ${receipt.manifest.slice(0, 16)}… is not this one's`,
    );
  }
  if (!receiptKey) {
    throw new ReceiptError('key', 'Phiên này không có khóa ký biên nhận', 'This election publishes no receipt key');
  }
  if (!isSignedBy(receipt, receiptKey)) {
    throw new ReceiptError(
      'signature',
      'Chữ ký của biên nhận không hợp lệ (biên nhận bị sửa hoặc giả)',
      "The receipt's signature does not hold (altered or forged)",
    );
  }
  if (cast === null) return { receipt, onBoard: null };
  if (cast.get(receipt.ballot_hash) !== receipt.tracking_code) {
    throw new ReceiptError(
      'ballot',
      `Phiếu ${receipt.tracking_code} có biên nhận ký bởi máy chủ nhưng KHÔNG có trên bảng: phiếu đã bị bỏ hoặc bị thay`,
      `Ballot ${receipt.tracking_code} has a receipt signed by the server but is NOT on the board: it was dropped or replaced`,
    );
  }
  if (receipt.position > cast.size) {
    throw new ReceiptError(
      'count',
      `Biên nhận ghi hòm phiếu đã có ${receipt.position} phiếu, bảng chỉ có ${cast.size}: phiếu đã bị bỏ khỏi hòm`,
      `The receipt says the box held ${receipt.position} ballots; the board holds ${cast.size}: ballots were dropped`,
    );
  }
  return { receipt, onBoard: true };
}
