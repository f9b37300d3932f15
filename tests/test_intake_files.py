"""A PQRS keeps the evidence a customer attaches and sets aside programs and oversized files."""

from tests.addon import load_tool

files = load_tool("intake_files")

PHOTO = b"\x89PNG\r\n\x1a\n" + b"0" * 100
PDF = b"%PDF-1.7\n" + b"0" * 100


def test_photos_and_documents_are_kept_in_order():
    screening = files.screen([("foto.png", PHOTO), ("factura.PDF", PDF)])
    assert [name for name, _content in screening.accepted] == ["foto.png", "factura.PDF"]
    assert screening.refused == []


def test_an_executable_is_set_aside_by_its_name():
    screening = files.screen([("instalador.exe", b"not really"), ("foto.png", PHOTO)])
    assert screening.refused == [("instalador.exe", files.NOT_ALLOWED)]
    assert [name for name, _content in screening.accepted] == ["foto.png"]


def test_a_program_renamed_as_a_photo_is_set_aside_by_its_content():
    screening = files.screen([("foto.jpg", b"MZ\x90\x00" + b"0" * 50)])
    assert screening.refused == [("foto.jpg", files.PROGRAM)]


def test_a_script_with_an_interpreter_line_is_a_program():
    screening = files.screen([("notas.txt", b"#!/bin/sh\nrm -rf /\n")])
    assert screening.refused == [("notas.txt", files.PROGRAM)]


def test_a_file_over_the_size_limit_is_set_aside():
    screening = files.screen([("video.pdf", PDF + b"0" * files.MAX_FILE_BYTES)])
    assert screening.refused == [("video.pdf", files.TOO_LARGE)]


def test_files_past_the_count_limit_are_set_aside():
    batch = [(f"foto{n}.png", PHOTO) for n in range(files.MAX_FILES + 2)]
    screening = files.screen(batch)
    assert len(screening.accepted) == files.MAX_FILES
    assert [reason for _name, reason in screening.refused] == [files.TOO_MANY] * 2


def test_files_past_the_total_size_are_set_aside_and_smaller_ones_still_fit():
    big = PDF + b"0" * (files.MAX_FILE_BYTES - len(PDF))
    screening = files.screen([("a.pdf", big), ("b.pdf", big), ("c.pdf", big), ("d.png", PHOTO)])
    assert [name for name, _content in screening.accepted] == ["a.pdf", "b.pdf", "d.png"]
    assert screening.refused == [("c.pdf", files.TOTAL_TOO_LARGE)]


def test_an_empty_file_is_set_aside():
    assert files.screen([("vacio.pdf", b"")]).refused == [("vacio.pdf", files.EMPTY)]
