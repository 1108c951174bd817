"""``ontwar parse`` and ``ontwar facts``: the record's formats, its schema, exit codes."""

from __future__ import annotations

import csv
import io
import json
from importlib.resources import files

import jsonschema
from typer.testing import CliRunner

from ontwar.cli import app
from ontwar.letter import parse_text
from ontwar.letter.render import FACT_COLUMNS
from tests.letters import clean_letter

runner = CliRunner()
SCHEMA = json.loads(files("ontwar").joinpath("schema/letter-record.schema.json").read_text())


def _letter(tmp_path, seed: int = 6):
    path = tmp_path / f"brief-{seed}.txt"
    path.write_text(clean_letter(seed).text, encoding="utf-8")
    return path


def test_parse_json_follows_the_schema_and_equals_the_library(tmp_path):
    path = _letter(tmp_path)
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data == json.loads(json.dumps(parse_text(path.read_bytes(), str(path)).to_dict()))
    letter = clean_letter(6).letter
    assert data["metadata"]["subject"] == letter.subject
    assert data["metadata"]["date"] == letter.date


def test_parse_markdown_is_the_clean_letter(tmp_path):
    letter = clean_letter(6).letter
    result = runner.invoke(app, ["parse", str(_letter(tmp_path)), "-f", "markdown"])
    assert result.exit_code == 0
    assert "| field | value |" in result.stdout
    for section in letter.sections:
        assert f"\n## {section.heading}\n" in result.stdout.replace("\\-", "-")
    assert "## Facts" in result.stdout


def test_facts_csv_has_one_row_per_fact_across_files(tmp_path):
    paths = [_letter(tmp_path, seed) for seed in (6, 9)]
    result = runner.invoke(app, ["facts", *map(str, paths), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == FACT_COLUMNS
    expected = sum(len(parse_text(p.read_bytes(), str(p)).facts) for p in paths)
    assert len(rows) == expected
    assert {row["source"] for row in rows} == {str(p) for p in paths}
    assert all(row["page"] and row["value"] for row in rows)


def test_facts_json(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "facts.json"
    result = runner.invoke(app, ["facts", str(_letter(tmp_path)), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0
    rows = json.loads(out.read_text())
    assert rows and set(rows[0]) == set(FACT_COLUMNS)


def test_bad_input_exits_2_without_output(tmp_path):
    binary = tmp_path / "brief.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "out.json"
    for command in (["parse", str(binary), "-o", str(out)], ["facts", str(binary), "-o", str(out)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2
        assert len(result.stderr.strip().splitlines()) == 1
        assert not out.exists()
