"""Modules a loop loads from a directory listing: the command and event loaders of
discord.js and Telegraf bots.

    for (const file of fs.readdirSync(path.join(__dirname, 'events'))) {
        const event = require(path.join(__dirname, 'events', file));
        client.once(event.name, (...args) => event.execute(...args));
    }

The specifier is computed from the loop variable (`for...of`/`for...in`, or the parameter of
a `.forEach`/`.map`/`.filter` callback): it is read with the one JS value reader
(js_expr.static_value) with the loop variable standing for any name, and the constants
declared on the way (`const filePath = path.join(dir, file)`) read in the same scope. A
literal directory part (`./commands/`, `__dirname`-relative) then names the files loaded:
every JS/TS file that fits, whatever the loop filters out (a filter is not read). A loop over
a static array (`for (const name of ['a', 'b'])`) loads those names only.

What a loaded module exports is reached like an import's: `event.execute(...)` on the value
the loop required, `require(file)(bot)`, `const { startCron } = await import(file)`.
"""
from __future__ import annotations

import posixpath
import re

from ..patterns import lazy_re
from ..treesitter import node_text
from .js_module import CLASS_TYPES, EXTENSIONS, FUNCTION_TYPES, Module, name_of, strip

WILD = "\x01"  # the loop variable: any file name
DEEP = "\x02"  # `**` of a glob: any directories
MAX_FILES = 200  # modules one loader loads
MAX_LISTED = 20 * MAX_FILES  # files of one directory looked at when choosing the MAX_FILES read
MAX_STATEMENTS = 200  # statements of one block looked through for declarations
MAX_UP = 60  # ancestors climbed from a require to its loops
MAX_ITEMS = 20  # items of a static array read one by one
_ITERATORS = frozenset({"forEach", "map", "filter", "flatMap", "some", "every", "reduce"})
_LOADERS = ("require", "import")


def is_loader_call(node) -> bool:
    """`require(x)` or `import(x)` with one argument (whatever it is)."""
    if node is None or node.type != "call_expression":
        return False
    callee, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    return callee is not None and args is not None and bool(args.named_children) and (
        callee.type == "import" or (callee.type == "identifier" and node_text(callee) == "require"))


def loaded(program, module: Module, node) -> list[str]:
    """Repository paths `require(x)`/`import(x)` at `node` loads when `x` is computed from a
    loop variable (memoised per call site); [] otherwise."""
    if not is_loader_call(node):
        return []
    cache = module.__dict__.setdefault("_dir_loads", {})
    key = (node.start_byte, node.end_byte)
    if key not in cache:
        cache[key] = _loaded(program, module, node) if len(cache) < 64 else []
    return cache[key]


def _loaded(program, module: Module, node) -> list[str]:
    from .js_expr import static_value
    from .js_static import DirPath

    argument = _unwrap_url(strip(node.child_by_field_name("arguments").named_children[0]))
    if argument is None or argument.type in ("string", "comment"):
        return []
    scope, names, choices = _loop_scope(module, node)
    if not names:
        return []
    options = []
    if choices:  # `for (const name of ['a', 'b'])`: each item in turn
        name, items = next(iter(choices.items()))
        for item in items[:MAX_ITEMS]:
            options.append(static_value(module, argument, _loop_scope(module, node, {name: item})[0]))
    else:
        options.append(static_value(module, argument, scope))
    paths: list[str] = []
    for option in options[:MAX_FILES]:
        if not isinstance(option, str):
            continue
        text = option
        if isinstance(option, DirPath):
            text = str(option).lstrip("/")
            text = text if text.startswith("../") else "./" + text
        elif not text.startswith(("./", "../")):
            continue
        if WILD in text or DEEP in text:
            paths += _matching(program.repo, posixpath.dirname(module.path), text)
        elif len(text) <= 400:  # one item of a static list
            found = program.resolved(module.path, text)
            paths += [found] if found is not None else []
    paths = [p for p in dict.fromkeys(paths) if p != module.path][:MAX_LISTED]  # `./${dir}` of jobs/index.js: not itself
    return capped(program.repo, paths, f"the directory load `{node_text(node)[:80]}`", module.path, node)


