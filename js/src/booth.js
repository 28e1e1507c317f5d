// The voting booth in the browser (issue 4): code from the slip, one level per person, review,
// encryption on the device, then cast or challenge (Benaloh cast-or-spoil).
//
// Reads everything from <script type="application/json" id="booth-data"> (see
// evote/templates/evote/booth.html). Talks to the server only by JSON POSTs carrying X-CSRFToken:
//   check_url {code}                  → {ok: true}
//   spoil_url {code, ballot, opening} → {tracking_code}
//   cast_url  {code, ballot}          → {tracking_code, ballot_hash, board_url, receipt}
// and any 4xx/5xx → {error: {vi, en}}. The choices leave the device only inside the opening of
// a ballot the voter chose to challenge; a cast ballot carries ciphertexts and proofs only.
// After a cast the server's signed receipt (docs/crypto.md 11.8) is checked here against the
// manifest's receipt key and the ballot this device made, shown, and offered for download.
// The bulletin board's page loads this same bundle to check a kept receipt (board-receipt.js).
// No innerHTML: every text from the data is set with textContent.

import {
  BallotCryptoError,
  checkOpening,
  encryptBallot,
  encryptBallotAsync,
} from './ballotcrypto.js';
import { startReceiptChecker } from './board-receipt.js';
import { ReceiptError, checkReceipt } from './receipt.js';

const LEVELS_EN = {
  'Tín nhiệm cao': 'High confidence',
  'Tín nhiệm': 'Confidence',
  'Tín nhiệm thấp': 'Low confidence',
};

const STEPS = ['code', 'grid', 'review', 'encrypt', 'prepared', 'spoiled', 'done'];

const NETWORK_ERROR = {
  vi: 'Không kết nối được với máy chủ. Hãy thử lại; nếu vẫn lỗi, báo cho tổ bầu cử.',
  en: 'Could not reach the server. Try again; if it keeps failing, tell the election staff.',
};

/** The election as the cryptography needs it (docs/crypto.md section 10). */
function electionOf(data) {
  return {
    session: data.session,
    record_version: data.record_version,
    persons: data.persons,
    values: data.values,
    public_key: data.public_key,
  };
}

/** For benchmarks and tests: encrypt a ballot synchronously, fresh randomness. */
function benchmarkApi() {
  return {
    encryptBallot(data, choices) {
      const { ballot, opening, tracking_code } = encryptBallot(electionOf(data), choices);
      return { ballot, opening, tracking_code };
    },
  };
}

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** Vietnamese text with the English in small type below (or beside) it. */
function bilingual(vi, en) {
  const frag = document.createDocumentFragment();
  frag.append(vi);
  if (en) frag.append(' ', el('small', { lang: 'en' }, en));
  return frag;
}

class Booth {
  constructor(data) {
    this.data = data;
    this.election = electionOf(data);
    this.code = '';
    this.choices = new Array(data.persons.length).fill(null);
    this.prepared = null; // {ballot, opening, tracking_code} not yet cast or challenged
    this.busy = false;
  }

