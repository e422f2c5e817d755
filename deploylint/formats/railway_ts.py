"""`.railway/railway.ts` (and .mts/.js/.mjs) through the shared JS/TS evaluator
(code/js_eval): the file is parsed with tree-sitter and never run. The default export
(`defineRailway(fn)`, a function or a project), else the export named `main` or
`Railway` as the Railway CLI takes it, is evaluated once per environment."""
from __future__ import annotations

from ..model import Location
from ..repo import Repo
from .railway_iac import MAX_ENVIRONMENTS, OTHER, Runs, ServiceDecl, builtins, context, project_name, services_of, set_partial

_COMPARISONS = ("===", "!==", "==", "!=")


def evaluate(repo: Repo, path: str) -> dict[str, list[ServiceDecl]] | None:
    """{environment: services} (production first), or None when unreadable."""
    text = repo.read_text(path)
    if text is None:
        return None
    from ..code.js_eval import Evaluator
    from ..code.js_static import Function, Thrown, Unknown, short
    from ..treesitter import first_error, language_for, parse

    tree = parse(language_for(path), text)
    error = first_error(tree.root_node)
    if error is not None:
        where = Location(path, error.start_point[0] + 1, error.start_point[1] + 1)
        repo.problem("DPL001", where, f"syntax error in {path}", "fix the syntax; `railway config plan` cannot load this file either")
    runs = Runs()
    exhausted = False
    for environment in environments(tree.root_node):
        calls: list[ServiceDecl] = []
        evaluator = Evaluator(path, text)
        evaluator.builtins.update(builtins(calls, evaluator.where))
        evaluator.values.update(imported(repo, path, tree.root_node, evaluator,
                                         make_builtins=lambda where, calls=calls: builtins(calls, where)))
        exported = evaluator.exports(tree.root_node)
        if not runs:
            _partial(repo, runs, evaluator)
        if exported is None:
            exported = _named_export(evaluator)
        if isinstance(exported, Function):
            exported = evaluator.call(exported, [context(environment)])
        exhausted = exhausted or evaluator.exhausted
        if isinstance(exported, Thrown):
            runs[environment] = []  # the file refuses this environment: nothing is planned there
            continue
        if isinstance(exported, Unknown) and not exported.options and not calls:
            repo.problem("DPL004", Location(path, _line_of(text, exported.text), 1),
                         f"{path}: the exported configuration is `{short(exported.text)}`, which deploylint cannot read without running it",
                         "export `defineRailway((ctx) => project(...))` with the services written in the file")
            return runs
        runs[environment] = services_of(exported, calls)
        if len(runs) == 1:
            _unread(repo, path, text, tree.root_node, evaluator, exported)
        runs.project = runs.project or project_name(exported)
        if exhausted:
            break  # a file that exhausts the budget once costs no more for every environment
    if exhausted:
        repo.problem("DPL004", Location(path, 1, 1),
                     f"{path} is nested too deeply (or computes too much) to be read completely; parts of it were skipped",
                     "keep the Railway configuration flat: services as literal objects, small helpers")
    return runs


def _unread(repo: Repo, path: str, text: str, root, evaluator, exported) -> None:
    """DPL004 for each resource of the project that cannot be read statically (a value
    imported from a package, a call of a function deploylint does not model): the
    services it declares are not checked, said instead of guessed. The other
    `railway/iac` resources (postgres, redis, volume, bucket...) declare no process."""
    from ..code.js_module import string_value
    from ..code.js_static import short
    from .railway_iac import unread_resources

    iac = set()
    for statement in root.named_children:
        source = statement.child_by_field_name("source") if statement.type == "import_statement" else None
        if source is not None and string_value(source) == "railway/iac":
            iac.update(local for local, _ in _import_names(statement, evaluator))
    for item in unread_resources(exported):
        head = item.text.lstrip("(").split("(")[0].split(".")[0].strip()
        if head in iac:
            continue
        repo.problem("DPL004", Location(path, _line_of(text, item.text), 1),
                     f"{path}: the resource `{short(item.text, 60)}` is only known when the config runs; "
                     "the services it declares are not checked",
                     "declare the services in the repository (this file, or a relative import of it) so they can be checked")


def _line_of(text: str, snippet: str) -> int:
    """The line where the reading stopped: where the text of what could not be read
    starts (its first occurrence), else 1."""
    at = text.find(snippet) if 3 <= len(snippet) <= 10_000 else -1
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _partial(repo: Repo, runs: Runs, evaluator) -> None:
    """`export const partial = "api"` (or PARTIAL, Partial; `mod.partial ?? mod.PARTIAL ??
    mod.Partial` in the CLI)."""
    from ..code.js_static import Function

    for name in ("partial", "PARTIAL", "Partial"):
        local = evaluator.exported.get(name)
        if local is None:
            continue
        node = evaluator.consts.get(local)
        value = evaluator.values.get(local) if node is None else evaluator.value(node)
        if value is None or isinstance(value, Function):
            continue
        where = evaluator.where(node) if node is not None else Location(evaluator.path, 1, 1)
        set_partial(repo, runs, value, where)
        return


