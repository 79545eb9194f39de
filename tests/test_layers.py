"""The shape of src/protogen/ (issue 9): no import cycle, the rules stand on the model and the
law only, and the words of the public view's neutral heading live in templates.

The import graph is read from the source (AST), counting imports inside functions too: a cycle
hidden by a function-level import is still a cycle. Imports under `if TYPE_CHECKING:` are left
out: they are never executed.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "protogen"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes inside `if TYPE_CHECKING:` blocks."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                skipped.update(id(n) for n in ast.walk(child))
    return skipped


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The protogen modules `name` imports, anywhere in its body."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return {m for m in found if m in modules and m != name}


@cache
def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_graph_sees_imports_inside_functions() -> None:
    graph = import_graph()
    # build.py imports the checker at the top and the rules' runner through it; archive reads
    # the build's outputs through an import inside a function.
    assert "protogen.checker" in graph["protogen.build"]
    assert "protogen.render.documents" in graph["protogen.archive.contents"]


def test_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_in_src() -> None:
    assert cycles(import_graph()) == []


LOWER_LAYERS_ONLY = ("protogen.render", "protogen.site", "protogen.loader")


def test_rules_import_neither_render_site_nor_loader() -> None:
    graph = import_graph()
    rules = [name for name in graph if name.startswith("protogen.rules")]
    assert len(rules) > 20
    wrong = {
        rule: sorted(m for m in graph[rule] if m.startswith(LOWER_LAYERS_ONLY))
        for rule in rules
    }
    assert {rule: mods for rule, mods in wrong.items() if mods} == {}


def test_law_reads_only_the_model() -> None:
    graph = import_graph()
    law = {name: deps for name, deps in graph.items() if name.startswith("protogen.law")}
    assert law
    for name, deps in law.items():
        # protogen.cache: the folder where the holiday table is kept between runs
        assert deps <= {"protogen.model", "protogen.findings", "protogen.cache"} | set(law), name


PUBLIC_VIEW = ("protogen.public", "protogen.view", "protogen.markdown")


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for found in graph[todo.pop()] - seen:
            seen.add(found)
            todo.append(found)
    return seen


@pytest.mark.parametrize("name", PUBLIC_VIEW)
def test_the_public_view_stands_below_render_and_site(name: str) -> None:
    """public.py (the public view and the gate) and the view model it is built from import
    nothing from render/ or site/, not even through another module: both stand on them."""
    graph = import_graph()
    assert sorted(m for m in _reachable(graph, name)
                  if m.startswith(("protogen.render", "protogen.site"))) == []


def test_render_and_site_take_the_view_from_below() -> None:
    graph = import_graph()
    assert "protogen.view" in graph["protogen.render.base"]
    assert "protogen.public" in graph["protogen.site.content"]
    assert not any(m.startswith("protogen.render.view") for m in graph)


# The public view's neutral words belong to templates. A message or a description that tells
# the secretary what the public sees may quote them, each file named here (and a file named
# here that no longer quotes them must leave the list: it only shrinks).
NEUTRAL_WORDS = ("Sekretessbelagt", "Sekretess enligt")
MAY_QUOTE = {
    "protogen/loader/fields.py": "the schema's description of `rubrik` quotes the heading",
    "protogen/rules/sekretess.py": "the rule's docstring says what the public sees",
}


@pytest.mark.parametrize("word", NEUTRAL_WORDS)
def test_neutral_words_live_in_templates(word: str) -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel in MAY_QUOTE:
            continue
        if word in path.read_text(encoding="utf-8"):
            offenders.append(rel)
    assert offenders == []
    templates = [p for p in (PACKAGE / "templates").rglob("*") if p.is_file()]
    assert any(word in p.read_text(encoding="utf-8") for p in templates)


def test_every_file_allowed_to_quote_the_neutral_words_does() -> None:
    for rel in MAY_QUOTE:
        text = (SRC / rel).read_text(encoding="utf-8")
        assert any(word in text for word in NEUTRAL_WORDS), rel


def test_build_and_the_documents_load_weasyprint_only_to_render() -> None:
    """A build with every meeting unchanged renders nothing: importing the build and every
    document module must not load WeasyPrint (half a second of a no-op build)."""
    import subprocess
    import sys

    code = ("import sys, protogen.build, protogen.render.documents, protogen.site; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'weasyprint'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