def capped(repo, paths: list[str], what: str, path: str, node, preferred: frozenset = frozenset()) -> list[str]:
    """`paths` when there are at most MAX_FILES, else MAX_FILES of them (in their order):
    the `preferred` ones, then those whose own text can lead to a fact (js_relevance.direct),
    then the rest. DPL006 on `node` when some of the files that name a fact are left out (the
    others can only matter through a module they import, which the kept ones often share)."""
    if len(paths) <= MAX_FILES:
        return paths
    from .js_relevance import direct

    first = [p for p in paths if p in preferred]
    facts = [p for p in paths if p not in preferred and direct(repo.read_text(p) or "")]
    keep = set((first + facts)[:MAX_FILES])
    for p in paths:
        if len(keep) >= MAX_FILES:
            break
        keep.add(p)
    left = len(first) + len(facts) - MAX_FILES
    if left > 0:
        from ..model import Location
        from ..safe import clean
        from ..secrets import redact

        repo.problem("DPL006", Location(path, node.start_point[0] + 1, node.start_point[1] + 1), redact(clean(
                     f"{what} names {len(paths)}{'+' if len(paths) >= MAX_LISTED else ''} modules; only {MAX_FILES} "
                     f"are analysed, and {left} left out name a bot library, scheduler or process call")),
                     "split the directory, or check the modules left out yourself")
    return [p for p in paths if p in keep]


def _unwrap_url(node):
    """`x` of `pathToFileURL(x).href`, `pathToFileURL(x)`, `url.pathToFileURL(x).toString()`."""
    for _ in range(3):
        if node is None:
            return None
        if node.type == "template_string" and node_text(node).startswith("`file://${") and node_text(node).endswith("}`") \
                and len([c for c in node.named_children if c.type == "template_substitution"]) == 1:
            substitution = next(c for c in node.named_children if c.type == "template_substitution")
            node = strip(substitution.named_children[0]) if substitution.named_children else None
            continue
        if node.type == "member_expression" and name_of(node.child_by_field_name("property")) == "href":
            node = strip(node.child_by_field_name("object"))
            continue
        if node.type == "call_expression":
            callee = strip(node.child_by_field_name("function"))
            name = name_of(callee.child_by_field_name("property")) if callee is not None and callee.type == "member_expression" \
                else node_text(callee) if callee is not None else ""
            args = node.child_by_field_name("arguments")
            if name == "toString" and callee.type == "member_expression":
                node = strip(callee.child_by_field_name("object"))
                continue
            if name == "pathToFileURL" and args is not None and args.named_children:
                node = strip(args.named_children[0])
                continue
        break
    return node


def _loop_scope(module: Module, node, chosen: dict | None = None):
    """A Scope binding the loop variables around `node` (WILD, or the item `chosen` names)
    and the constants declared on the way down to it; the loop variables' names; and the
    items of each loop over a static array of strings."""
    from .js_expr import static_value
    from .js_static import Arr, Scope

    frames = []  # (loop variables, declarations before the child), innermost first
    child, parent = node, node.parent
    for _ in range(MAX_UP):
        if parent is None:
            break
        if parent.type in ("statement_block", "program"):
            frames.append(((), _declarations_before(parent, child)))
        elif parent.type == "for_in_statement" and child == parent.child_by_field_name("body"):
            left, right = parent.child_by_field_name("left"), parent.child_by_field_name("right")
            frames.append((((left, right),) if left is not None else (), []))
        elif parent.type in FUNCTION_TYPES:
            params = _iterator_params(parent)
            if params is None:
                frames.append(((), []))
                break  # a function of its own: its parameters are its callers'
            frames.append((params, []))
        child, parent = parent, parent.parent
    scope = Scope()
    names: list[str] = []
    choices: dict[str, list[str]] = {}
    for variables, declarations in reversed(frames):
        for pattern, iterable in variables:
            if pattern.type != "identifier":
                continue
            name = node_text(pattern)
            if chosen and name in chosen:
                bound = chosen[name]
            else:
                items = static_value(module, iterable, scope) if iterable is not None else None
                if isinstance(items, Arr) and items and all(isinstance(i, str) for i in items):
                    choices[name] = list(items)  # `for (const name of ['a', 'b'])`
                bound = _glob(module, iterable, scope) or _dirent(module, iterable) or WILD
            scope.names[name] = bound
            names.append(name)
        for name, value in declarations:
            scope.names[name] = static_value(module, value, scope)
    return scope, names, choices


