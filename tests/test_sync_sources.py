"""Reading customer files: every row keeps its line, and a bad row never stops the file."""

import json
import tracemalloc
from pathlib import Path

import pytest

from sync.sources import MAX_CELL_BYTES, SourceError, SourceFileError, SourceRow, read_rows

CORPUS = Path(__file__).parent / "data" / "sync" / "customers"


def rows_of(path: Path) -> list[SourceRow | SourceError]:
    return list(read_rows(path))


def by_line(path: Path) -> dict[int, SourceRow | SourceError]:
    return {row.line: row for row in rows_of(path)}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# CSV ---------------------------------------------------------------------------------------


def test_csv_rows_carry_their_file_and_the_line_they_start_on():
    rows = by_line(CORPUS / "broken_quoting.csv")
    assert rows[4] == SourceRow(
        str(CORPUS / "broken_quoting.csv"),
        4,
        {
            "source_system": "erp",
            "key": "C-03",
            "name": "Distribuidora Antioqueña S.A.",
            "street": "Carrera 50 # 10 Sur-32\nBodega 4",
            "city": "Medellín",
        },
    )
    assert rows[7].line == 7  # the row after the two-line cell is numbered by the file


def test_empty_csv_cells_mean_no_value_given(tmp_path):
    path = write(tmp_path, "c.csv", "key,name,city,street\nC-1,Acme,,   \n")
    (row,) = rows_of(path)
    assert row.values == {"key": "C-1", "name": "Acme", "city": None, "street": None}


def test_cells_missing_at_the_end_of_a_row_mean_no_value_given():
    rows = by_line(CORPUS / "too_many_cells.csv")
    assert rows[5].values["city"] is None
    assert rows[5].values["name"] == "Plásticos del Caribe S.A.S."


def test_excel_export_with_bom_semicolons_and_crlf_is_read():
    rows = rows_of(CORPUS / "excel_semicolons.csv")
    assert [row.values["key"] for row in rows] == ["C-01", "C-02"]
    assert next(iter(rows[0].values)) == "source_system"  # no BOM glued to the first column
    assert rows[0].values["emails"] == (
        "compras@valledorado.example.com, cartera@valledorado.example.com"
    )
    assert rows[0].values["city"] == "Yumbo"
    assert rows[1].values["name"] == "Ferretería; Los Andes Ltda."


def test_delimiter_is_the_comma_when_the_header_has_no_more_semicolons_than_commas(tmp_path):
    path = write(tmp_path, "c.csv", "key,name\nC-1,Acme; Ltda.\n")
    (row,) = rows_of(path)
    assert row.values == {"key": "C-1", "name": "Acme; Ltda."}


def test_blank_lines_between_csv_rows_are_skipped(tmp_path):
    path = write(tmp_path, "c.csv", "key,name\n\nC-1,Acme\n\n\nC-2,Beta\n")
    assert [(row.line, row.values["key"]) for row in rows_of(path)] == [(3, "C-1"), (6, "C-2")]


def test_a_header_alone_gives_no_rows(tmp_path):
    assert rows_of(write(tmp_path, "c.csv", "key,name\n")) == []


def test_a_doubled_quote_inside_a_quoted_cell_is_a_quote():
    rows = by_line(CORPUS / "broken_quoting.csv")
    assert rows[8].values["name"] == 'Café "La Montaña" S.A.S.'


def test_text_after_a_closing_quote_spoils_only_its_row():
    rows = by_line(CORPUS / "broken_quoting.csv")
    error = rows[3]
    assert isinstance(error, SourceError)
    assert error.reason.startswith("broken CSV quoting: text follows a closing quote")
    assert isinstance(rows[2], SourceRow) and isinstance(rows[4], SourceRow)


def test_a_quote_that_never_closes_does_not_swallow_the_rows_after_it():
    rows = by_line(CORPUS / "broken_quoting.csv")
    assert isinstance(rows[6], SourceError)
    assert rows[6].reason.startswith("broken CSV quoting")
    assert rows[7].values["street"] == "Anillo Vial, Km 4"
    assert [row.line for row in rows.values()] == [2, 3, 4, 6, 7, 8]


def test_a_quote_open_until_the_end_of_the_file_is_reported_and_the_rest_is_read(tmp_path):
    path = write(tmp_path, "c.csv", 'key,name\nC-1,"Acme\nC-2,Beta\nC-3,Gamma\n')
    rows = rows_of(path)
    assert rows[0] == SourceError(
        str(path), 2, None, "broken CSV quoting: a quote opened here never closes"
    )
    assert [row.values["key"] for row in rows[1:]] == ["C-2", "C-3"]


