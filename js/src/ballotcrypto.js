// The booth's ballot cryptography: the JavaScript twin of tinnhiem.ballotcrypto.
//
// Implements docs/crypto.md sections 1 (ristretto255, canonical encodings), 3 (hash to a scalar,
// the context), 4.2 (the one-of-k CDS proof, prove and verify), 4.3 (one person's mark),
// 9 (the seeded rng and the order of draws) and 10 (ballot JSON, ballot hash, tracking code,
// opening). Python and this module produce byte-identical ballots from the same seeded rng;
// tests/vectors/ballotcrypto-1.json is the shared witness.
//
// Scalars are bigints in [0, ℓ); points are ristretto255 points of @noble/curves. Operations
// with a secret scalar use noble's constant-time `multiply`; verification, which handles only
// public data, uses the faster `multiplyUnsafe`.

import { ristretto255 } from '@noble/curves/ed25519.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

const Point = ristretto255.Point;

export const ORDER = Point.Fn.ORDER;
export const GROUP_NAME = 'ristretto255';
export const RECORD_VERSION = 'tinnhiem/election-record/1';
export const TAG_ONE_OF = 'tinnhiem/ballotcrypto/v2/one-of';
export const TAG_SEEDED_RNG = 'tinnhiem/ballotcrypto/v1/seeded-rng';
export const TAG_CONTEXT = 'tinnhiem/ballotcrypto/context';
export const TAG_BALLOT_HASH = 'tinnhiem/ballot-hash/1';
export const CIPHERTEXT_VERSION = 'tinnhiem/ciphertext/1';
export const ONE_OF_VERSION = 'tinnhiem/one-of/1';
export const BALLOT_VERSION = 'tinnhiem/ballot/1';
export const OPENING_VERSION = 'tinnhiem/opening/1';

const G = Point.BASE;
G.precompute(8, false);
const IDENTITY = Point.ZERO;
const U64_LIMIT = 1n << 64n;

/** A decoding or input error; `vi` and `en` carry the bilingual message. */
export class BallotCryptoError extends Error {
  constructor(vi, en) {
    super(en);
    this.name = 'BallotCryptoError';
    this.vi = vi;
    this.en = en;
  }
}

// ---- Section 1: scalars and points --------------------------------------------------------

/** Decode 32 little-endian bytes; a value ≥ ℓ is rejected, never reduced. */
export function scalarFromBytes(bytes) {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 32) {
    throw new BallotCryptoError('Số vô hướng phải dài 32 byte', 'A scalar must be 32 bytes');
  }
  const value = bytesToNumberLE(bytes);
  if (value >= ORDER) {
    throw new BallotCryptoError('Số vô hướng không ở dạng chuẩn (≥ ℓ)', 'Non-canonical scalar (≥ ℓ)');
  }
  return value;
}

/** 32 bytes little-endian of a scalar in [0, ℓ). */
export function scalarToBytes(scalar) {
  if (typeof scalar !== 'bigint' || scalar < 0n || scalar >= ORDER) {
    throw new BallotCryptoError('Số vô hướng nằm ngoài [0, ℓ)', 'Scalar outside [0, ℓ)');
  }
  const out = new Uint8Array(32);
  let rest = scalar;
  for (let i = 0; i < 32; i++) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

/** Decode and validate a point from outside (canonical ristretto255; 32 zero bytes = identity). */
export function pointFromBytes(bytes) {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 32) {
    throw new BallotCryptoError('Điểm phải dài 32 byte', 'A point must be 32 bytes');
  }
  try {
    return Point.fromBytes(bytes);
  } catch {
    throw new BallotCryptoError(
      'Chuỗi byte không phải điểm ristretto255 hợp lệ',
      'Bytes are not a valid ristretto255 point encoding',
    );
  }
}

// Encoding a point costs an inverse square root; a proof's points are encoded twice (hashed,
// then written to the record), so each point's encoding is kept with it.
const encodings = new WeakMap();

export function pointToBytes(point) {
  let bytes = encodings.get(point);
  if (bytes === undefined) {
    bytes = point.toBytes();
    encodings.set(point, bytes);
  }
  return bytes;
}

export function pointToHex(point) {
  return bytesToHex(pointToBytes(point));
}