def _dirent(module: Module, iterable):
    """`{ name: WILD }` for the entries of `readdirSync(dir, { withFileTypes: true })`
    (fs.Dirent: `entry.name` is the file name), also through `.filter(...)`; None for other
    iterables (a `.map(e => e.name)` already yields names)."""
    node = strip(iterable)
    for _ in range(8):
        if node is not None and node.type == "await_expression" and node.named_children:
            node = strip(node.named_children[0])
        callee = strip(node.child_by_field_name("function")) if node is not None and node.type == "call_expression" else None
        if callee is None or callee.type != "member_expression" \
                or name_of(callee.child_by_field_name("property")) not in ("filter", "sort", "slice", "reverse"):
            break
        node = strip(callee.child_by_field_name("object"))
    callee = strip(node.child_by_field_name("function")) if node is not None and node.type == "call_expression" else None
    name = name_of(callee.child_by_field_name("property")) if callee is not None and callee.type == "member_expression" \
        else node_text(callee) if callee is not None else ""
    args = node.child_by_field_name("arguments") if callee is not None else None
    if name not in ("readdirSync", "readdir") or args is None or b"withFileTypes" not in module.source[args.start_byte:args.end_byte]:
        return None
    from .js_static import Obj

    entry = Obj(module.location(node))
    entry["name"] = WILD
    return entry


_GLOBS = frozenset({"sync", "globSync", "globbySync", "glob", "globby"})


def _glob(module: Module, iterable, scope):
    """The paths `glob.sync('./plugins/*.js')` (fast-glob, globby) lists, as a specifier
    with WILD for `*` and DEEP for `**/`; None for any other iterable."""
    from .js_expr import static_value
    from .js_static import DirPath

    node = strip(iterable)
    if node is not None and node.type == "await_expression" and node.named_children:
        node = strip(node.named_children[0])
    if node is None or node.type != "call_expression":
        return None
    callee = strip(node.child_by_field_name("function"))
    name = name_of(callee.child_by_field_name("property")) if callee is not None and callee.type == "member_expression" \
        else node_text(callee) if callee is not None else ""
    args = node.child_by_field_name("arguments")
    receiver = node_text(callee.child_by_field_name("object")) if callee is not None and callee.type == "member_expression" else ""
    if name not in _GLOBS or args is None or not args.named_children \
            or not ("glob" in (receiver + name).lower() or receiver in ("fg", "fastGlob", "FastGlob")):
        return None
    pattern = static_value(module, args.named_children[0], scope)
    if not isinstance(pattern, str) or "*" not in pattern or len(pattern) > 400 or any(c in pattern for c in "{[?!"):
        return None
    text = pattern.replace("**/", DEEP + "/").replace("*", WILD)
    return DirPath(text) if isinstance(pattern, DirPath) else text


def _iterator_params(function):
    """((parameter, iterable), ...) when `function` is the callback of `xs.forEach(...)`
    and the like (its first parameter is the item); None for any other function."""
    args = function.parent
    call = args.parent if args is not None and args.type == "arguments" else None
    callee = strip(call.child_by_field_name("function")) if call is not None and call.type == "call_expression" else None
    if callee is None or callee.type != "member_expression" or name_of(callee.child_by_field_name("property")) not in _ITERATORS:
        return None
    params = function.child_by_field_name("parameters") or function.child_by_field_name("parameter")
    if params is None:
        return None
    first = params if params.type == "identifier" else next(
        (p for p in params.named_children if p.type != "comment"), None)
    if first is not None and first.type != "identifier":
        first = first.child_by_field_name("pattern") if first.child_by_field_name("pattern") is not None else first
    if first is None or first.type != "identifier":
        return ()
    iterable = strip(callee.child_by_field_name("object"))
    return ((first, iterable),)


def _declarations_before(block, child) -> list:
    """(name, value node) of `const x = ...` statements of `block` before `child`."""
    found = []
    for statement in block.named_children[:MAX_STATEMENTS]:
        if statement.start_byte >= child.start_byte:
            break
        if statement.type not in ("lexical_declaration", "variable_declaration"):
            continue
        for declarator in statement.named_children:
            if declarator.type != "variable_declarator":
                continue
            name, value = declarator.child_by_field_name("name"), declarator.child_by_field_name("value")
            if name is not None and name.type == "identifier" and value is not None:
                found.append((node_text(name), value))
    return found


