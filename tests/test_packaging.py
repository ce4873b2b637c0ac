"""The bundled models and lexicons are package resources (they must ship in a wheel, not only in a checkout)."""

from importlib import resources


def test_bundled_models_are_package_resources():
    models = resources.files("leadsignal.models")
    assert models.joinpath("uptake-nl.json").is_file()
    assert models.joinpath("acts-nl", "acts.skops").is_file()
    assert models.joinpath("acts-nl", "params.json").is_file()
    assert models.joinpath("acts-nl", "plain", "acts.skops").is_file()


def test_pyproject_ships_every_model_file():
    # the wheel's package-data patterns must cover each file kept under models/ (a checkout finds them anyway)
    import tomllib
    from fnmatch import fnmatch
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    patterns = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"][
        "leadsignal.models"
    ]
    files = [
        p.relative_to(root / "models").as_posix()
        for p in (root / "models").rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    assert files
    for name in files:
        assert any(fnmatch(name, pattern) and name.count("/") == pattern.count("/") for pattern in patterns), name


def test_report_templates_are_package_resources():
    templates = resources.files("leadsignal.report") / "templates"
    assert templates.joinpath("report.html.j2").is_file()
    assert templates.joinpath("report.css").is_file()


def test_every_public_definition_has_a_docstring():
    import ast
    from pathlib import Path

    missing = []
    for path in sorted((Path(__file__).resolve().parents[1] / "src" / "leadsignal").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef) and not node.name.startswith("_"):
                methods = node.body if isinstance(node, ast.ClassDef) else []
                members = [node] + [n for n in methods if isinstance(n, ast.FunctionDef)]
                for member in members:
                    if not member.name.startswith("_") and not ast.get_docstring(member):
                        missing.append(f"{path.name}:{member.lineno} {member.name}")
    assert missing == []
