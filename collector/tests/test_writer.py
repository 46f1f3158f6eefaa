"""The CSV writer: schema-v1 header, one flushed row per write, no silent column changes."""

import csv

import pytest

from collector.writer import ALL_COLUMNS, SCHEMA_V1_COLUMNS, RowWriter, format_value


def read_rows(path):
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def test_header_starts_with_schema_v1_columns_in_order():
    assert ALL_COLUMNS[:len(SCHEMA_V1_COLUMNS)] == SCHEMA_V1_COLUMNS
    assert "load_avg_1m" in ALL_COLUMNS


def test_each_row_is_on_disk_before_the_writer_is_closed(tmp_path):
    path = tmp_path / "rows.csv"
    writer = RowWriter(str(path))
    writer.write({"model": "a", "status": "ok", "time_s": 0.5})
    assert [r["model"] for r in read_rows(path)] == ["a"]  # another reader sees it: flushed
    writer.write({"model": "b", "status": "oom", "time_s": None})
    rows = read_rows(path)
    assert [r["model"] for r in rows] == ["a", "b"]
    assert rows[1]["time_s"] == "" and rows[1]["status"] == "oom"
    writer.close()


def test_appending_keeps_one_header(tmp_path):
    path = tmp_path / "rows.csv"
    with RowWriter(str(path)) as writer:
        writer.write({"model": "a"})
    with RowWriter(str(path)) as writer:
        writer.write({"model": "b"})
    assert [r["model"] for r in read_rows(path)] == ["a", "b"]


def test_appending_to_a_file_with_another_header_is_refused(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("run_id,model\nx,y\n")
    with pytest.raises(ValueError, match="different header"):
        RowWriter(str(path))


def test_unknown_column_is_refused(tmp_path):
    with RowWriter(str(tmp_path / "rows.csv")) as writer:
        with pytest.raises(ValueError, match="outside the header"):
            writer.write({"not_a_column": 1})


def test_values_are_formatted_without_losing_precision():
    assert format_value(None) == ""
    assert format_value(float("nan")) == ""
    assert format_value(3.0) == "3"
    assert format_value(0.0001032189999818911) == "0.0001032189999818911"
    assert format_value(3e-05) == "3e-05"