  start() {
    this.buildGrid();
    $('code-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.checkCode($('code-input').value);
    });
    $('grid-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.review();
    });
    $('review-back').addEventListener('click', () => this.show('grid'));
    $('review-go').addEventListener('click', () => this.encrypt());
    $('cast').addEventListener('click', () => this.cast());
    $('challenge').addEventListener('click', () => this.challenge());
    $('spoiled-again').addEventListener('click', () => this.show('grid'));
    const fromSlip = codeFromFragment();
    if (fromSlip) {
      // the code must not stay in the address bar, the history or a bookmark
      history.replaceState(null, '', location.pathname + location.search);
      $('code-input').value = fromSlip;
      this.show('code');
      this.checkCode(fromSlip);
    } else {
      this.show('code');
    }
  }

  show(step, focus = true) {
    for (const name of STEPS) $(`step-${name}`).hidden = name !== step;
    if (step !== 'encrypt') this.clearError();
    if (focus) $(`step-${step}-h`).focus();
  }

  showError(error) {
    const box = $('booth-error');
    box.replaceChildren(el('p', {}, error.vi), el('p', { lang: 'en', class: 'en' }, error.en));
    box.hidden = false;
    box.scrollIntoView({ block: 'nearest' });
  }

  clearError() {
    $('booth-error').hidden = true;
    $('booth-error').replaceChildren();
  }

  async post(url, body) {
    let response;
    try {
      response = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'X-CSRFToken': this.data.csrf_token,
        },
        body: JSON.stringify(body),
      });
    } catch {
      throw NETWORK_ERROR;
    }
    let payload = null;
    try {
      payload = await response.json();
    } catch {
      payload = null;
    }
    if (!response.ok) {
      const error = payload && payload.error;
      throw error && error.vi
        ? { vi: error.vi, en: error.en || '' }
        : { vi: `Máy chủ trả lỗi ${response.status}.`, en: `The server answered ${response.status}.` };
    }
    if (payload === null) throw NETWORK_ERROR;
    return payload;
  }

  /** Run one request at a time; the buttons are disabled meanwhile. */
  async guarded(task) {
    if (this.busy) return;
    this.busy = true;
    const buttons = [...document.querySelectorAll('button')];
    for (const button of buttons) button.disabled = true;
    try {
      await task();
    } catch (error) {
      if (error && error.vi) this.showError(error);
      else throw error;
    } finally {
      for (const button of buttons) button.disabled = false;
      this.busy = false;
    }
  }

  checkCode(raw) {
    const code = raw.trim();
    if (!code) {
      this.showError({ vi: 'Hãy nhập mã in trên phiếu.', en: 'Enter the code printed on your slip.' });
      return Promise.resolve();
    }
    return this.guarded(async () => {
      await this.post(this.data.check_url, { code });
      this.code = code;
      $('code-input').value = '';
      this.show('grid');
    });
  }

  buildGrid() {
    const levels = this.data.levels;
    const rows = this.data.persons.map((person, p) => {
      const options = levels.map((level, l) => {
        const input = el('input', { type: 'radio', name: `person-${p}`, value: String(l), id: `choice-${p}-${l}` });
        input.addEventListener('change', () => this.choose(p, l));
        return el('label', { class: `level level-${l}`, for: `choice-${p}-${l}` }, input, el('span', {}, bilingual(level, LEVELS_EN[level])));
      });
      const legend = el(
        'legend',
        { class: 'who' },
        el('span', { class: 'number' }, `${p + 1}.`),
        ' ',
        el('span', { class: 'name' }, person.name),
        person.post ? el('span', { class: 'post' }, person.post) : null,
      );
      return el('fieldset', { class: 'person', id: `person-${p}` }, legend, el('div', { class: 'levels' }, ...options));
    });
    $('persons').replaceChildren(...rows);
    this.updateCount();
  }

  choose(p, l) {
    this.choices[p] = l;
    const row = $(`person-${p}`);
    row.classList.remove('missing');
    if (!this.choices.includes(null)) this.clearError();
    for (const label of row.querySelectorAll('label.level')) {
      label.classList.toggle('chosen', label.getAttribute('for') === `choice-${p}-${l}`);
    }
    this.updateCount();
  }

  updateCount() {
    const done = this.choices.filter((c) => c !== null).length;
    const total = this.choices.length;
    $('grid-count').replaceChildren(bilingual(`Đã chọn ${done}/${total} người.`, `${done} of ${total} persons chosen.`));
  }

  review() {
    const missing = this.choices.map((c, p) => (c === null ? p : -1)).filter((p) => p >= 0);
    if (missing.length) {
      for (const p of missing) $(`person-${p}`).classList.add('missing');
      this.showError({
        vi: `Còn ${missing.length} người chưa được chọn mức (đánh dấu đỏ). Mỗi người phải có đúng một mức.`,
        en: `${missing.length} persons have no level yet (marked red). Every person needs exactly one level.`,
      });
      $(`choice-${missing[0]}-0`).focus();
      return;
    }
    const rows = this.data.persons.map((person, p) =>
      el('tr', {}, el('td', {}, person.name), el('td', { class: `chosen-level level-${this.choices[p]}` }, this.levelText(this.choices[p]))),
    );
    $('review-rows').replaceChildren(...rows);
    this.show('review');
  }

  levelText(l) {
    const level = this.data.levels[l];
    return bilingual(level, LEVELS_EN[level]);
  }

  async encrypt() {
    if (this.busy || this.choices.includes(null)) return;
    this.busy = true;
    this.show('encrypt');
    const bar = $('encrypt-progress');
    const status = $('encrypt-status');
    const onProgress = (done, total) => {
      bar.max = total;
      bar.value = done;
      status.textContent = `${done}/${total}`;
    };
    try {
      this.prepared = await encryptBallotAsync(this.election, [...this.choices], { onProgress });
      $('prepared-code').textContent = this.prepared.tracking_code;
      this.show('prepared');
    } catch (error) {
      this.show('review');
      this.showError(
        error instanceof BallotCryptoError
          ? error
          : { vi: 'Không mã hóa được phiếu trên thiết bị này.', en: 'The ballot could not be encrypted on this device.' },
      );
    } finally {
      this.busy = false;
    }
  }

  cast() {
    return this.guarded(async () => {
      const { ballot, ballot_hash, tracking_code } = this.prepared;
      const answer = await this.post(this.data.cast_url, { code: this.code, ballot });
      this.wipe();
      $('done-code').textContent = answer.tracking_code || tracking_code;
      $('done-board').href = answer.board_url || this.data.board_url;
      this.showReceipt(answer.receipt || null, ballot_hash, tracking_code);
      this.show('done');
    });
  }

  /** The signed receipt: checked on this device (signature, session, this ballot), shown, saved. */
  showReceipt(receipt, ballotHash, trackingCode) {
    const box = $('receipt');
    box.hidden = !receipt;
    if (!receipt) return;
    let problem = null;
    try {
      checkReceipt(receipt, {
        session: this.data.session,
        manifestHash: this.data.manifest_hash,
        receiptKey: this.data.receipt_key,
      });
      if (receipt.ballot_hash !== ballotHash || receipt.tracking_code !== trackingCode) {
        throw new ReceiptError(
          'ballot',
          'Biên nhận không phải của phiếu máy này vừa mã hóa',
          'The receipt is not for the ballot this device encrypted',
        );
      }
    } catch (error) {
      if (!(error instanceof ReceiptError)) throw error;
      problem = error;
    }
    const check = $('receipt-check');
    check.className = problem ? 'error' : 'ok';
    check.replaceChildren(
      problem
        ? bilingual(
            `CẢNH BÁO: biên nhận không hợp lệ (${problem.vi}). Hãy báo ngay cho tổ bầu cử.`,
            `WARNING: the receipt is not valid (${problem.en}). Tell the election staff now.`,
          )
        : bilingual(
            '✓ Đã kiểm tra trên máy này: chữ ký của máy chủ hợp lệ và biên nhận là của phiếu bạn vừa bỏ.',
            "✓ Checked on this device: the server's signature holds and the receipt is for the ballot you cast.",
          ),
    );
    $('receipt-position').textContent = String(receipt.position);
    $('receipt-at').textContent = receipt.at;
    const text = `${JSON.stringify(receipt, null, 2)}\n`;
    $('receipt-json').textContent = text;
    const link = $('receipt-download');
    if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    link.download = `bien-nhan-${receipt.tracking_code}.json`;
  }

  challenge() {
    return this.guarded(async () => {
      const { ballot, opening, tracking_code } = this.prepared;
      const answer = await this.post(this.data.spoil_url, { code: this.code, ballot, opening });
      this.prepared = null; // a challenged ballot can never be cast
      this.showOpened(ballot, opening, tracking_code, answer.tracking_code);
    });
  }

  /** Show the opened ballot: the levels recovered from the opening, checked against the ciphertexts. */
  showOpened(ballot, opening, localCode, serverCode) {
    let recovered = null;
    let problem = null;
    try {
      recovered = checkOpening(this.election, ballot, opening);
    } catch (error) {
      problem = error;
    }
    $('spoiled-code').textContent = serverCode || localCode;
    const check = $('spoiled-check');
    if (problem || (serverCode && serverCode !== localCode)) {
      check.className = 'error';
      check.replaceChildren(
        bilingual(
          'CẢNH BÁO: lời mở không khớp với phiếu đã mã hóa hoặc mã theo dõi khác nhau. Hãy báo ngay cho tổ bầu cử.',
          'WARNING: the opening does not match the encrypted ballot, or the tracking codes differ. Tell the election staff now.',
        ),
      );
    } else {
      const same = recovered.every((l, p) => l === this.choices[p]);
      check.className = same ? 'ok' : 'error';
      check.replaceChildren(
        same
          ? bilingual(
              '✓ Đã kiểm tra trên máy này: mỗi bản mã chứa đúng mức bạn đã chọn.',
              '✓ Checked on this device: every ciphertext holds the level you chose.',
            )
          : bilingual(
              'CẢNH BÁO: phiếu đã mở khác lựa chọn của bạn. Hãy báo ngay cho tổ bầu cử.',
              'WARNING: the opened ballot differs from your choices. Tell the election staff now.',
            ),
      );
    }
    const rows = this.data.persons.map((person, p) =>
      el('tr', {}, el('td', {}, person.name), el('td', {}, recovered ? this.levelText(recovered[p]) : '—')),
    );
    $('spoiled-rows').replaceChildren(...rows);
    $('spoiled-board').href = `${this.data.board_url}#code=${encodeURIComponent(serverCode || localCode)}`;
    this.show('spoiled');
  }

  /** After casting: forget the code, the choices and the ballot, in memory and on the page. */
  wipe() {
    this.code = '';
    this.choices.fill(null);
    if (this.prepared) {
      this.prepared.opening.nonces.fill('');
      this.prepared.opening.choices.fill(-1);
    }
    this.prepared = null;
    $('grid-form').reset();
    $('persons').replaceChildren();
    $('review-rows').replaceChildren();
    $('spoiled-rows').replaceChildren();
    $('prepared-code').textContent = '';
    $('code-input').value = '';
  }
}

function codeFromFragment() {
  if (!location.hash.startsWith('#')) return '';
  const code = new URLSearchParams(location.hash.slice(1)).get('code');
  return code ? code.trim() : '';
}

function readData() {
  const node = document.getElementById('booth-data');
  return node ? JSON.parse(node.textContent) : null;
}

window.tinnhiemBooth = benchmarkApi();

function boot() {
  const data = readData();
  if (data && document.getElementById('step-code')) new Booth(data).start();
  startReceiptChecker(); // the bulletin board's page
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
