"""Parsing a JavaScript/TypeScript file, and DPL001 for a syntax error.

tree-sitter-typescript 0.23 (and tree-sitter-javascript 0.25 for the JS forms) reject some
valid code; a file that has such a form is parsed again from a copy with the form masked
(same length, so every offset and line stays), and that tree is used when it is clean:
  - a line that starts with `in` followed by `_`, `$`, a digit, `:` or `?` (`in_app:
    boolean` in an object type, `in: 'query'` in an interface, a class field `in_progress
    = false` after a field without `;`): the scanner takes `in` for the operator and
    inserts no `;`; a `;` in the indentation before it is a separator there;
  - a NUL character in a string;
  - the import types `typeof import('./x')` in type arguments and `import('./x').Name[]`;
  - modifiers the grammar does not know: `abstract async run()` (tsc rejects it too, TS1243,
    but older compilers took it), `static accessor x`, `static readonly [k: string]: T`,
    variance annotations `<in T, out U>`;
  - a bare `&` in JSX text (`<h2>Sessions & devices</h2>`) or a JSX attribute's string
    (`href="/authorize?a=1&b=2"`).
TypeScript 5's `export type * from "./types"` is no error either (erased at compile time).
"""
from __future__ import annotations


from ..model import Location
from ..patterns import lazy_re
from ..treesitter import node_text, parse_bytes

MAX_ROUNDS = 4  # parses of a masked copy per file
MASK_AFTER_SECONDS = 0.5  # a first parse slower than this is not retried on masked copies
MAX_ERRORS = 50  # error nodes looked at per round
# a line starting with `in` plus a character that the scanner does not take for a name's
_IN_LINE = lazy_re(rb"(?m)^[ \t]*([ \t])in(?=[_$0-9:?])")
_TYPEOF_IMPORT = lazy_re(rb"typeof\s+import\(\s*(['\"])[^'\"\n]{0,300}\1\s*\)")
_IMPORT_TYPE = lazy_re(rb"([:<|&,]\s{0,40})(import\(\s*(['\"])[^'\"\n]{0,300}\3\s*\)(?:\.[A-Za-z_$][\w$]*)+)(?=[^\w$(.])")
_MEMBER_PARENTS = frozenset({"abstract_method_signature", "method_signature", "public_field_definition",
                             "method_definition", "property_signature"})
_MODIFIERS = frozenset({"static", "readonly", "declare", "override", "accessibility_modifier"})


def parse(language: str, source: bytes):
    """The syntax tree of `source`, or of its masked copy when only grammar gaps broke it."""
    import time

    began = time.process_time()
    tree = parse_bytes(language, source)  # ParseTooLong past its budget
    typescript = language != "javascript"
    if first_error(tree.root_node, typescript) is None:
        return tree
    if time.process_time() - began > MASK_AFTER_SECONDS:
        return tree  # garbage that was slow to parse: no masked copies of it (each as slow)
    masked = bytearray(source)
    _mask_patterns(masked)
    for _ in range(MAX_ROUNDS):
        attempt = parse_bytes(language, bytes(masked))
        if first_error(attempt.root_node, typescript) is None:
            return attempt
        if not _mask_errors(attempt.root_node, masked):
            break
    return tree


def _blank(masked: bytearray, start: int, end: int, text: bytes = b"") -> None:
    masked[start:end] = (text + b" " * (end - start))[: end - start]


def _mask_patterns(masked: bytearray) -> None:
    if b"\x00" in masked:
        masked[:] = masked.replace(b"\x00", b" ")
    source = bytes(masked)
    for match in _IN_LINE.finditer(source):
        before = _previous_char(source, match.start())  # where a `;` can end the line before
        if before and (before.isalnum() or before in b"_$)]}'\"`>"):
            _blank(masked, match.start(1), match.end(1), b";")
    if b"import(" in source:
        for match in _TYPEOF_IMPORT.finditer(source):
            _blank(masked, match.start(), match.end(), b"any")
        for match in _IMPORT_TYPE.finditer(source):
            _blank(masked, match.start(2), match.end(2), b"any")