/** Decode a hex field of a record (lowercase or not) into a validated point. */
export function pointFromHex(text) {
  return pointFromBytes(hexField(text, 'Trường điểm', 'A point field'));
}

export function scalarFromHex(text) {
  return scalarFromBytes(hexField(text, 'Trường số vô hướng', 'A scalar field'));
}

export function scalarToHex(scalar) {
  return bytesToHex(scalarToBytes(scalar));
}

function hexField(text, vi, en) {
  if (typeof text !== 'string' || !/^[0-9a-f]{64}$/.test(text)) {
    throw new BallotCryptoError(`${vi} không phải chuỗi hex 32 byte`, `${en} is not 32 bytes of hex`);
  }
  return hexToBytes(text);
}

/** Refuse the identity as a public key: it would make every ciphertext a plaintext. */
export function checkPublicKey(point) {
  if (point.is0()) {
    throw new BallotCryptoError(
      'Khóa công khai không được là phần tử đơn vị',
      'The public key must not be the identity',
    );
  }
  return point;
}

/** base^k with a secret k, constant time; k = 0 or an identity base gives the identity. */
function powSecret(base, k) {
  if (k === 0n || base.is0()) return IDENTITY;
  return base.multiply(k);
}

/** base^k with public k and base (verification only). */
function powPublic(base, k) {
  return base.multiplyUnsafe(k);
}

const mod = (x) => ((x % ORDER) + ORDER) % ORDER;

// ---- Section 3: hash to a scalar, context ------------------------------------------------

/** u64 big-endian of a non-negative integer below 2^64 (how integers are hashed). */
export function u64(n) {
  const value = BigInt(n);
  if (value < 0n || value >= U64_LIMIT) {
    throw new BallotCryptoError('Số nguyên ngoài [0, 2^64)', 'Integer outside [0, 2^64)');
  }
  const out = new Uint8Array(8);
  let rest = value;
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

/** LP(b) = u64be(len b) ‖ b. */
export function lengthPrefixed(bytes) {
  return concatBytes(u64(bytes.length), bytes);
}

function encodeItem(item) {
  if (item instanceof Uint8Array) return item;
  if (typeof item === 'string') return utf8ToBytes(item);
  if (item instanceof Point) return pointToBytes(item);
  // integers and scalars are ambiguous here: callers pass u64(n) or scalarToBytes(s)
  throw new TypeError('hash item must be bytes, a string or a point');
}

/** The 64-byte digest read little-endian and reduced mod ℓ (libsodium's scalar_reduce). */
export function reduce64(bytes) {
  return bytesToNumberLE(bytes) % ORDER;
}

/**
 * H_T(x1, …, xn) = reduce(SHA-512(LP(T) ‖ LP(x1) ‖ … ‖ LP(xn))). Items: bytes as they are,
 * strings in UTF-8, points in their 32-byte encoding (integers: pass u64(n); scalars:
 * scalarToBytes(s)).
 */
export function hashToScalar(tag, ...items) {
  const hash = sha512.create();
  hash.update(lengthPrefixed(utf8ToBytes(tag)));
  for (const item of items) hash.update(lengthPrefixed(encodeItem(item)));
  return reduce64(hash.digest());
}

/** LP("tinnhiem/ballotcrypto/context") ‖ LP(session) ‖ LP(record_version) ‖ LP(label). */
export function encodeContext({ session, recordVersion, label = '' }) {
  return concatBytes(
    ...[TAG_CONTEXT, session, recordVersion, label].map((part) => lengthPrefixed(utf8ToBytes(part))),
  );
}

/** The context of one person's mark on a ballot (section 10). */
export function personContext(session, recordVersion, personId) {
  return { session, recordVersion, label: `person:${personId}` };
}

// ---- Randomness (sections 1 and 9) -------------------------------------------------------

/** A uniform scalar: 64 bytes from crypto.getRandomValues reduced mod ℓ. */
export function randomScalar() {
  const bytes = new Uint8Array(64);
  globalThis.crypto.getRandomValues(bytes);
  const value = reduce64(bytes);
  bytes.fill(0);
  return value;
}

/**
 * The seeded source of section 9: the i-th draw (from 0) is H_seeded-rng(seed, u64(i)).
 * Predictable by anyone who knows the seed: for test vectors and demos only.
 */
export function seededRng(seed) {
  const seedBytes = typeof seed === 'string' ? utf8ToBytes(seed) : seed;
  let counter = 0;
  return () => hashToScalar(TAG_SEEDED_RNG, seedBytes, u64(counter++));
}

// ---- Section 2: exponential ElGamal ------------------------------------------------------

/** Enc(m; r) = (g^r, g^m · h^r). */
export function encrypt(publicKey, m, nonce) {
  checkPublicKey(publicKey);
  const value = BigInt(m);
  if (value < 0n) throw new BallotCryptoError('Giá trị âm', 'Negative plaintext');
  return {
    alpha: powSecret(G, nonce),
    beta: powSecret(G, mod(value)).add(powSecret(publicKey, nonce)),
  };
}

export function ciphertextToDict(ct) {
  return { v: CIPHERTEXT_VERSION, alpha: pointToHex(ct.alpha), beta: pointToHex(ct.beta) };
}

export function ciphertextFromDict(data) {
  requireRecord(data, CIPHERTEXT_VERSION, ['alpha', 'beta'], 'bản mã', 'ciphertext');
  return { alpha: pointFromHex(data.alpha), beta: pointFromHex(data.beta) };
}

export function ciphertextEquals(a, b) {
  return a.alpha.equals(b.alpha) && a.beta.equals(b.beta);
}

function requireRecord(data, version, fields, vi, en) {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new BallotCryptoError(`${vi} không phải đối tượng JSON`, `The ${en} is not a JSON object`);
  }
  if (data.v !== version) {
    throw new BallotCryptoError(
      `Phiên bản ${vi} không được hỗ trợ: ${JSON.stringify(data.v)}`,
      `Unsupported ${en} version: ${JSON.stringify(data.v)}`,
    );
  }
  const keys = Object.keys(data).sort();
  const expected = ['v', ...fields].sort();
  if (keys.length !== expected.length || keys.some((key, i) => key !== expected[i])) {
    throw new BallotCryptoError(`Các trường của ${vi} sai`, `Wrong fields in a ${en} record`);
  }
}

