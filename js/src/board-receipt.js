// The bulletin board's receipt check: the voter picks the receipt file the booth gave them; the
// page checks it here, on the voter's device, against the election's receipt key and, once the
// box is closed, against the ballots the board lists (docs/evote.md, "Signed receipts").
//
// Reads <script type="application/json" id="receipt-data"> {session, manifest_hash, receipt_key, closed} and the
// closed board's rows <tr data-hash data-code> in #ballot-list. No innerHTML.

import { ReceiptError, checkReceipt } from './receipt.js';

function text(vi, en) {
  const frag = document.createDocumentFragment();
  const small = document.createElement('small');
  small.lang = 'en';
  small.textContent = en;
  frag.append(vi, ' ', small);
  return frag;
}

/** The closed board's ballots: tracking code by hash, from the listed rows. */
export function boardBallots(root = document) {
  const cast = new Map();
  for (const row of root.querySelectorAll('#ballot-list tr[data-hash]')) {
    cast.set(row.dataset.hash, row.dataset.code);
  }
  return cast;
}

/** What the page says about a parsed receipt file: {ok, vi, en}. */
export function verdict(data, { session, manifest_hash: manifestHash, receipt_key: receiptKey, closed }, cast) {
  try {
    const { receipt } = checkReceipt(data, { session, manifestHash, receiptKey, cast: closed ? cast : null });
    if (!closed) {
      return {
        ok: true,
        vi: `Chữ ký hợp lệ: máy chủ đã nhận phiếu ${receipt.tracking_code} lúc ${receipt.at}. Danh sách phiếu được công bố khi đóng hòm phiếu: hãy kiểm tra lại khi đó.`,
        en: `The signature holds: the server took ballot ${receipt.tracking_code} at ${receipt.at}. The list of ballots is published when the box closes: check again then.`,
      };
    }
    return {
      ok: true,
      vi: `✓ Phiếu ${receipt.tracking_code} có trên bảng công khai; chữ ký hợp lệ; hòm phiếu có ${cast.size} phiếu, không ít hơn ${receipt.position} phiếu biên nhận đã thấy.`,
      en: `✓ Ballot ${receipt.tracking_code} is on the board; the signature holds; the box holds ${cast.size} ballots, no fewer than the ${receipt.position} the receipt saw.`,
    };
  } catch (error) {
    if (!(error instanceof ReceiptError)) throw error;
    return { ok: false, vi: `✗ ${error.vi}`, en: `✗ ${error.en}` };
  }
}

export function startReceiptChecker() {
  const node = document.getElementById('receipt-data');
  const input = document.getElementById('receipt-file');
  const result = document.getElementById('receipt-result');
  if (!node || !input || !result) return;
  const data = JSON.parse(node.textContent);
  input.addEventListener('change', async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    let parsed;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      parsed = undefined;
    }
    const answer =
      parsed === undefined
        ? { ok: false, vi: '✗ Tệp không phải JSON', en: '✗ The file is not JSON' }
        : verdict(parsed, data, boardBallots());
    result.className = answer.ok ? 'msg success' : 'msg error';
    result.replaceChildren(text(answer.vi, answer.en));
  });
}