def _previous_char(source: bytes, end: int, limit: int = 200) -> bytes:
    """The last non-space byte before `end` (looking back at most `limit` bytes)."""
    index = end - 1
    while index >= 0 and end - index <= limit and source[index:index + 1] in (b" ", b"\t", b"\r", b"\n"):
        index -= 1
    return source[index:index + 1] if index >= 0 and end - index <= limit else b""


def _mask_errors(root, masked: bytearray) -> bool:
    """Blank the tokens of the grammar gaps next to the error nodes; whether any was."""
    changed = False
    for error in _errors(root):
        previous, parent = error.prev_sibling, error.parent
        if parent is None:
            continue
        if previous is not None and parent.type in _MEMBER_PARENTS and previous.type == "property_identifier" \
                and (node_text(previous) == "accessor" or (node_text(previous) == "async" and any(
                    c.type == "abstract" for c in parent.children))):  # `abstract async run()`, `static accessor x`
            _blank(masked, previous.start_byte, previous.end_byte)
            changed = True
        elif previous is not None and ((parent.type == "type_parameters" and previous.type == "type_parameter") or (
                parent.type == "type_parameter" and previous.type == "type_identifier")) \
                and node_text(previous) in ("in", "out"):  # `<in T, out U>`, `<in T = unknown>`
            _blank(masked, previous.start_byte, previous.end_byte)
            changed = True
        elif parent.type == "computed_property_name" and parent.parent is not None \
                and parent.parent.type == "public_field_definition":  # `static readonly [k: string]: T`
            for child in parent.parent.children:
                if child.type in _MODIFIERS:
                    _blank(masked, child.start_byte, child.end_byte)
                    changed = True
        elif parent.type in ("jsx_opening_element", "jsx_self_closing_element") \
                and bytes(masked[error.start_byte:error.start_byte + 3]) == b"in=":  # `<Collapse in={open}>`
            _blank(masked, error.start_byte, error.start_byte + 2, b"i_")
            changed = True
        elif _near_jsx(error):  # a bare `&` in JSX text (`&amp;` is an entity)
            for match in _BARE_AMPERSAND.finditer(bytes(masked[error.start_byte:error.end_byte])):
                _blank(masked, error.start_byte + match.start(), error.start_byte + match.end())
                changed = True
    return changed


_BARE_AMPERSAND = lazy_re(rb"&(?![#\w]{1,32};)")


def _near_jsx(error) -> bool:
    parent = error.parent
    if parent is not None and parent.type == "string":  # `href="...?a=1&b=2"`: a JSX attribute's string
        parent = parent.parent
    return (parent is not None and parent.type.startswith("jsx")) or any(
        c.type.startswith("jsx") for c in error.children[:20])


def _errors(root):
    stack, found = [root], []
    while stack and len(found) < MAX_ERRORS:
        node = stack.pop()
        if node.is_error:
            found.append(node)
            continue
        stack.extend(reversed([c for c in node.children if c.has_error]))
    return found


def report(repo, module) -> None:
    """DPL001 at the first syntax error of `module`."""
    error = first_error(module.root, module.language != "javascript")
    if error is None:
        return
    name = "TypeScript" if module.language != "javascript" else "JavaScript"
    snippet = " ".join(node_text(error).split())[:40]
    location: Location = module.location(error)
    repo.problem("DPL001", location, f"{name} syntax error near `{snippet}`",
                 "fix the syntax (run `node --check` or `tsc --noEmit`); code after the error may not have been scanned")


def first_error(root, typescript: bool = False):
    """The first ERROR node (MISSING tokens alone are not reported); `export type * from`
    is none."""
    stack = [root] if root.has_error else []
    while stack:
        node = stack.pop()
        if node.is_error:
            if typescript and _type_star_export(node):
                continue
            return node
        stack.extend(reversed([c for c in node.children if c.has_error]))
    return None


def _type_star_export(error) -> bool:
    parent = error.parent
    return parent is not None and parent.type == "export_statement" \
        and node_text(error).split() in (["type", "*"], ["type"]) \
        and parent.child_by_field_name("source") is not None