// ---- Sections 4.2 and 4.3: the one-of-k proof and one person's mark ----------------------

/** The values of section 4.3: v_l = M^l for l < L − 1, v_{L−1} = 0, M = max_ballots + 1. */
export function levelValues(levels, maxBallots) {
  if (!Number.isInteger(levels) || levels < 2) {
    throw new BallotCryptoError('Cần ít nhất 2 mức', 'At least 2 levels are needed');
  }
  const base = BigInt(maxBallots) + 1n;
  if (base < 2n) throw new BallotCryptoError('Số phiếu tối đa phải ≥ 1', 'max_ballots must be ≥ 1');
  const values = [];
  for (let l = 0; l < levels - 1; l++) values.push(base ** BigInt(l));
  values.push(0n);
  for (const v of values) u64(v);
  return values;
}

function checkValues(values) {
  const list = values.map((v) => BigInt(v));
  if (list.length < 2) throw new BallotCryptoError('Cần ít nhất 2 giá trị', 'At least 2 values');
  for (const v of list) u64(v);
  if (new Set(list.map(String)).size !== list.length) {
    throw new BallotCryptoError('Các giá trị phải khác nhau', 'The values must be distinct');
  }
  return list;
}

/**
 * c = H_one-of("ristretto255", g, h, u64(k), u64(v_0), …, u64(v_{k−1}), α, β,
 *              a_0, b_0, …, a_{k−1}, b_{k−1}, context): the whole statement is hashed.
 */
function oneOfChallenge(publicKey, ciphertext, values, a, b, context) {
  const commitments = [];
  for (let j = 0; j < values.length; j++) commitments.push(a[j], b[j]);
  return hashToScalar(
    TAG_ONE_OF,
    GROUP_NAME,
    G,
    publicKey,
    u64(values.length),
    ...values.map(u64),
    ciphertext.alpha,
    ciphertext.beta,
    ...commitments,
    encodeContext(context),
  );
}