def _named_export(evaluator):
    """Without a default export the Railway CLI takes the export named `main`, then
    `Railway` (`mod.default ?? mod.main ?? mod.Railway`): `export function main() {...}`,
    `export const Railway = defineRailway(...)`, `export { build as main }`."""
    for name in ("main", "Railway"):
        local = evaluator.exported.get(name)
        if local in evaluator.values:
            return evaluator.values[local]
        if local in evaluator.consts:
            return evaluator.value(evaluator.consts[local])
    return None


def environments(root) -> list[str]:
    """production, every environment name the file compares against, and one it does not name."""
    from ..code.js_module import string_value
    from ..treesitter import node_text

    names = ["production"]
    tables = _object_tables(root)
    stack, steps = [root], 0
    while stack and steps < 200_000 and len(names) < MAX_ENVIRONMENTS:
        node = stack.pop()
        steps += 1
        literal = None
        if node.type == "binary_expression" and node_text(node.child_by_field_name("operator")) in _COMPARISONS:
            for side in (node.child_by_field_name("left"), node.child_by_field_name("right")):
                literal = string_value(side) if side is not None and side.type == "string" else literal
        elif node.type == "call_expression" and node_text(node.child_by_field_name("function")).endswith("isEnvironment"):
            args = node.child_by_field_name("arguments")
            first = args.named_children[0] if args is not None and args.named_children else None
            literal = string_value(first) if first is not None and first.type == "string" else None
        elif node.type == "subscript_expression" and "env" in node_text(node.child_by_field_name("index")).lower():
            # `SERVICE_FOR[ctx.environment]`: the keys of that table are environment names
            table = tables.get(node_text(node.child_by_field_name("object")))
            for key in table or ():
                if key not in names and len(names) < MAX_ENVIRONMENTS:
                    names.append(key)
        elif node.type == "switch_case":
            value = node.child_by_field_name("value")
            literal = string_value(value) if value is not None and value.type == "string" else None
        if literal and literal not in names:
            names.append(literal)
        stack.extend(node.children)
    return names + [OTHER]


MAX_IMPORT_DEPTH = 3  # `import {X} from "./a"` where a imports b imports c: no further


def imported(repo: Repo, path: str, root, evaluator, depth: int = 0, seen: frozenset = frozenset(),
             make_builtins=None) -> dict:
    """Values of names imported from files of the repository: a JSON file's data
    (`import web from "../railway/web.json" with {type: "json"}`), the values a JS/TS
    module exports (`import {REGION} from "./shared"`, `export const bot = service(...)`)
    and its functions (`export function worker(name) {...}`, evaluated in their own file
    when called). `make_builtins(where)` gives each module the `railway/iac` functions.
    Packages stay unknown; a cycle or a chain deeper than MAX_IMPORT_DEPTH stops."""
    import posixpath

    from ..code.js_module import string_value
    from ..repo import join, normalise

    found: dict = {}
    if depth > MAX_IMPORT_DEPTH:
        return found
    for statement in root.named_children:
        if statement.type != "import_statement":
            continue
        source = statement.child_by_field_name("source")
        spec = string_value(source) if source is not None else None
        if not spec or not spec.startswith("."):
            continue
        target = _module_file(repo, normalise(join(posixpath.dirname(path), spec)))
        if target is None or target in seen:
            continue
        names = _import_names(statement, evaluator)
        if not names:
            continue
        if target.endswith(".json"):
            module = _json_value(repo, target)
            exports = {"default": module} if module is not None else {}
        else:
            exports = _module_exports(repo, target, depth, seen | {path}, make_builtins)
        for local, name in names:
            if name == "*":
                from ..code.js_static import Obj
                from ..model import Location

                whole = Obj(Location(target, 1, 1))
                whole.update(exports)
                whole.partial = getattr(exports, "partial", True)  # `export *`, a function: keys not read
                found[local] = whole
            elif name in exports:
                found[local] = exports[name]
    return found


def _module_file(repo: Repo, base: str) -> str | None:
    for candidate in (base, *(base + ext for ext in (".ts", ".mts", ".js", ".mjs", ".json")),
                      *(base + "/index" + ext for ext in (".ts", ".js"))):
        if repo.exists(candidate) and not candidate.endswith("/"):
            return candidate
    return None


def _import_names(statement, evaluator) -> list[tuple[str, str]]:
    """(local name, exported name) pairs; "default" for a default import, "*" for a namespace."""
    pairs = []
    clause = next((c for c in statement.named_children if c.type == "import_clause"), None)
    for child in clause.named_children if clause is not None else ():
        if child.type == "identifier":
            pairs.append((evaluator.text_of(child), "default"))
        elif child.type == "namespace_import" and child.named_children:
            pairs.append((evaluator.text_of(child.named_children[-1]), "*"))
        elif child.type == "named_imports":
            for spec in child.named_children:
                if spec.type != "import_specifier":
                    continue
                name, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
                if name is not None:
                    pairs.append((evaluator.text_of(alias or name), evaluator.text_of(name)))
    return pairs