def _matching(repo, directory: str, text: str) -> list[str]:
    """Repository files a specifier with WILD parts may name (relative to `directory`): the
    file itself, the file without its extension, or a directory's index file."""
    joined = posixpath.normpath(posixpath.join(directory, text)) if directory else posixpath.normpath(text)
    if joined.startswith("../") or joined == ".." or WILD not in joined and DEEP not in joined:
        return []
    cut = min(i for i in (joined.find(WILD), joined.find(DEEP)) if i >= 0)
    base = joined[:cut].rpartition("/")[0]
    if not base:
        return []  # no literal directory: it could be anything
    base += "/"
    pattern = re.compile("".join(
        "[^/]+" if part == WILD else "(?:[^/]+/)*" if part == DEEP + "/" else re.escape(part)
        for part in re.split("(" + WILD + "|" + DEEP + "/)", joined)) + r"\Z")
    found = []
    for path in _listing(repo, base):
        if path.endswith(".d.ts") or "/node_modules/" in path:
            continue
        stem = posixpath.splitext(path)[0]
        if pattern.match(path) or pattern.match(stem) or (stem.endswith("/index") and pattern.match(stem[:-6])):
            found.append(path)
            if len(found) >= MAX_LISTED:
                break
    return found


def _listing(repo, base: str) -> list[str]:
    """JS/TS files under `base` (memoised per scan)."""
    def listing():
        return sorted(p for p in repo.files if p.startswith(base) and p.endswith(EXTENSIONS))
    return repo.memo(("dir-loader", base), listing) or []


def loaded_exports(program, module: Module, identifier, name: str | None) -> list[tuple[Module, object]]:
    """Functions `identifier.name` (or `identifier` itself when name is None) stands
    for when `identifier` holds what a directory loop loaded (js_loaders.held)."""
    from .js_instances import then_held

    found = []
    for target, export in held(program, module, identifier) + then_held(program, module, identifier):
        if program.relevant is not None and not program.relevant(target.path):
            continue
        if export is not None and name is not None:  # `const { default: event } = await import(f)`
            found += object_methods(program, target, export, name)
        elif export is not None or name is None:  # `const { startCron } = ...`, `const setup = require(f)`
            found += program.functions(program.export(target, export or "default"))
        else:  # `const event = require(f)`: `event.execute`
            found += program.functions(program.export(target, name)) or object_methods(program, target, "default", name)
    return found


def object_methods(program, module: Module, export: str, name: str) -> list[tuple[Module, object]]:
    """Function `name` of the object `module` exports as `export` (`export default {
    name: 'ready', execute(client) {...} }`, `export const service = { start() {} }`, an
    instance of a repository class, or the class itself)."""
    found = program.export(module, export)
    if found is None:
        return []
    owner, value = found
    node = strip(owner.values.get(value) or owner.instances.get(value)) if isinstance(value, str) else strip(value)
    if node is None:  # an exported class: its (static) method; a TypeScript namespace: its function
        return [(o, m) for o, cls in program.functions(found) if cls.type in CLASS_TYPES for m in methods_named(cls, name)] \
            or (namespace_functions(owner, value, name) if isinstance(value, str) else [])
    if node.type == "new_expression":
        return program._class_methods(owner, node, name)
    if node.type != "object":
        return []
    for child in node.named_children:
        if child.type == "method_definition" and name_of(child.child_by_field_name("name")) == name:
            return [(owner, child)]
        if child.type == "pair" and name_of(child.child_by_field_name("key")) == name:
            value = strip(child.child_by_field_name("value"))
            if value is not None and value.type in FUNCTION_TYPES:
                return [(owner, value)]
            if value is not None and value.type == "identifier":
                return program.functions(program.definition(owner, node_text(value)))
        if child.type == "shorthand_property_identifier" and node_text(child) == name:
            return program.functions(program.definition(owner, name))
    return []


def namespace_functions(module: Module, namespace: str, name: str) -> list[tuple[Module, object]]:
    """Function `name` declared in TypeScript `namespace <namespace> { export function name() }`
    of `module` (the summary files a namespace's functions with the module's own)."""
    found = []
    for function in module.functions.get(name, [])[:20]:
        current, depth = function.parent, 0
        while current is not None and depth < 8 and current.type not in ("internal_module", "module", "program"):
            current, depth = current.parent, depth + 1
        if current is not None and current.type in ("internal_module", "module") \
                and name_of(current.child_by_field_name("name")) == namespace:
            found.append((module, function))
    return found