/**
 * Prove that `ciphertext` = Enc(values[index]; nonce) encrypts one of `values` (section 4.2).
 *
 * Draws from `rng`, in this order: for each simulated branch j ≠ index in increasing j, c_j
 * then z_j; then the real branch's w. The simulated commitments a_j = g^{z_j} / α^{c_j} and
 * b_j = h^{z_j} / β_j^{c_j} are computed, with the nonce r known to the prover, as
 * g^{z_j − r·c_j} and h^{z_j − r·c_j} · g^{−c_j·(v* − v_j)}: the same points, with fixed bases only.
 * Returns {a, b, c, z}: lists of k points / scalars.
 */
export function oneOfProve(publicKey, ciphertext, values, index, nonce, context, rng = randomScalar) {
  checkPublicKey(publicKey);
  const list = checkValues(values);
  const k = list.length;
  if (!Number.isInteger(index) || index < 0 || index >= k) {
    throw new BallotCryptoError(`Mức ${index} không nằm trong ${k} mức`, `Level ${index} is not one of ${k} levels`);
  }
  const a = new Array(k);
  const b = new Array(k);
  const c = new Array(k);
  const z = new Array(k);
  const real = list[index];
  for (let j = 0; j < k; j++) {
    if (j === index) continue;
    c[j] = rng();
    z[j] = rng();
    const e = mod(z[j] - nonce * c[j]);
    a[j] = powSecret(G, e);
    b[j] = powSecret(publicKey, e).add(powSecret(G, mod(-c[j] * (real - list[j]))));
  }
  const w = rng();
  a[index] = powSecret(G, w);
  b[index] = powSecret(publicKey, w);
  const challenge = oneOfChallenge(publicKey, ciphertext, list, a, b, context);
  let simulated = 0n;
  for (let j = 0; j < k; j++) if (j !== index) simulated += c[j];
  c[index] = mod(challenge - simulated);
  z[index] = mod(w + c[index] * nonce);
  return { a, b, c, z };
}

/**
 * Accept iff every list has k entries, Σ c_j = c (recomputed) and, for every j,
 * g^{z_j} = a_j · α^{c_j} and h^{z_j} = b_j · (β / g^{v_j})^{c_j}. Never throws on a bad proof.
 */
export function oneOfVerify(publicKey, ciphertext, values, context, proof) {
  try {
    if (publicKey.is0()) return false;
    const list = checkValues(values);
    const k = list.length;
    const { a, b, c, z } = proof;
    if (![a, b, c, z].every((x) => Array.isArray(x) && x.length === k)) return false;
    const challenge = oneOfChallenge(publicKey, ciphertext, list, a, b, context);
    if (mod(c.reduce((sum, cj) => sum + cj, 0n)) !== challenge) return false;
    for (let j = 0; j < k; j++) {
      const betaJ = ciphertext.beta.subtract(powPublic(G, mod(list[j])));
      if (!powPublic(G, z[j]).equals(a[j].add(powPublic(ciphertext.alpha, c[j])))) return false;
      if (!powPublic(publicKey, z[j]).equals(b[j].add(powPublic(betaJ, c[j])))) return false;
    }
    return true;
  } catch (error) {
    if (error instanceof BallotCryptoError || error instanceof RangeError) return false;
    throw error;
  }
}

export function proofToDict(proof) {
  return {
    v: ONE_OF_VERSION,
    a: proof.a.map(pointToHex),
    b: proof.b.map(pointToHex),
    c: proof.c.map(scalarToHex),
    z: proof.z.map(scalarToHex),
  };
}

export function proofFromDict(data) {
  requireRecord(data, ONE_OF_VERSION, ['a', 'b', 'c', 'z'], 'chứng minh', 'proof');
  for (const key of ['a', 'b', 'c', 'z']) {
    if (!Array.isArray(data[key])) {
      throw new BallotCryptoError('Các trường của chứng minh sai', 'Wrong fields in a proof record');
    }
  }
  return {
    a: data.a.map(pointFromHex),
    b: data.b.map(pointFromHex),
    c: data.c.map(scalarFromHex),
    z: data.z.map(scalarFromHex),
  };
}

/**
 * One person's mark (section 4.3): Enc(values[levelIndex]; r) and its one-of proof.
 * Draws r first, then the proof's draws: 2L draws in all. Returns {ciphertext, proof, nonce}.
 * g^{v_l} is taken from a table of all k values, so the work does not depend on the level.
 */
