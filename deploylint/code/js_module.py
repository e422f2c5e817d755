"""One JavaScript/TypeScript file, summarised for the reachability walk and the detectors.

Parsed once per scan (tree-sitter, never executed) into: what each local name is bound
to (imports, functions, constants, `new X()` instances), what the file exports, and which
packages it uses. Everything is approximate by name: good enough to follow a bot from
`node index.js` to `bot.launch()` without evaluating anything.
"""
from __future__ import annotations

import posixpath
import re
from bisect import bisect_left
from ..record import dataclass, field
from functools import lru_cache

from ..model import Location
from ..repo import Repo
from ..treesitter import language_for, node_text, parser
from .js_resolve import EXTENSIONS, JS_OUTPUT, alias_target, resolve  # noqa: F401 (re-exported)

# Nodes whose body runs later (when called), not where they are written.
FUNCTION_TYPES = frozenset({
    "function_declaration", "generator_function_declaration", "function_expression", "function",
    "generator_function", "arrow_function", "method_definition",
})
BOUNDARY_TYPES = FUNCTION_TYPES | {"class_body"}
CLASS_TYPES = frozenset({"class_declaration", "class", "abstract_class_declaration"})
# Wrappers that do not change which value an expression stands for.
TRANSPARENT = frozenset({
    "parenthesized_expression", "await_expression", "non_null_expression", "as_expression",
    "satisfies_expression", "type_assertion",
})
SUMMARY_TYPES = (
    "function_declaration", "generator_function_declaration", "class_declaration", "class",
    "abstract_class_declaration", "variable_declarator", "assignment_expression", "method_definition",
    "field_definition", "public_field_definition", "pair", "import_statement", "export_statement",
    "call_expression",
)
UNIT_TYPES = ("call_expression", "new_expression", "import_statement", "export_statement")
_UNIT_SET = frozenset(UNIT_TYPES)
# From this size on, a file is summarised where the scan looks (js_names) instead of by one
# query over every node: a big file is mostly code the entry never reaches, a small one is
# cheaper to summarise whole than name by name.
LAZY_FROM_BYTES = 256 * 1024


@dataclass(frozen=True)
class Binding:
    """A local name that stands for something another module provides."""

    source: str  # "telegraf", "./bot"
    name: str | None  # exported name, "default", or None for the whole module

    @property
    def relative(self) -> bool:
        return self.source.startswith(".")


@dataclass
class Module:
    path: str
    language: str
    source: bytes
    root: object  # tree-sitter `program` node
    imports: dict[str, Binding] = field(default_factory=dict)
    functions: dict[str, list] = field(default_factory=dict)  # name -> function/class nodes
    methods: dict[str, list] = field(default_factory=dict)  # method/property name -> function nodes
    values: dict[str, object] = field(default_factory=dict)  # name -> first assigned value node
    instances: dict[str, object] = field(default_factory=dict)  # name -> `new X()` node
    env_names: set[str] = field(default_factory=set)  # locals computed from process.env
    env_aliases: dict[str, str] = field(default_factory=dict)  # `const { TOKEN } = process.env`
    exports: dict[str, object] = field(default_factory=dict)  # exported name -> node or local name
    star_sources: list[str] = field(default_factory=list)  # `export * from './x'`
    packages: set[str] = field(default_factory=set)  # non-relative modules it imports
    owned: dict[tuple, list] = field(default_factory=dict)  # unit node key -> its own calls/imports
    _env_at: list | None = field(default=None, repr=False)  # byte offsets of `process.env`
    _whole: bool = field(default=False, repr=False)  # summarised by one query over every node
    _words: dict = field(default_factory=dict, repr=False)  # word -> whether the source holds it
    parameters: dict | None = field(default=None, repr=False)  # js_params._parameter_scopes
    parameter_questions: int = field(default=0, repr=False)  # js_params.is_parameter, before the index

    def mentions(self, word: bytes) -> bool:
        """Whether the source holds `word`, searched once per module: the walk asks per call
        node, and a search of the whole source per node is quadratic in a long module."""
        found = self._words.get(word)
        if found is None:
            found = self._words[word] = word in self.source
        return found

    def own_nodes(self, unit_node) -> list:
        """Calls, `new`s, imports and exports that run as part of `unit_node` (the program
        or a function), not inside functions nested in it; found when first asked."""
        key = node_key(unit_node)
        found = self.owned.get(key)
        if found is None and self._whole:
            return []
        if found is None:
            from .js_names import own_nodes

            found = self.owned[key] = own_nodes(unit_node, _UNIT_SET, BOUNDARY_TYPES)
        return found

    def env_places(self) -> list:
        if self._env_at is None:
            self._env_at = [m.start() for m in re.finditer(rb"process\.env", self.source)]
        return self._env_at

    def location(self, node) -> Location:
        """1-based line/column of `node`, columns counted in characters, not bytes."""
        return Location(self.path, node.start_point[0] + 1, self._column(node.start_byte),
                        node.end_point[0] + 1, self._column(node.end_byte))

    def _column(self, offset: int) -> int:
        start = self.source.rfind(b"\n", 0, offset) + 1
        return len(self.source[start:offset].decode("utf-8", errors="replace")) + 1

    def where(self, node) -> str:
        return f"{self.path}:{node.start_point[0] + 1}"

    def mentions_env(self, node) -> bool:
        """`process.env` is written inside `node`. The places are found once per file and
        looked up by position: decoding every declarator's whole value (a function, a
        nested closure in a bundle) again per declarator is quadratic in nesting."""
        places = self.env_places()
        index = bisect_left(places, node.start_byte)
        return index < len(places) and places[index] + len(b"process.env") <= node.end_byte