def methods_named(cls, name: str) -> list:
    """The methods called `name` of a class node (static or not)."""
    body = cls.child_by_field_name("body")
    return [m for m in (body.named_children if body is not None else ())
            if m.type == "method_definition" and name_of(m.child_by_field_name("name")) == name]


# -- values a loader call left in a name --------------------------------------------------------
def held(program, module: Module, identifier) -> list[tuple[Module, object]]:
    """[(loaded module, None)] for `event` in `const event = require(file)` (also `await
    import(file)`, `(await import(file)).default`) declared in a scope around `identifier`;
    [(loaded module, export name)] for `const { execute } = require(file)`. [] otherwise."""
    if identifier is None or identifier.type != "identifier":
        return []
    name = node_text(identifier)
    if name not in _loader_names(module):
        return []
    declarator = _declared(identifier, name)
    if declarator is None:
        return []
    target, value = declarator.child_by_field_name("name"), strip(declarator.child_by_field_name("value"))
    export = None
    if target is not None and target.type == "object_pattern":
        export = pattern_key(target, name)
        if export is None:
            return []
    elif target is None or target.type != "identifier":
        return []
    if value is not None and value.type == "member_expression" and name_of(value.child_by_field_name("property")) == "default":
        value, export = strip(value.child_by_field_name("object")), export or "default"
    if value is not None and value.type == "await_expression":
        value = strip(value.named_children[0]) if value.named_children else None
    if not is_loader_call(value):
        return []
    found = []
    for path in loaded(program, module, value):
        target_module = program.module(path)
        if target_module is not None:
            found.append((target_module, export))
    return found


def _loader_names(module: Module) -> frozenset:
    """Names declared from a computed `require(...)`/`import(...)` in the module's text (a
    superset, memoised): only these can hold what a directory loop loaded."""
    known = module.__dict__.get("_loader_names")
    if known is None:
        text = module.source.decode("utf-8", errors="replace")
        names = set()
        if re.search(r"(?:require|import)\s*\(\s*[^\s'\"]", text):
            for match in _LOADER_DECLARATION.finditer(text):
                names.update(re.findall(r"[A-Za-z_$][\w$]*", match.group(1)))
        known = module.__dict__["_loader_names"] = frozenset(names)
    return known


# `const event = require(`, `let { startCron } = await import(`, `const cmd = (await import(`
_LOADER_DECLARATION = lazy_re(
    r"(?:const|let|var)\s+(\{[^{}]{0,400}\}|[A-Za-z_$][\w$]*)\s*(?::[^=]{0,200})?=\s*\(?\s*(?:await\s+)?(?:require|import)\s*\(\s*[^\s'\"]")


def pattern_key(pattern, name: str) -> str | None:
    """The key `name` takes out of an object pattern: `{ execute }`, `{ default: event }`."""
    for child in pattern.named_children:
        if child.type == "shorthand_property_identifier_pattern" and node_text(child) == name:
            return name
        if child.type == "pair_pattern":
            value = child.child_by_field_name("value")
            if value is not None and value.type == "identifier" and node_text(value) == name:
                return name_of(child.child_by_field_name("key")) or node_text(child.child_by_field_name("key"))
    return None


def _declared(identifier, name: str):
    """The declarator of `name` in a block around `identifier` (the innermost one before it)."""
    child, parent = identifier, identifier.parent
    for _ in range(MAX_UP * 2):
        if parent is None:
            return None
        if parent.type in ("statement_block", "program"):
            for statement in reversed([s for s in parent.named_children[:MAX_STATEMENTS] if s.start_byte < child.start_byte]):
                if statement.type not in ("lexical_declaration", "variable_declaration"):
                    continue
                for declarator in statement.named_children:
                    if declarator.type == "variable_declarator" and _declares(declarator, name):
                        return declarator
        child, parent = parent, parent.parent
    return None


def _declares(declarator, name: str) -> bool:
    target = declarator.child_by_field_name("name")
    if target is None:
        return False
    if target.type == "identifier":
        return node_text(target) == name
    return target.type == "object_pattern" and pattern_key(target, name) is not None