export function encryptMark(publicKey, levelIndex, values, context, rng = randomScalar) {
  checkPublicKey(publicKey);
  const list = checkValues(values);
  if (!Number.isInteger(levelIndex) || levelIndex < 0 || levelIndex >= list.length) {
    throw new BallotCryptoError(
      `Mức ${levelIndex} không nằm trong ${list.length} mức`,
      `Level ${levelIndex} is not one of ${list.length} levels`,
    );
  }
  const powers = valuePowers(list);
  const nonce = rng();
  const ciphertext = { alpha: powSecret(G, nonce), beta: powers[levelIndex].add(powSecret(publicKey, nonce)) };
  const proof = oneOfProve(publicKey, ciphertext, list, levelIndex, nonce, context, rng);
  return { ciphertext, proof, nonce };
}

// g^{v_j} for the values of the last ballot (public, the same for every person).
let powersCache = { key: '', powers: [] };

function valuePowers(values) {
  const key = values.join(',');
  if (powersCache.key !== key) powersCache = { key, powers: values.map((v) => powSecret(G, mod(v))) };
  return powersCache.powers;
}

// ---- Section 10: ballot, canonical JSON, ballot hash, tracking code, opening --------------

/**
 * Canonical JSON: keys sorted (by code point), no whitespace, UTF-8 without ASCII escaping,
 * integers only. Byte-identical to Python's
 * json.dumps(x, sort_keys=True, separators=(",", ":"), ensure_ascii=False).
 */