def _json_value(repo: Repo, path: str):
    from ..jsonfile import load

    doc = load(repo, path)
    return _from_json(doc.data, doc, ()) if doc is not None else None


def _from_json(data, doc, key_path: tuple, depth: int = 0):
    from ..code.js_static import Arr, Obj

    if depth > 64:
        return None
    if isinstance(data, dict):
        obj = Obj(doc.where(*key_path))
        for key, value in data.items():
            obj[key] = _from_json(value, doc, key_path + (key,), depth + 1)
            obj.keys_at[key] = obj.values_at[key] = doc.where(*key_path, key)
            obj.texts[key] = f"{key_path[-1] if key_path else posixpath_base(doc.path)}.{key}"[:80]
        return obj
    if isinstance(data, list):
        arr = Arr(doc.where(*key_path))
        for index, value in enumerate(data[:10_000]):
            arr.append(_from_json(value, doc, key_path + (index,), depth + 1))
            arr.items_at.append(doc.where(*key_path, index))
        return arr
    return data


def posixpath_base(path: str) -> str:
    import posixpath

    return posixpath.basename(path)


def _module_exports(repo: Repo, path: str, depth: int, seen: frozenset, make_builtins=None) -> dict:
    """The values a JS/TS module of the repository exports (a function as a Builtin that
    runs it in its own file, so what it declares is located there); `.partial` when it may
    export more (`export * from`, `export { x }`), as a namespace import of it then holds
    keys not read here (`ns.n` is unknown, not undefined)."""
    from ..code.js_static import Obj
    from ..model import Location

    exports = Obj(Location(path, 1, 1))
    exports.partial = True
    text = repo.read_text(path)
    if text is None or len(text) > 500_000:
        return exports
    from ..code.js_eval import Evaluator
    from ..code.js_static import Function
    from ..treesitter import language_for, parse

    from ..safe import LimitExceeded

    try:
        tree = parse(language_for(path), text)
    except LimitExceeded:  # a module too slow to parse: its exports are unknown
        return exports
    evaluator = Evaluator(path, text)
    if make_builtins is not None:
        evaluator.builtins.update(make_builtins(evaluator.where))
    evaluator.values.update(imported(repo, path, tree.root_node, evaluator, depth + 1, seen, make_builtins))
    default = evaluator.exports(tree.root_node)
    exports.partial = False
    if default is not None:
        exports["default"] = _foreign(evaluator, default, "default")
    for statement in tree.root_node.named_children:
        if statement.type != "export_statement":
            continue
        declaration = statement.child_by_field_name("declaration")
        if declaration is not None and declaration.type == "function_declaration":
            name = declaration.child_by_field_name("name")
            value = evaluator.value(name) if name is not None else None
            if isinstance(value, Function):
                exports[evaluator.text_of(name)] = _foreign(evaluator, value, evaluator.text_of(name))
                continue
        if declaration is None or declaration.type not in ("lexical_declaration", "variable_declaration"):
            exports.partial = exports.partial or statement.child_by_field_name("value") is None  # not `export default`
            continue
        for declarator in declaration.named_children:
            name = declarator.child_by_field_name("name") if declarator.type == "variable_declarator" else None
            if name is None or name.type != "identifier":
                exports.partial = True
                continue
            exports[evaluator.text_of(name)] = _foreign(evaluator, evaluator.value(name), evaluator.text_of(name))
    return exports


def _foreign(evaluator, value, name: str):
    """A function of another module, callable from the importing file: it runs in its
    own module's evaluator (its names, its path for locations, its step budget)."""
    from ..code.js_static import Builtin, Function

    if not isinstance(value, Function):
        return value

    def call(_ev, values, _nodes, _node):
        return evaluator.call(value, values)

    return Builtin(name, call)


def _object_tables(root) -> dict[str, list[str]]:
    """Top-level `const NAME = { key: ..., "key": ... }`: NAME -> its literal keys."""
    from ..code.js_module import string_value
    from ..treesitter import node_text

    tables: dict[str, list[str]] = {}
    for statement in root.named_children:
        declaration = statement.child_by_field_name("declaration") if statement.type == "export_statement" else statement
        if declaration is None or declaration.type not in ("lexical_declaration", "variable_declaration"):
            continue
        for declarator in declaration.named_children:
            name, value = declarator.child_by_field_name("name"), declarator.child_by_field_name("value")
            while value is not None and value.type in ("as_expression", "satisfies_expression", "parenthesized_expression") \
                    and value.named_children:
                value = value.named_children[0]
            if name is None or value is None or value.type != "object":
                continue
            keys = []
            for pair in value.named_children:
                key = pair.child_by_field_name("key") if pair.type == "pair" else None
                if key is not None and key.type in ("property_identifier", "string"):
                    keys.append(string_value(key) if key.type == "string" else node_text(key))
            tables[node_text(name)] = [k for k in keys if k][:MAX_ENVIRONMENTS]
    return tables
