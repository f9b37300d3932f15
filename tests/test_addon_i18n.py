"""The Spanish translation parses, is complete, and translates every sentence."""

import re

import polib
import pytest

from tests.addon import ADDON

ES_PO = ADDON / "i18n" / "es.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(ES_PO))


def is_sentence(text: str) -> bool:
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 2


def test_es_po_declares_spanish(catalogue):
    assert catalogue.metadata.get("Language") == "es"


def test_every_entry_is_translated(catalogue):
    empty = [entry.msgid for entry in catalogue if not entry.msgstr]
    assert not empty, f"es.po has untranslated entries: {empty}"


def test_no_sentence_is_left_in_english(catalogue):
    copies = [e.msgid for e in catalogue if is_sentence(e.msgid) and e.msgstr == e.msgid]
    assert not copies, f"es.po copies these sentences instead of translating them: {copies}"


def test_translations_keep_the_placeholders(catalogue):
    broken = [
        entry.msgid
        for entry in catalogue
        if sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr))
    ]
    assert not broken, f"es.po changes the placeholders of: {broken}"


def test_no_entry_is_fuzzy_or_obsolete(catalogue):
    stale = [e.msgid for e in catalogue if "fuzzy" in e.flags or e.obsolete]
    assert not stale, f"es.po has fuzzy or obsolete entries: {stale}"