export function canonicalJson(value) {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError('canonical JSON holds integers only');
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') {
    if (!value.isWellFormed()) throw new TypeError('canonical JSON strings must be valid Unicode');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort(compareCodePoints);
    return `{${keys.map((key) => `${canonicalJson(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  throw new TypeError(`cannot encode ${typeof value} in canonical JSON`);
}

function compareCodePoints(x, y) {
  const a = [...x].map((ch) => ch.codePointAt(0));
  const b = [...y].map((ch) => ch.codePointAt(0));
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** SHA-256(LP("tinnhiem/ballot-hash/1") ‖ LP(canonical JSON of the ballot)), 32 bytes. */
export function ballotHash(ballot) {
  return sha256(
    concatBytes(lengthPrefixed(utf8ToBytes(TAG_BALLOT_HASH)), lengthPrefixed(utf8ToBytes(canonicalJson(ballot)))),
  );
}

/** The first 8 bytes of the ballot hash, upper-case hex in four groups of four: "3F2A-91C0-…". */
export function trackingCode(hashBytes) {
  const hex = bytesToHex(hashBytes.slice(0, 8)).toUpperCase();
  return hex.match(/.{4}/g).join('-');
}

/**
 * Encrypt a whole ballot. `election` = {session, record_version, persons: [{id}], values,
 * public_key (hex)}; `choices` = one level index per person, in the persons' order.
 * Draws person after person (2L draws each). Returns {ballot, opening, ballot_hash (hex),
 * tracking_code}. `onProgress(done, total)` is called after each person.
 */
export function encryptBallot(election, choices, { rng = randomScalar, onProgress } = {}) {
  const steps = ballotSteps(election, choices, rng);
  let step = steps.next();
  while (!step.done) {
    if (onProgress) onProgress(...step.value);
    step = steps.next();
  }
  return step.value;
}

/**
 * `encryptBallot` that lets the page breathe: it yields to the event loop every `chunk`
 * persons so that a progress bar can be painted. Same draws, same result.
 */
export async function encryptBallotAsync(election, choices, { rng = randomScalar, onProgress, chunk = 4 } = {}) {
  const steps = ballotSteps(election, choices, rng);
  let step = steps.next();
  while (!step.done) {
    const [done, total] = step.value;
    if (onProgress) onProgress(done, total);
    if (done % chunk === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    step = steps.next();
  }
  return step.value;
}

function* ballotSteps(election, choices, rng) {
  const publicKey = precomputeOnce(checkPublicKey(pointFromHex(election.public_key)), election.public_key);
  const values = checkValues(election.values);
  const persons = election.persons;
  if (!Array.isArray(choices) || choices.length !== persons.length) {
    throw new BallotCryptoError('Phải chọn một mức cho mỗi người', 'Choose one level for every person');
  }
  const marks = [];
  const nonces = [];
  for (let i = 0; i < persons.length; i++) {
    const person = String(persons[i].id);
    const context = personContext(election.session, election.record_version, person);
    const { ciphertext, proof, nonce } = encryptMark(publicKey, choices[i], values, context, rng);
    marks.push({ person, ciphertext: ciphertextToDict(ciphertext), proof: proofToDict(proof) });
    nonces.push(scalarToHex(nonce));
    yield [i + 1, persons.length];
  }
  const ballot = { v: BALLOT_VERSION, session: election.session, marks };
  const opening = { v: OPENING_VERSION, choices: [...choices], nonces };
  const hash = ballotHash(ballot);
  return { ballot, opening, ballot_hash: bytesToHex(hash), tracking_code: trackingCode(hash) };
}

/**
 * Check a ballot against the election: the version, the session, one mark per person in the
 * persons' order, every ciphertext and proof decoding canonically, and every proof holding
 * under the person's context. Returns true or false.
 */
export function verifyBallot(election, ballot) {
  try {
    const publicKey = checkPublicKey(pointFromHex(election.public_key));
    const values = checkValues(election.values);
    requireRecord(ballot, BALLOT_VERSION, ['session', 'marks'], 'lá phiếu', 'ballot');
    if (ballot.session !== election.session) return false;
    if (!Array.isArray(ballot.marks) || ballot.marks.length !== election.persons.length) return false;
    return election.persons.every((person, i) => {
      const mark = ballot.marks[i];
      if (mark === null || typeof mark !== 'object' || mark.person !== String(person.id)) return false;
      if (Object.keys(mark).sort().join(',') !== 'ciphertext,person,proof') return false;
      const context = personContext(election.session, election.record_version, String(person.id));
      const ciphertext = ciphertextFromDict(mark.ciphertext);
      return oneOfVerify(publicKey, ciphertext, values, context, proofFromDict(mark.proof));
    });
  } catch (error) {
    if (error instanceof BallotCryptoError) return false;
    throw error;
  }
}

/**
 * Check the opening of a challenged ballot: for every person p, Enc(v_{choices_p}; nonces_p)
 * must equal the ballot's ciphertext of p, byte for byte. Returns the level indices; throws
 * a BallotCryptoError if the opening does not match.
 */
export function checkOpening(election, ballot, opening) {
  const publicKey = checkPublicKey(pointFromHex(election.public_key));
  const values = checkValues(election.values);
  requireRecord(opening, OPENING_VERSION, ['choices', 'nonces'], 'bản mở phiếu', 'opening');
  const { choices, nonces } = opening;
  const count = ballot.marks.length;
  if (!Array.isArray(choices) || !Array.isArray(nonces) || choices.length !== count || nonces.length !== count) {
    throw new BallotCryptoError('Bản mở phiếu không khớp số người', 'The opening does not match the number of persons');
  }
  ballot.marks.forEach((mark, i) => {
    const level = choices[i];
    if (!Number.isInteger(level) || level < 0 || level >= values.length) {
      throw new BallotCryptoError(`Mức không hợp lệ ở dòng ${i + 1}`, `Invalid level on line ${i + 1}`);
    }
    const expected = ciphertextToDict(encrypt(publicKey, values[level], scalarFromHex(nonces[i])));
    if (canonicalJson(expected) !== canonicalJson(mark.ciphertext)) {
      throw new BallotCryptoError(
        `Bản mã của người ở dòng ${i + 1} không khớp với bản mở`,
        `The ciphertext on line ${i + 1} does not match the opening`,
      );
    }
  });
  return [...choices];
}

// Fixed-base tables for the public keys seen (h is the base of half the multiplications).
const keyTables = new Map();

function precomputeOnce(publicKey, hex) {
  if (keyTables.has(hex)) return keyTables.get(hex);
  publicKey.precompute(8, false);
  keyTables.set(hex, publicKey);
  return publicKey;
}

export { bytesToHex, hexToBytes };

function bytesToNumberLE(bytes) {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  return value;
}
