"""yargs command modules: `yargs(argv).commandDir('cmds')` picks the command to run from
the program's arguments.

yargs requires every module of the directory (their top level runs) and calls the
`handler` (after the `builder`) of the one whose `command` names the first argument
word; a builder that calls `commandDir('sub')` again picks the next word the same way
(`ts-node index.ts bot start` runs `cmds/bot/start.ts`'s handler). A command named `$0`
(or `*`) is the default when no word matches. Words the walk cannot read (`$CMD`)
choose no handler: the other commands are alternatives, not processes of their own.
"""
from __future__ import annotations

import posixpath

from .js_module import EXTENSIONS, Module, name_of, string_value, strip
from .js_expr import arguments

METHOD = "commandDir"
MAX_LISTED = 4000  # files of one directory looked at (js_loaders.capped reads MAX_FILES of them)


def args_after_entry(argv: tuple[str, ...], entry: str) -> tuple[str, ...]:
    """The words after the script in `node ./index.ts bot start` (options dropped)."""
    stem = posixpath.splitext(posixpath.normpath(entry))[0]
    for index, word in enumerate(argv):
        if posixpath.splitext(posixpath.normpath(word))[0] == stem:
            return tuple(w for w in argv[index + 1:] if not w.startswith("-"))
    return ()


def is_command_dir(program, module: Module, node) -> bool:
    """`<anything>.commandDir('dir', ...)` in a program that uses yargs."""
    function = strip(node.child_by_field_name("function"))
    if function is None or function.type != "member_expression" \
            or name_of(function.child_by_field_name("property")) != METHOD:
        return False
    return _yargs(module) or any(_yargs(m) for m in program.modules.values())


def _yargs(module: Module) -> bool:
    return any(p == "yargs" or p.startswith("yargs/") for p in module.packages)  # `yargs/yargs`


def reached(program, unit, node):
    """(module, node, note) for the command modules a `commandDir` call requires and the
    builder and handler of the one the program's arguments choose."""
    module = unit.module
    args = arguments(node)
    directory = string_value(args[0]) if args else None
    if not directory:
        return
    base = posixpath.normpath(posixpath.join(posixpath.dirname(module.path), directory))
    level = program.command_levels.get(module.path, 0)
    word = program.args[level] if level < len(program.args) else None
    at = module.where(node)
    commands = []
    from .js_loaders import capped

    files = _files(program.repo, base)  # the file named like the word first, then those naming a fact
    named = frozenset(p for p in files if word is not None and posixpath.splitext(posixpath.basename(p))[0] == word)
    for path in capped(program.repo, files, f"yargs `commandDir('{directory[:80]}')`", module.path, node, named):
        target = program.module(path)  # read for its `command` even when the walk need not enter it
        if target is None:
            continue
        walk = program.relevant is None or program.relevant(path) or _nests_commands(program.repo, path)
        if walk:
            yield target, target.root, f"required by yargs `commandDir('{directory}')` at {at}"
        commands.append((target, _names(program, target), walk))
    chosen = [(t, walk) for t, names, walk in commands if word is not None and not word.startswith("$") and word in names]
    if not chosen and (word is None or not word.startswith("$")):
        chosen = [(t, walk) for t, names, walk in commands if names & {"$0", "*"}]
    for target, walk in chosen[:1]:
        if not walk:
            break
        program.command_levels[target.path] = level + 1
        shown = word if word is not None else "$0"
        for export in ("builder", "handler"):
            for owner, function in program.functions(program.export(target, export)):
                yield owner, function, f"yargs runs command `{shown}` ({export}) chosen at {at}"


CLI_PACKAGES = ("yargs", "commander")


def other_command(program, module: Module, node) -> bool:
    """A command written inline whose handler runs only for its own name, when the
    program's first argument word names another: yargs `.command('migrate', desc, builder,
    handler)`, commander `.command('migrate').action(handler)`. Unknown words (`$CMD`),
    default commands (`$0`, `*`) and names the walk cannot read keep every handler."""
    word = program.args[0] if program.args else None
    if not word or word.startswith("$") or not any(
            p == name or p.startswith(name + "/") for p in module.packages for name in CLI_PACKAGES):
        return False
    function = strip(node.child_by_field_name("function"))
    if function is None or function.type != "member_expression":
        return False
    method = name_of(function.child_by_field_name("property"))
    if method == "command":
        named = node
    elif method == "action":  # the nearest `.command(name)` before it in the chain
        named, current = None, strip(function.child_by_field_name("object"))
        for _ in range(50):
            if current is None or current.type != "call_expression":
                break
            inner = strip(current.child_by_field_name("function"))
            if inner is None or inner.type != "member_expression":
                break
            if name_of(inner.child_by_field_name("property")) == "command":
                named = current
                break
            current = strip(inner.child_by_field_name("object"))
        if named is None:
            return False
    else:
        return False
    args = arguments(named)
    first = strip(args[0]) if args else None
    items = first.named_children[:20] if first is not None and first.type == "array" else [first]
    texts = [string_value(item) for item in items if item is not None]
    if not texts or not all(texts):
        return False  # a name the walk cannot read
    names = {text.split()[0] for text in texts}  # `['serve', 's']`: a name and its aliases
    return not (names & {word, "$0", "*"})


def _nests_commands(repo, path: str) -> bool:
    """A command module whose builder reads a further directory of commands (it leads to
    the handler even when its own text names nothing js_relevance looks for)."""
    text = repo.read_text(path)
    return text is not None and METHOD in text


def _files(repo, directory: str) -> list[str]:
    """JS/TS files directly in `directory`, in name order (memoised per scan)."""
    def listing():
        prefix = directory.rstrip("/") + "/" if directory not in ("", ".") else ""
        found = sorted(p for p in repo.files if p.startswith(prefix) and "/" not in p[len(prefix):]
                       and p.endswith(EXTENSIONS) and not p.endswith(".d.ts"))
        return found[:MAX_LISTED]
    return repo.memo(("yargs-command-dir", directory), listing) or []


def _names(program, module: Module) -> set[str]:
    """First words of a command module's `command` (a string or an array) and `aliases`."""
    names: set[str] = set()
    for export in ("command", "aliases"):
        found = program.export(module, export)
        if found is None:
            continue
        owner, value = found
        node = strip(owner.values.get(value)) if isinstance(value, str) else strip(value)
        values = node.named_children if node is not None and node.type == "array" else [node]
        for item in values:
            text = string_value(item)
            if text:
                names.add(text.split()[0])
    return names