def test_a_carriage_return_alone_inside_a_cell_spoils_only_its_row(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes(b"key,name\nC-1,Ac\rme\nC-2,Beta\n")
    rows = rows_of(path)
    assert rows[0] == SourceError(
        str(path), 2, None, "a carriage return inside a cell that is not quoted (quote the cell)"
    )
    assert rows[1].values == {"key": "C-2", "name": "Beta"}


def test_a_row_with_more_cells_than_the_header_is_an_error():
    rows = by_line(CORPUS / "too_many_cells.csv")
    assert rows[3] == SourceError(
        str(CORPUS / "too_many_cells.csv"),
        3,
        None,
        "row has 5 cells but the header names 4 columns",
    )
    assert isinstance(rows[2], SourceRow) and isinstance(rows[4], SourceRow)


def test_bytes_that_are_not_utf8_spoil_only_their_row_and_name_its_column():
    rows = by_line(CORPUS / "not_utf8.csv")
    error = rows[3]
    assert isinstance(error, SourceError)
    assert error.field == "name"
    assert error.reason.startswith("line 3 is not UTF-8: byte 0xed")
    assert rows[2].values["city"] == "Yumbo"
    assert rows[4].values["city"] == "Medellín"


def test_a_cell_over_the_size_limit_is_an_error_naming_its_column(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as stream:
        stream.write("key,name,street\nC-1,Acme,Calle 1\n")
        stream.write("C-2,Beta,")
        stream.write("x" * 10_000_000)
        stream.write("\nC-3,Gamma,Calle 3\n")
    rows = rows_of(path)
    assert rows[1] == SourceError(
        str(path), 3, "street", "value is 10,000,000 bytes; at most 1,000,000 allowed"
    )
    assert [row.values["key"] for row in (rows[0], rows[2])] == ["C-1", "C-3"]


def test_a_cell_just_at_the_size_limit_is_read(tmp_path):
    path = tmp_path / "edge.csv"
    path.write_text("key,name\nC-1," + "x" * MAX_CELL_BYTES + "\n", encoding="utf-8")
    (row,) = rows_of(path)
    assert len(row.values["name"]) == MAX_CELL_BYTES


def test_a_quoted_multiline_cell_over_the_limit_names_its_column_and_reading_goes_on(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as stream:
        stream.write('key,notes,name\nC-1,"')
        for _ in range(20_000):
            stream.write("y" * 99 + "\n")
        stream.write('",Acme\nC-2,,Beta\n')
    rows = rows_of(path)
    assert (rows[0].line, rows[0].field) == (2, "notes")
    assert rows[1].values == {"key": "C-2", "notes": None, "name": "Beta"}


def test_reading_a_large_csv_keeps_memory_flat(tmp_path):
    path = tmp_path / "many.csv"
    with path.open("w", encoding="utf-8") as stream:
        stream.write("source_system,key,name,city\n")
        for number in range(8_000):
            stream.write(f'erp,C-{number},"Compañía {number} S.A.S.",Bogotá\n')
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_rows(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 8_000
    assert peak < path.stat().st_size / 4, f"peak {peak:,} bytes for a {path.stat().st_size:,} file"


# JSON Lines --------------------------------------------------------------------------------


def test_json_lines_keep_their_values_and_line_numbers():
    rows = by_line(CORPUS / "bad_lines.jsonl")
    assert rows[1].values["is_company"] is True
    assert rows[9].values["key"] == 20102
    assert rows[9].values["emails"] == ["jcastano@conftolima.example.com"]


def test_blank_json_lines_are_skipped():
    assert sorted(by_line(CORPUS / "bad_lines.jsonl")) == [1, 3, 4, 5, 6, 7, 9, 10, 11]


def test_a_json_line_that_is_not_an_object_is_an_error():
    assert by_line(CORPUS / "bad_lines.jsonl")[3].reason == "a JSON list, not an object"


def test_a_json_line_that_does_not_parse_is_an_error_and_the_next_line_is_read():
    rows = by_line(CORPUS / "bad_lines.jsonl")
    assert rows[4].reason.startswith("not valid JSON: Expecting property name")
    assert rows[5].values["key"] == "CC-4"


def test_a_key_given_twice_on_a_json_line_is_an_error_naming_it():
    error = by_line(CORPUS / "bad_lines.jsonl")[6]
    assert (error.field, error.reason) == ("key", "key 'key' is given twice")


def test_a_json_line_that_is_not_utf8_spoils_only_that_line():
    rows = by_line(CORPUS / "bad_lines.jsonl")
    assert isinstance(rows[10], SourceError)
    assert rows[10].reason.startswith("line 10 is not UTF-8")
    assert rows[11].values["key"] == "CC-8"


def test_a_json_value_over_the_size_limit_is_an_error_naming_its_key(tmp_path):
    big = {"key": "C-2", "name": "Beta", "street": "x" * (MAX_CELL_BYTES + 1)}
    path = write(tmp_path, "c.jsonl", json.dumps(big) + '\n{"key": "C-3"}\n')
    rows = rows_of(path)
    assert (rows[0].line, rows[0].field) == (1, "street")
    assert rows[1].values == {"key": "C-3"}


# YAML --------------------------------------------------------------------------------------


def test_yaml_items_are_numbered_by_the_line_they_start_on():
    rows = rows_of(CORPUS / "bad_items.yaml")
    assert [row.line for row in rows] == [1, 7, 8, 13, 19, 23]


def test_yaml_scalars_stay_text_so_keys_keep_their_zeros_and_names_their_words():
    item = by_line(CORPUS / "bad_items.yaml")[13]
    assert item.values["key"] == "007"
    assert item.values["name"] == "No"
    assert item.values["is_company"] == "no"


def test_a_yaml_item_that_is_not_a_mapping_is_an_error():
    error = by_line(CORPUS / "bad_items.yaml")[7]
    assert error.reason == "item is a value 'just a line of text', not a mapping of fields"


def test_a_key_given_twice_in_a_yaml_item_is_an_error_naming_it():
    error = by_line(CORPUS / "bad_items.yaml")[19]
    assert (error.field, error.reason) == ("key", "key 'key' is given twice")


def test_a_yaml_mapping_with_a_customers_list_is_read_and_its_other_keys_ignored():
    rows = rows_of(CORPUS / "wrapped.yaml")
    assert [(row.line, row.values["key"]) for row in rows] == [(3, "MK-601"), (7, "MK-602")]
    assert rows[1].values["phones"] == "317 209 6635"


def test_an_empty_yaml_file_gives_no_rows(tmp_path):
    assert rows_of(write(tmp_path, "c.yaml", "# nothing exported today\n")) == []


def test_a_yaml_value_over_the_size_limit_is_an_error_naming_its_key(tmp_path):
    text = f"- key: C-1\n  notes: {'x' * (MAX_CELL_BYTES + 1)}\n- key: C-2\n"
    rows = rows_of(write(tmp_path, "c.yaml", text))
    assert (rows[0].line, rows[0].field) == (1, "notes")
    assert rows[1].values == {"key": "C-2"}


# The file as a whole -----------------------------------------------------------------------


def test_a_missing_file_is_a_file_error(tmp_path):
    with pytest.raises(SourceFileError, match="no such file"):
        read_rows(tmp_path / "absent.csv")


def test_an_unknown_extension_is_a_file_error(tmp_path):
    with pytest.raises(SourceFileError, match=r"unknown file type '\.xlsx'"):
        read_rows(write(tmp_path, "c.xlsx", "key,name\n"))


@pytest.mark.parametrize("suffix", [".CSV", ".ndjson", ".jsonl", ".yml", ".YAML"])
def test_the_reader_is_chosen_by_extension_in_any_case(tmp_path, suffix):
    text = {".csv": "key\nC-1\n", ".yaml": "- key: C-1\n", ".yml": "- key: C-1\n"}.get(
        suffix.lower(), '{"key": "C-1"}\n'
    )
    (row,) = rows_of(write(tmp_path, "c" + suffix, text))
    assert row.values == {"key": "C-1"}


@pytest.mark.parametrize("text", ["", "\n", "\nkey,name\nC-1,Acme\n"])
def test_a_csv_without_header_is_a_file_error(tmp_path, text):
    with pytest.raises(SourceFileError, match="CSV without header"):
        rows_of(write(tmp_path, "c.csv", text))


def test_a_csv_header_naming_a_column_twice_is_a_file_error(tmp_path):
    with pytest.raises(SourceFileError, match="header names key more than once"):
        rows_of(write(tmp_path, "c.csv", "key,name,key\nC-1,Acme,C-2\n"))


def test_a_csv_header_with_a_nameless_column_is_a_file_error(tmp_path):
    with pytest.raises(SourceFileError, match="header column 3 has no name"):
        rows_of(write(tmp_path, "c.csv", "key,name,\nC-1,Acme,\n"))


def test_yaml_that_does_not_parse_is_a_file_error(tmp_path):
    with pytest.raises(SourceFileError, match="not valid YAML"):
        rows_of(write(tmp_path, "c.yaml", "- key: C-1\n  name: [Acme\n"))


@pytest.mark.parametrize("text", ["key: C-1\n", "just text\n", "customers: many\n"])
def test_yaml_that_is_not_a_list_of_customers_is_a_file_error(tmp_path, text):
    with pytest.raises(SourceFileError, match="customers"):
        rows_of(write(tmp_path, "c.yaml", text))
