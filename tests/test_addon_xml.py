"""Every XML file of the add-on parses and uses Odoo 18 view syntax."""

import pytest
from lxml import etree

from tests.addon import ADDON, xml_files

XML_FILES = xml_files()


def xml_id(path):
    return path.relative_to(ADDON).as_posix()


@pytest.mark.parametrize("path", XML_FILES, ids=xml_id)
def test_xml_file_parses(path):
    etree.parse(str(path))


@pytest.mark.parametrize("path", XML_FILES, ids=xml_id)
def test_views_use_list_not_tree(path):
    trees = [node.sourceline for node in etree.parse(str(path)).iter("tree")]
    assert not trees, f"{xml_id(path)}: <tree> at lines {trees}; Odoo 18 uses <list>"


@pytest.mark.parametrize("path", XML_FILES, ids=xml_id)
def test_views_use_no_attrs_or_states(path):
    old = [
        f"line {node.sourceline}: {attribute}"
        for node in etree.parse(str(path)).iter()
        if isinstance(node.tag, str)
        for attribute in ("attrs", "states")
        if attribute in node.attrib
    ]
    assert not old, f"{xml_id(path)}: Odoo 18 uses invisible/readonly expressions: {old}"


def test_the_addon_has_xml_files():
    assert XML_FILES, "no XML file found in esc_pqrs_module"
