"""YAML files with line/column for every node (ruamel.yaml, loaded on first use).

A syntax error, a duplicate key or an alias bomb becomes DPL001 with a location; the
caller gets None and the scan goes on.
"""
from __future__ import annotations

from .model import Location
from .repo import Repo
from .safe import MAX_DEPTH, LimitExceeded, TooDeep, deep_line, skipped, value_depth, yaml_depth

MAX_EXPANDED_NODES = 100_000  # a document whose aliases expand past this is an alias bomb


def load(repo: Repo, path: str, hint: str = "fix the YAML syntax"):
    """The document at `path` as ruamel CommentedMap/CommentedSeq, or None."""
    return repo.memo(("yaml", path), lambda: _load(repo, path, hint))


def _load(repo: Repo, path: str, hint: str):
    text = repo.read_text(path)
    if text is None:
        return None
    if yaml_depth(text) > MAX_DEPTH:  # flow brackets, indentation, `- - -`: before ruamel recurses
        skipped(repo, path, path, TooDeep(MAX_DEPTH, deep_line(text)))
        return None
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        data = parse(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path, 1, 1)
        problem = " ".join(str(error.problem or error.context or "invalid YAML").split())
        repo.problem("DPL001", where, f"invalid YAML: {problem}", hint)
        return None
    except (RecursionError, MemoryError) as error:
        skipped(repo, path, path, error)
        return None
    except ValueError as error:
        if "integer string conversion" in str(error):  # valid YAML: a number past Python's digit limit
            skipped(repo, path, path, LimitExceeded("a number has more than 4,300 digits"))
            return None
        repo.problem("DPL001", Location(path, 1, 1), f"invalid YAML: {str(error).splitlines()[0] if str(error) else type(error).__name__}", hint)
        return None
    except YAMLError as error:
        repo.problem("DPL001", Location(path, 1, 1), f"invalid YAML: {str(error).splitlines()[0] if str(error) else type(error).__name__}", hint)
        return None
    if value_depth(data) > MAX_DEPTH:
        skipped(repo, path, path, TooDeep(MAX_DEPTH))
        return None
    if _expanded_size(data, {}) > MAX_EXPANDED_NODES:
        repo.problem("DPL001", Location(path, 1, 1),
                     f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} nodes (an alias bomb); not analysed",
                     "remove the recursive or repeated aliases")
        return None
    return data


# -- the loader ------------------------------------------------------------------------
# ruamel's round-trip loader builds CommentedMap/CommentedSeq with the line and column of
# every key and item (what findings point at); its comment-gathering scanner and a new
# YAML() per file (resolver and loader set-up) cost more than the parse itself. The data
# and positions do not depend on comments, so one loader without comment gathering is kept
# and reused; when it fails, the full round-trip loader runs again on the text, so every
# error (message and mark) is the round-trip loader's own. A text with directives
# (`%YAML 1.1`, whose version a loader keeps) gets a fresh round-trip loader.
_LOADERS: list = []


def round_trip():
    """A fresh round-trip YAML() (duplicate keys are errors)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    return yaml


class _Commented(Exception):
    """An empty value with a comment after it: the round-trip loader places it at the comment."""


def _fast():
    if _LOADERS:
        return _LOADERS.pop()
    from ruamel.yaml.scanner import Scanner

    yaml = round_trip()
    yaml.Scanner, yaml.Parser = Scanner, _parser_class()  # same tokens and nodes, comments skipped
    return yaml


_PARSER: list = []


def _parser_class():
    """RoundTripParser (tags kept as written) for a scanner that gathers no comments."""
    if _PARSER:
        return _PARSER[0]
    from ruamel.yaml.parser import RoundTripParser
    from ruamel.yaml.tokens import BlockEndToken, KeyToken, ValueToken

    class Parser(RoundTripParser):
        def parse_block_mapping_value(self):
            """As RoundTripParser's, whose empty value sits where the comment after its
            `:` is (at the next token without one): a comment there sends the whole
            text to the round-trip loader."""
            scanner = self.scanner
            if scanner.check_token(ValueToken):
                token = scanner.get_token()
                if not scanner.check_token(KeyToken, ValueToken, BlockEndToken):
                    self.states.append(self.parse_block_mapping_key)
                    return self.parse_block_node_or_indentless_sequence()
                self.state = self.parse_block_mapping_key
                following = scanner.peek_token()
                if "#" in self.loader.reader.buffer[token.end_mark.index:following.start_mark.index]:
                    raise _Commented
                return self.process_empty_scalar(following.end_mark)
            self.state = self.parse_block_mapping_key
            return self.process_empty_scalar(scanner.peek_token().start_mark)

    _PARSER.append(Parser)
    return Parser


def _directives(text: str) -> bool:
    """`%YAML`/`%TAG` directives: their version and tag handles stay with a loader, so
    such a text gets a loader of its own (the full round-trip one)."""
    return text.startswith("%") or "\n%" in text


def parse(text: str):
    """`text`'s one document as the round-trip loader builds it (raises what it raises)."""
    if _directives(text):
        return round_trip().load(text)
    yaml = _fast()
    try:
        data = yaml.load(text)
    except Exception:  # noqa: BLE001 - the round-trip loader decides what the error is (and the loader is dropped)
        return round_trip().load(text)
    _LOADERS.append(yaml)
    return data


