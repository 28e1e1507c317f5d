"""Benchmark: encrypting one 44-person ballot in the booth's JavaScript, in node and in chromium.

Run from the project root (after scripts/bootstrap, which installs js/node_modules):

    .venv/bin/python benchmarks/booth_encrypt.py [--persons 44] [--runs 5]

A ballot of `--persons` persons with three levels ([1, M, 0], M = 501) under a fresh public key
is encrypted `--runs` times with fresh randomness:

- in node, by js/src/ballotcrypto.js (`encryptBallot`);
- in headless chromium (Debian's /usr/bin/chromium through Playwright), by the committed bundle
  src/tinnhiem/web/static/booth/booth.js loaded in a static page served (through Playwright's
  request interception, no socket) under the booth's strict Content-Security-Policy, calling
  `window.tinnhiemBooth.encryptBallot`.

It prints the first call (which also builds the public key's fixed-base table) and the median
of the runs, against the target of 1 s in chromium, and checks that one ballot of each runtime
is accepted by the server's `election.accept_ballot` (the timings of a wrong ballot mean nothing).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.ballotcrypto import make_vectors  # noqa: E402

from tinnhiem.ballotcrypto import election  # noqa: E402
from tinnhiem.ballotcrypto.elgamal import KeyPair  # noqa: E402
from tinnhiem.ballotcrypto.errors import CryptoError  # noqa: E402

BUNDLE = ROOT / "src" / "tinnhiem" / "web" / "static" / "booth" / "booth.js"
CHROMIUM = "/usr/bin/chromium"
TARGET_S = 1.0
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
ORIGIN = "https://booth.test"

NODE_SCRIPT = """
import { readFileSync } from 'node:fs';
import { encryptBallot } from '%(module)s';
const { election, choices, runs } = JSON.parse(readFileSync(0, 'utf8'));
const times = [];
let ballot;
for (let i = 0; i < runs + 1; i++) {
  const start = performance.now();
  ballot = encryptBallot(election, choices).ballot;
  times.push(performance.now() - start);
}
process.stdout.write(JSON.stringify({ times, ballot, version: process.version }));
"""

PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>booth benchmark</title>
<script type="application/json" id="booth-data">%(data)s</script>
<script src="/static/booth/booth.js"></script></head><body></body></html>"""


def session(persons: int) -> tuple[election.Manifest, KeyPair, dict[str, Any]]:
    """A manifest of `persons` persons (max_ballots 500), a fresh key and the booth's data."""
    people = [
        election.Person(str(1000 + i), f"Người số {i + 1}", "Ủy viên") for i in range(persons)
    ]
    manifest = dataclasses.replace(make_vectors.manifest(people), max_ballots=500)
    key = KeyPair.generate()
    booth = make_vectors.booth_election(manifest, key.public) | {
        "title": manifest.title,
        "body": manifest.body,
        "check_url": "/check",
        "cast_url": "/cast",
        "spoil_url": "/spoil",
        "board_url": "/board",
        "csrf_token": "benchmark",
    }
    return manifest, key, booth


def run_node(data: dict[str, Any], choices: list[int], runs: int) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        raise SystemExit("node is missing: run scripts/bootstrap")
    module = (ROOT / "js" / "src" / "ballotcrypto.js").as_uri()
    done = subprocess.run(
        [node, "--input-type=module", "-e", NODE_SCRIPT % {"module": module}],
        input=json.dumps({"election": data, "choices": choices, "runs": runs}),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT / "js",
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def run_chromium(data: dict[str, Any], choices: list[int], runs: int) -> dict[str, Any]:
    from playwright.sync_api import Route, sync_playwright

    # json_script's escaping, so that no "</script>" can end the data block
    escaped = json.dumps(data).replace("<", "\\u003C").replace(">", "\\u003E")
    page_html = PAGE % {"data": escaped.replace("&", "\\u0026")}
    bundle = BUNDLE.read_bytes()
    violations: list[str] = []

    def serve(route: Route) -> None:
        url = route.request.url
        if url == f"{ORIGIN}/":
            route.fulfill(
                body=page_html,
                content_type="text/html; charset=utf-8",
                headers={"Content-Security-Policy": CSP},
            )
        elif url == f"{ORIGIN}/static/booth/booth.js":
            route.fulfill(body=bundle, content_type="text/javascript; charset=utf-8")
        else:
            route.fulfill(status=404, body="")

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()
        page.on(
            "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
        )
        page.route("**/*", serve)
        page.goto(f"{ORIGIN}/")
        page.wait_for_function("window.tinnhiemBooth !== undefined")
        result: dict[str, Any] = page.evaluate(
            """([data, choices, runs]) => {
                const times = [];
                let ballot;
                for (let i = 0; i < runs + 1; i++) {
                    const start = performance.now();
                    ballot = window.tinnhiemBooth.encryptBallot(data, choices).ballot;
                    times.push(performance.now() - start);
                }
                return { times, ballot, version: navigator.userAgent };
            }""",
            [data, choices, runs],
        )
        browser.close()
    result["csp_violations"] = violations
    return result


def report(name: str, result: dict[str, Any], manifest: election.Manifest, key: KeyPair) -> float:
    first, *rest = result["times"]
    median = statistics.median(rest) / 1000
    try:
        election.accept_ballot(manifest, key.public, result["ballot"])
    except CryptoError as exc:
        raise SystemExit(f"the ballot encrypted in {name} is refused: {exc}") from None
    print(
        f"{name:9} first call {first / 1000:6.3f} s   median of {len(rest)} {median:6.3f} s   "
        "ballot accepted by election.accept_ballot"
    )
    return median


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--persons", type=int, default=44)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    manifest, key, data = session(args.persons)
    choices = [i % 3 for i in range(args.persons)]
    print(f"one ballot of {args.persons} persons, 3 levels, {args.runs} runs after a first call")
    node = run_node(data, choices, args.runs)
    print(f"node {node['version']}")
    report("node", node, manifest, key)
    chromium = run_chromium(data, choices, args.runs)
    print(chromium["version"])
    median = report("chromium", chromium, manifest, key)
    if chromium["csp_violations"]:
        print("CSP violations:", *chromium["csp_violations"], sep="\n  ")
        return 1
    print(f"chromium median / target ({TARGET_S:.0f} s): {median / TARGET_S:.2f}")
    return 0 if median < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
