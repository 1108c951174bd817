"""The CLI contract: JSON shape, formats, exit codes, one-line errors, no partial outputs."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from ontwar.cli import app
from ontwar.demo import CORPUS_LETTERS
from ontwar.store import Store
from tests.stacking import stack
from tests.test_unstack import LETTER

runner = CliRunner()


def _letter(tmp_path):
    path = tmp_path / "brief.txt"
    path.write_text(stack(LETTER, seed=5), encoding="utf-8")
    return path


def test_recover_json_shape(tmp_path):
    result = runner.invoke(app, ["recover", str(_letter(tmp_path)), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"source", "pages", "warnings"}
    assert [page["number"] for page in data["pages"]] == [1, 2, 3]
    for page in data["pages"]:
        assert set(page) >= {"number", "text", "diagnosis", "layers", "confidence", "removed"}
    assert data["pages"][2]["text"].startswith("Voor Limburg is een nieuw programma")
    assert data["pages"][2]["layers"] == 3
    assert {r["reason"] for r in data["pages"][2]["removed"]} >= {"earlier layer"}


def test_recover_text_format_separates_pages_with_form_feeds(tmp_path):
    result = runner.invoke(app, ["recover", str(_letter(tmp_path))])
    assert result.exit_code == 0
    assert result.stdout.count("\f") == 2


def test_recover_markdown_format(tmp_path):
    result = runner.invoke(app, ["recover", str(_letter(tmp_path)), "-f", "markdown"])
    assert result.exit_code == 0
    assert "## Page 3" in result.stdout
    assert "fragment-merged" in result.stdout


def test_output_file_is_written_whole(tmp_path):
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["recover", str(_letter(tmp_path)), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text())["pages"][0]["number"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_bad_input_exits_2_with_one_line_and_no_output_file(tmp_path):
    empty = tmp_path / "leeg.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out.txt"
    result = runner.invoke(app, ["recover", str(empty), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "empty" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_missing_file_exits_2(tmp_path):
    result = runner.invoke(app, ["recover", str(tmp_path / "weg.txt")])
    assert result.exit_code == 2
    assert "cannot read" in result.stderr


def test_internal_error_exits_1_without_traceback(tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr("ontwar.cli.recover_path", boom)
    result = runner.invoke(app, ["recover", str(_letter(tmp_path))])
    assert result.exit_code == 1
    assert "internal error" in result.stderr and "Traceback" not in result.output


def test_recover_reads_a_stacked_pdf_and_lists_what_it_hid(tmp_path):
    from ontwar.synth import make_case

    case = make_case(0)
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(case.pdf)
    result = runner.invoke(app, ["recover", str(pdf), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["kind"] == "pdf" and len(data["pages"]) == 2
    assert data["hidden"] and {run["page"] for run in data["hidden"]} == {2}
    assert "Pagina 1/2" not in data["pages"][1]["text"]
    assert "Pagina 1/2" in data["pages"][0]["text"]


def test_audit_names_hidden_text(tmp_path):
    from ontwar.synth import make_case

    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(make_case(0).pdf)
    result = runner.invoke(app, ["audit", str(pdf), "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["by_reason"] == {"covered by later fill": report["hidden_glyphs"]}
    assert report["by_page"] == {"2": report["hidden_glyphs"]} and report["hidden_glyphs"] > 1000


def test_demo_recovers_its_samples(tmp_path):
    result = runner.invoke(app, ["demo", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert "04-zorgcapaciteit" in result.stdout and "0.00%" in result.stdout
    assert len(list((tmp_path / "demo").glob("*.recovered.txt"))) == 3
    with Store(tmp_path / "demo" / "ontwar.db", readonly=True) as store:
        assert store.stats()["documents"] == 6 + len(CORPUS_LETTERS)
        assert store.search("defensiebudget").total >= 1
    assert "ontwar serve --db" in result.stdout
