"""The add-on's manifest: parseable, versioned for 18.0, listing real files in a sane order."""

import re
from pathlib import PurePosixPath

import pytest

from tests.addon import ADDON, REPO, manifest

#: Load order the style guide asks for: groups, access rights, record rules, data, views, menus.
STAGES = ("groups", "access", "rules", "data", "views", "menus")


def stage_of(path: str) -> str:
    name = PurePosixPath(path).name
    if name == "ir.model.access.csv":
        return "access"
    if path.startswith("security/"):
        return "rules" if "rule" in name else "groups"
    if "menu" in name:
        return "menus"
    if path.startswith("data/"):
        return "data"
    return "views"


def test_manifest_is_a_literal_dict_with_the_required_keys():
    keys = manifest().keys()
    for key in ("name", "version", "license", "author", "depends", "data"):
        assert key in keys, f"__manifest__.py lacks the key {key!r}"


def test_version_is_an_odoo_18_module_version():
    version = manifest()["version"]
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", version), (
        f"__manifest__.py version {version!r} is not of the form 18.0.x.y.z"
    )


@pytest.mark.parametrize("key", ["data", "demo"])
def test_every_listed_file_exists(key):
    missing = [path for path in manifest().get(key, []) if not (ADDON / path).is_file()]
    assert not missing, f"__manifest__.py {key} lists files that do not exist: {missing}"


def test_data_files_load_in_the_order_of_the_style_guide():
    stages = [(path, stage_of(path)) for path in manifest()["data"]]
    ranks = [STAGES.index(stage) for _path, stage in stages]
    for (before, before_stage), (after, after_stage), rank_before, rank_after in zip(
        stages, stages[1:], ranks, ranks[1:], strict=False
    ):
        assert rank_before <= rank_after, (
            f"__manifest__.py data: {after} ({after_stage}) must load before "
            f"{before} ({before_stage})"
        )


def test_every_data_file_of_the_addon_is_listed():
    listed = set(manifest()["data"]) | set(manifest().get("demo", []))
    on_disk = {
        path.relative_to(ADDON).as_posix()
        for folder in ("data", "demo", "security", "views", "wizards", "report")
        for path in (ADDON / folder).glob("*")
        if path.suffix in {".xml", ".csv"}
    }
    assert on_disk <= listed, f"files not listed in __manifest__.py: {sorted(on_disk - listed)}"


def test_python_dependencies_are_declared_and_pinned():
    declared = manifest()["external_dependencies"]["python"]
    pins = {
        line.split("==")[0].strip().lower()
        for line in (REPO / "odoo-requirements.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    unpinned = [name for name in declared if name.lower() not in pins]
    assert not unpinned, f"not pinned in odoo-requirements.txt: {unpinned}"