def parse_all(text: str):
    """Every document of `text`, one at a time (a generator, like `YAML.load_all`)."""
    if _directives(text):
        yield from round_trip().load_all(text)
        return
    yaml = _fast()
    done = 0
    try:
        for data in yaml.load_all(text):
            yield data
            done += 1
    except Exception:  # noqa: BLE001 - again with the round-trip loader, from the first document not given
        for index, data in enumerate(round_trip().load_all(text)):
            if index >= done:
                yield data
        return
    _LOADERS.append(yaml)


def _expanded_size(node, sizes: dict[int, int]) -> int:
    """Node count with every alias expanded, computed without expanding (memoised)."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    sizes[key] = 1  # a cycle counts once more, then stops
    if isinstance(node, dict):
        total = 1 + sum(_expanded_size(v, sizes) for v in node.values())
    elif isinstance(node, list):
        total = 1 + sum(_expanded_size(v, sizes) for v in node)
    else:
        total = 1
    sizes[key] = min(total, MAX_EXPANDED_NODES + 1)
    return sizes[key]


def shift_lines(data, lines: int):
    """`data` (ruamel nodes parsed from a piece of a file) with every line number moved
    down by `lines`, the lines of the file before that piece; iteratively, each node once."""
    if not lines:
        return data
    stack, seen = [data], set()
    while stack:
        node = stack.pop()
        if not isinstance(node, (dict, list)) or id(node) in seen:
            continue
        seen.add(id(node))
        lc = getattr(node, "lc", None)
        if lc is not None:
            if lc.line is not None:
                lc.line += lines
            for key, place in list((lc.data or {}).items()):  # an empty `{}` has no data
                lc.data[key] = [value + lines if index % 2 == 0 else value for index, value in enumerate(place)]
        stack.extend(node.values() if isinstance(node, dict) else node)
    return data


def where(path: str, mapping, key=None) -> Location:
    """Location of `key` in a ruamel mapping (or of the mapping itself)."""
    lc = getattr(mapping, "lc", None)
    if lc is None:
        return Location(path, 1, 1)
    try:
        if key is not None:
            if isinstance(mapping, list):
                line, col = lc.item(key)
            else:
                line, col = lc.key(key)
            return Location(path, line + 1, col + 1)
        return Location(path, lc.line + 1, lc.col + 1)
    except (KeyError, IndexError, TypeError, AttributeError):
        return Location(path, (lc.line or 0) + 1, (lc.col or 0) + 1)


def value_where(path: str, mapping, key) -> Location:
    """Location of the value of `key` in a ruamel mapping."""
    lc = getattr(mapping, "lc", None)
    try:
        line, col = lc.value(key)
        return Location(path, line + 1, col + 1)
    except (KeyError, IndexError, TypeError, AttributeError):
        return where(path, mapping, key)


# -- files whose own tool reports their syntax errors -----------------------------------
def load_quietly(repo: Repo, path: str, text: str | None = None, max_bytes: int | None = None):
    """The YAML document at `path` (or `text`, already read with `repo.peek`) as ruamel data,
    or None, for a file whose own tool reports its syntax errors (a workflow: GitHub; a
    chart's values file: Helm): a syntax error costs nothing here. A file past deploylint's
    limits (larger than `max_bytes` or than any file is read, nested past MAX_DEPTH, an alias
    bomb, a number past Python's digit limit) costs a DPL006 on it: a file that was not
    analysed is never silent."""
    from .repo import MAX_BYTES

    limit = min(max_bytes or MAX_BYTES, MAX_BYTES)
    if text is None:
        text = repo.peek(path)
    if text is None or len(text) > limit:
        size = len(text.encode("utf-8", "surrogatepass")) if text is not None else _size(repo, path)
        if size is not None and size > limit:
            skipped(repo, path, path, LimitExceeded(f"file is too large ({size:,} bytes; limit {limit:,})"))
        return None
    if yaml_depth(text) > MAX_DEPTH:
        skipped(repo, path, path, TooDeep(MAX_DEPTH, deep_line(text)))
        return None
    try:
        data = parse(text)
    except (RecursionError, MemoryError) as error:
        skipped(repo, path, path, error)
        return None
    except ValueError as error:
        if "integer string conversion" in str(error):
            skipped(repo, path, path, LimitExceeded("a number has more than 4,300 digits"))
        return None
    except Exception:  # noqa: BLE001 - a syntax error: the file's own tool reports it
        return None
    if value_depth(data) > MAX_DEPTH:
        skipped(repo, path, path, TooDeep(MAX_DEPTH))
        return None
    if _expanded_size(data, {}) > MAX_EXPANDED_NODES:
        skipped(repo, path, path, LimitExceeded(f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} nodes "
                                                "(an alias bomb)"))
        return None
    return data


def _size(repo: Repo, path: str) -> int | None:
    """The size of a regular file inside the root (None for anything else)."""
    import os
    import stat

    from .safe import is_inside

    full = os.path.join(repo.root, path)
    try:
        info = os.lstat(full)
    except (OSError, ValueError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) and is_inside(full, repo.root) else None
