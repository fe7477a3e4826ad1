"""The package's arrows point one way: cli and web (the two doors) use capture, transcribe and
reflect (which may use each other), which use store, which uses the ground floor (settings,
errors, audio, machine, paths, utc, controls, sealing). No module imports
another in a cycle, counting imports inside functions too. And the use cases read one way: no
function in capture, transcribe or reflect takes a database session or rows of its own (they
take a store.reading.Reader, and the store.db.Database to write), or names its person any other
way than through that reader."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "afterword"
GROUND_FLOOR = {"settings", "errors", "audio", "machine", "paths", "utc", "controls", "sealing"}
# The CLI sits above the web door only because `afterword serve` starts it (and `pair` prints its
# certificate); web never imports the CLI.
LAYERS = {"store": 1, "capture": 2, "transcribe": 2, "reflect": 2, "web": 3, "cli": 4}
ENTRY_POINTS = {"afterword", "afterword.__main__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The afterword modules a file imports, wherever in it the import stands."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("afterword")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("afterword"):
            found.add(node.module)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        # `from afterword.x import y` may name a module y; count the module itself then.
        targets = set()
        for imported in imports_of(path):
            targets.add(imported if imported in modules else imported.rsplit(".", 1)[0])
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def layer_of(module: str) -> tuple[str, int]:
    part = module.split(".")[1] if "." in module else ""
    if part in GROUND_FLOOR:
        return part, 0
    return part, LAYERS.get(part, 4)


def test_every_import_points_down() -> None:
    wrong = []
    for module, targets in import_graph().items():
        if module in ENTRY_POINTS or module.startswith("afterword.store.migrations.versions"):
            continue
        package, layer = layer_of(module)
        for target in targets:
            target_package, target_layer = layer_of(target)
            # The ground floor's modules use each other, and so do capture, transcribe and reflect
            # (the cycle test below keeps them from going round in circles).
            peers = layer == target_layer and layer in (0, 2)
            if target_package != package and target_layer >= layer and not peers:
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_no_import_cycles() -> None:
    graph = import_graph()
    cycles, stack, state = [], [], {}

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for target in graph[node]:
            if state.get(target) == "open":
                cycles.append(" -> ".join([*stack[stack.index(target) :], target]))
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert cycles == []


def test_the_graph_sees_the_imports_it_judges() -> None:
    graph = import_graph()
    assert "afterword.store.db" in graph["afterword.store.memos"]
    assert "afterword.transcribe.engine" in graph["afterword.web.state"]  # imported inside a method


USE_CASES = ("capture", "transcribe", "reflect")
HANDLES = {"Session", "Rows", "SessionRows", "SqliteRows", "Storage"}
PERSON_WORDS = {"owner_id", "person_id", "reader_id"}


def annotation_names(node: ast.expr | None) -> set[str]:
    """The names an annotation mentions (quoted ones too)."""
    if node is None:
        return set()
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return annotation_names(ast.parse(node.value, mode="eval").body)
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {
        n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)
    }


def use_case_parameters() -> list[tuple[str, ast.arg]]:
    found = []
    for package in USE_CASES:
        for path in (PACKAGE / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    arguments = node.args
                    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
                    found += [(f"{module_name(path)}.{node.name}", arg) for arg in every]
    return found


def test_no_use_case_takes_a_session_or_rows() -> None:
    wrong = [
        f"{function}({arg.arg})"
        for function, arg in use_case_parameters()
        if annotation_names(arg.annotation) & HANDLES
    ]
    assert wrong == []


def test_use_cases_know_their_person_by_their_reader() -> None:
    assert [
        f"{function}({arg.arg})" for function, arg in use_case_parameters() if arg.arg in PERSON_WORDS
    ] == []


def test_the_guard_sees_what_it_judges() -> None:
    parameters = use_case_parameters()
    assert ("afterword.reflect.review.keep_review", "reader") in {(f, a.arg) for f, a in parameters}
    assert {"Session"} <= annotation_names(ast.parse("'Session | None'", mode="eval").body)