def load(repo: Repo, path: str) -> Module | None:
    """The summary of `path`, parsed once per scan; DPL001 for a syntax error."""
    return repo.memo(("js-module", path), lambda: _summarise(repo, path))


def _summarise(repo: Repo, path: str) -> Module | None:
    text = repo.read_text(path)
    if text is None:
        return None
    language = language_for(path)
    source = text.encode("utf-8")
    from . import js_syntax

    from ..treesitter import ParseTooLong

    try:
        root = js_syntax.parse(language, source).root_node  # valid forms the grammar rejects are masked
    except ParseTooLong as error:
        from ..model import Location

        repo.problem("DPL006", Location(path, error.line, 1), f"{path} was not analysed: {error}",
                     "if it is code the deployment runs, fix what breaks its syntax there; otherwise exclude it with `extend-exclude`")
        return None
    module = Module(path, language, source, root)
    js_syntax.report(repo, module)
    from . import js_names

    if len(source) < LAZY_FROM_BYTES:
        js_names.summarise_whole(module)
    else:
        # Nothing visits every node (a big file's query costs as much as its parse): the
        # summary is built from the places that matter and per name on demand (js_names),
        # and each unit's own calls when the walk reaches it (Module.own_nodes).
        js_names.summarise(module)
    _relative_aliases(repo, module)
    from .js_deno import rename

    rename(module)  # `npm:grammy`, `https://deno.land/x/grammy/mod.ts`: the npm package
    return module


def _relative_aliases(repo: Repo, module: Module) -> None:
    """Imports through tsconfig aliases (`@/bot`, `src/bot`) become relative ones, so every
    later step treats them as files of the repository, not packages."""
    here = posixpath.dirname(module.path)

    def relative(source: str) -> str | None:
        if source.startswith("."):
            return None
        target = alias_target(repo, module.path, source)
        if target is None:
            return None
        module.packages.discard(package_name(source))
        spec = posixpath.relpath(target, here or ".")
        return spec if spec.startswith(".") else "./" + spec

    for name, binding in list(module.imports.items()):
        spec = relative(binding.source)
        if spec:
            module.imports[name] = Binding(spec, binding.name)
    for name, value in list(module.exports.items()):
        if isinstance(value, Binding):
            spec = relative(value.source)
            if spec:
                module.exports[name] = Binding(spec, value.name)
    module.star_sources = [relative(s) or s for s in module.star_sources]


def node_key(node) -> tuple:
    return node.start_byte, node.end_byte, node.type


def _matches(language: str, root, kinds: tuple[str, ...]) -> list:
    """Nodes of the given types under `root`, in source order (a tree-sitter query runs
    in C: much faster than visiting every node from Python)."""
    from tree_sitter import QueryCursor

    captures = QueryCursor(_query(language, kinds)).captures(root)
    return sorted(captures.get("n", []), key=lambda n: (n.start_byte, -n.end_byte))


@lru_cache(maxsize=None)
def _query(language: str, kinds: tuple[str, ...]):
    from tree_sitter import Query

    grammar = parser(language).language
    known = [k for k in kinds if grammar.id_for_node_kind(k, True)]  # a kind one grammar lacks
    return Query(grammar, "[" + " ".join(f"({k})" for k in known) + "] @n")


def descendants(root):
    """Every node under `root`, in source order."""
    stack = list(reversed(root.children))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


# -- small expression helpers --------------------------------------------------------------
def strip(node):
    """`node` without parentheses, await, `!`, `as T` around it."""
    while node is not None and node.type in TRANSPARENT:
        node = node.named_children[0] if node.named_children else None
    return node


def string_value(node) -> str | None:
    """The text of a string literal or a template without substitutions."""
    node = strip(node)
    if node is None:
        return None
    if node.type == "string" or (node.type == "template_string" and not any(
            c.type == "template_substitution" for c in node.named_children)):
        return node_text(node)[1:-1]
    return None


def call_source(node) -> str | None:
    """'x' for `require('x')` or `import('x')` (possibly awaited)."""
    node = strip(node)
    if node is None or node.type != "call_expression":
        return None
    callee = node.child_by_field_name("function")
    args = node.child_by_field_name("arguments")
    if callee is None or args is None or not args.named_children:
        return None
    if callee.type == "import" or (callee.type == "identifier" and node_text(callee) == "require"):
        return string_value(args.named_children[0])
    return None


def is_process_env(node) -> bool:
    node = strip(node)
    return node is not None and node.type == "member_expression" and node_text(node).replace(" ", "") == "process.env"


def name_of(node) -> str | None:
    return node_text(node) if node is not None and node.type in (
        "identifier", "property_identifier", "type_identifier", "shorthand_property_identifier",
        "private_property_identifier") else None


# -- helpers of the summary (js_collect) ----------------------------------------------------
def package_name(source: str) -> str:
    return source.removeprefix("node:")


# Builder methods that return the object they are called on (GramIO's and Telegraf's
# `new Bot(token).extend(plugin).command(...).onStart(log)`): the chain holds the bot.
FLUENT = frozenset({"extend", "onStart", "onStop", "onError", "command", "hears", "on", "use", "action",
                    "callbackQuery", "inlineQuery", "derive", "decorate", "help", "settings", "group"})
MAX_CHAIN = 200


def fluent_root(node):
    """The `new X(...)` at the root of `new X(...).use(a).command(...)` (only builder methods
    that return their object), else `node` itself."""
    current = node
    for _ in range(MAX_CHAIN):
        if current is None or current.type != "call_expression":
            break
        function = strip(current.child_by_field_name("function"))
        if function is None or function.type != "member_expression" \
                or name_of(function.child_by_field_name("property")) not in FLUENT:
            break
        current = strip(function.child_by_field_name("object"))
    return current if current is not None and current.type == "new_expression" else node
