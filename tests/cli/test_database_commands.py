"""The database commands (session, ballots, count, results, minutes, audit), run as a user runs
them: a real process against a database of the module's own (tests/cli/conftest.py)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader
from tests.cli.conftest import run
from tests.conftest import xlsx_bytes

HCMC_2023 = [
    ("Nguyễn Thị Lệ", "Chủ tịch HĐND", 73, 6, 2),
    ("Lê Trương Hải Hiếu", "Trưởng Ban Kinh tế - Ngân sách", 67, 12, 2),
    ("Cao Thanh Bình", "Trưởng Ban Văn hóa - Xã hội", 66, 12, 3),
    ("Phan Văn Mãi", "Chủ tịch UBND", 69, 10, 2),
    ("Lê Thị Huỳnh Mai", "Giám đốc Sở Kế hoạch và Đầu tư", 52, 16, 13),
]


@pytest.fixture(scope="module")
def session_id(env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> str:
    files = tmp_path_factory.mktemp("in")
    (files / "officials.xlsx").write_bytes(
        xlsx_bytes(
            [["STT", "Họ và tên", "Chức vụ"]]
            + [[i + 1, n, p] for i, (n, p, *_) in enumerate(HCMC_2023)]
        )
    )
    with (files / "voters.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Họ và tên", "Chức vụ, đơn vị"])
        writer.writerows([(f"Đại biểu số {i}", "Tổ đại biểu") for i in range(1, 96)])
    done = run(
        [
            "session",
            "create",
            "--rules",
            "nq96",
            "--title",
            "Kỳ họp thứ 13, HĐND Thành phố khóa X",
            "--officials",
            str(files / "officials.xlsx"),
            "--voters",
            str(files / "voters.csv"),
            "--body",
            "Hội đồng nhân dân Thành phố Hồ Chí Minh",
            "--date",
            "2023-12-07",
            "--format",
            "json",
        ],
        env,
    )
    return str(json.loads(done.stdout)["id"])


def test_session_create_prints_the_id_as_json(session_id: str) -> None:
    assert int(session_id) > 0


def test_ballots_with_copies_and_layout(
    env: dict[str, str], session_id: str, tmp_path: Path
) -> None:
    run(
        [
            "ballots",
            session_id,
            "--out",
            str(tmp_path / "b.pdf"),
            "--copies",
            "3",
            "--layout",
            str(tmp_path / "l.json"),
        ],
        env,
    )
    layout = json.loads((tmp_path / "l.json").read_text("utf-8"))
    reader = PdfReader(tmp_path / "b.pdf")
    assert len(reader.pages) == 3 * len(layout["pages"])
    lines = [line for page in layout["pages"] for line in page["lines"]]
    assert [line["official"] for line in lines] == list(range(5))
    text = reader.pages[0].extract_text()
    assert "PHIẾU LẤY PHIẾU TÍN NHIỆM" in text and "Lê Thị Huỳnh Mai" in text


def test_count_results_and_minutes(env: dict[str, str], session_id: str, tmp_path: Path) -> None:
    sheet = tmp_path / "counts.csv"
    with sheet.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["name", "position", "high", "confidence", "low"])
        writer.writerows(HCMC_2023)
    run(["ballots", session_id, "--out", str(tmp_path / "b.pdf")], env)
    run(["count", session_id, str(sheet), "--issued", "81", "--collected", "81"], env)
    result = json.loads(run(["results", session_id, "--format", "json"], env).stdout)
    assert (result["profile"], result["base"], result["issued"], result["collected"]) == (
        "nq96",
        81,
        81,
        81,
    )
    assert result["officials"][0]["percent"] == {
        "high": "90.12",
        "confidence": "7.41",
        "low": "2.47",
    }
    assert [o["band"] for o in result["officials"]] == ["none"] * 5
    tally = json.loads(
        run(
            ["tally", str(sheet), "--rules", "nq96", "--collected", "81", "--format", "json"], env
        ).stdout
    )
    assert [o["percent"] for o in tally["officials"]] == [o["percent"] for o in result["officials"]]
    run(["minutes", session_id, "--out", str(tmp_path / "m.pdf")], env)
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "m.pdf").pages)
    assert "BIÊN BẢN KIỂM PHIẾU" in text and "90,12" in text and "Lê Thị Huỳnh Mai" in text
    run(["minutes", session_id, "--out", str(tmp_path / "m.docx")], env)
    words = "\n".join(
        c.text for t in Document(str(tmp_path / "m.docx")).tables for r in t.rows for c in r.cells
    )
    assert "Phan Văn Mãi" in words and "90,12" in words
    assert "Audit log intact" in run(["audit", "verify"], env).stdout


def test_errors_exit_2_with_a_message(env: dict[str, str], tmp_path: Path) -> None:
    done = run(
        [
            "session",
            "create",
            "--rules",
            "nq96",
            "--title",
            "T",
            "--officials",
            str(tmp_path / "none.xlsx"),
        ],
        env,
        expect=2,
    )
    assert "none.xlsx" in done.stderr
    done = run(
        [
            "session",
            "create",
            "--rules",
            "qd99",
            "--title",
            "T",
            "--officials",
            str(tmp_path / "none.xlsx"),
        ],
        env,
        expect=2,
    )
    assert "qd99" in done.stderr
    assert "9999" in run(["results", "9999"], env, expect=2).stderr
