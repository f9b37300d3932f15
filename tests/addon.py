"""Where the add-on lives and how to read its parts without importing Odoo."""

import ast
import csv
import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDON = REPO / "esc_pqrs_module"
MODULE_NAME = ADDON.name


def manifest() -> dict:
    return ast.literal_eval((ADDON / "__manifest__.py").read_text(encoding="utf-8"))


def xml_files() -> list[Path]:
    return sorted(ADDON.rglob("*.xml"))


def access_rows() -> list[dict]:
    with (ADDON / "security" / "ir.model.access.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def defined_models() -> dict[str, bool]:
    """``_name`` of every model class the add-on defines, with whether it is abstract; a class
    that names a model it also inherits (to add a mixin to it) extends that model."""
    models = {}
    for path in ADDON.rglob("*.py"):
        if "tests" in path.relative_to(ADDON).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                name = _class_attribute(node, "_name")
                if name and name not in _inherited_names(node):
                    bases = {ast.unparse(base) for base in node.bases}
                    models[name] = "models.AbstractModel" in bases
    return models


def _inherited_names(node: ast.ClassDef) -> set[str]:
    for statement in node.body:
        if isinstance(statement, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "_inherit" for target in statement.targets
        ):
            value = ast.literal_eval(statement.value)
            return {value} if isinstance(value, str) else set(value)
    return set()


def model_xmlid(model_name: str) -> str:
    return "model_" + model_name.replace(".", "_")


def load_tool(name: str):
    """A module of ``esc_pqrs_module/tools``: plain Python, importable without Odoo."""
    path = ADDON / "tools" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"esc_pqrs_tools_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _class_attribute(node: ast.ClassDef, attribute: str):
    for statement in node.body:
        if (
            isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == attribute for t in statement.targets)
            and isinstance(statement.value, ast.Constant)
        ):
            return statement.value.value
    return None
