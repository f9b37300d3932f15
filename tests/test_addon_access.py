"""Access rights name real models, and every model of the add-on has some."""

from tests.addon import MODULE_NAME, access_rows, defined_models, model_xmlid


def local_model_xmlid(reference: str) -> str | None:
    """The model part of an ACL's ``model_id:id`` when it points into this add-on."""
    module, _dot, name = reference.rpartition(".")
    return name if module in ("", MODULE_NAME) else None


def test_every_model_named_in_the_access_file_is_defined():
    defined = {model_xmlid(name) for name in defined_models()}
    unknown = [
        f"{row['id']}: {row['model_id:id']}"
        for row in access_rows()
        if local_model_xmlid(row["model_id:id"]) not in (None, *defined)
    ]
    assert not unknown, f"ir.model.access.csv names models the add-on does not define: {unknown}"


def test_every_concrete_model_has_access_rights():
    covered = {local_model_xmlid(row["model_id:id"]) for row in access_rows()}
    bare = [
        name
        for name, abstract in defined_models().items()
        if not abstract and model_xmlid(name) not in covered
    ]
    assert not bare, f"models without a line in ir.model.access.csv: {bare}"


def test_access_ids_are_unique():
    ids = [row["id"] for row in access_rows()]
    assert len(ids) == len(set(ids)), "ir.model.access.csv repeats an id"
