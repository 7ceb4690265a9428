"""The house by concern: which package may import which, read from the code itself.

Data flows one way: content + data -> concerns -> site adapter / CLI -> site. ruff's
banned-api (pyproject.toml) keeps MkDocs, Material and mkdocs-static-i18n inside
polyhelp/site/; these tests hold the rest of the plan: the order of the concerns, a CLI
without MkDocs, hooks that only call the adapter, and a docstring for every package.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "polyhelp"

# What each concern may import, besides polyhelp.errors and libraries.
MAY_IMPORT = {
    "project": set(),
    "content": {"project"},
    "locales": {"project"},
    "translation": {"project", "content", "locales"},
    "review": {"project", "content", "translation", "markets", "locales"},
    "markets": {"project", "content", "locales"},
    "search": {"project", "content", "markets"},
    "site": {"project", "content", "locales", "translation", "review", "markets", "search"},
}
GENERATOR_PACKAGES = ("mkdocs", "material", "mkdocs_static_i18n")


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at module level or inside a function."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            # `from polyhelp import site` imports the package polyhelp.site.
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def polyhelp_packages(modules: set[str]) -> set[str]:
    """The sub-packages of polyhelp that `modules` reach (polyhelp.x.y -> x)."""
    found = set()
    for module in modules:
        parts = module.split(".")
        if parts[0] == "polyhelp" and len(parts) > 1 and (PACKAGE / parts[1]).is_dir():
            found.add(parts[1])
    return found


def modules_of(package: str) -> list[Path]:
    return sorted((PACKAGE / package).rglob("*.py"))


def test_every_concern_is_a_package_of_the_plan():
    packages = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()}
    assert packages == set(MAY_IMPORT)
    loose = {path.name for path in PACKAGE.glob("*.py")}
    assert loose == {"__init__.py", "__main__.py", "cli.py", "errors.py"}


@pytest.mark.parametrize("package", sorted(MAY_IMPORT))
def test_a_concern_imports_only_the_concerns_below_it(package):
    for path in modules_of(package):
        reached = polyhelp_packages(imported_modules(path)) - {package}
        assert reached <= MAY_IMPORT[package], f"{path.relative_to(REPO)} imports {reached}"


@pytest.mark.parametrize("package", sorted(set(MAY_IMPORT) - {"site"}))
def test_only_the_site_adapter_imports_the_site_generator(package):
    for path in modules_of(package):
        generator = {m for m in imported_modules(path) if m.split(".")[0] in GENERATOR_PACKAGES}
        assert not generator, f"{path.relative_to(REPO)} imports {generator}"


def test_the_cli_calls_the_adapter_but_never_the_generator_itself():
    modules = imported_modules(PACKAGE / "cli.py")
    assert not {m for m in modules if m.split(".")[0] in GENERATOR_PACKAGES}
    assert "site" in polyhelp_packages(modules)


def test_nothing_imports_the_cli_but_main():
    for path in [*PACKAGE.rglob("*.py"), *(REPO / "hooks").glob("*.py")]:
        if path.name == "__main__.py":
            continue
        assert "polyhelp.cli" not in imported_modules(path), path.relative_to(REPO)


def test_the_hooks_only_import_the_adapters_events():
    for path in (REPO / "hooks").glob("*.py"):
        modules = imported_modules(path) - {"__future__", "__future__.annotations"}
        assert all(m.startswith("polyhelp.site.events") for m in modules), modules


@pytest.mark.parametrize("package", sorted(MAY_IMPORT))
def test_every_package_says_what_it_owns_and_what_it_may_import(package):
    docstring = importlib.import_module(f"polyhelp.{package}").__doc__ or ""
    assert len(docstring.split()) >= 30, f"polyhelp/{package}/__init__.py needs a docstring"
    assert "import" in docstring
