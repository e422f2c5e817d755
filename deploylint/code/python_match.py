"""`match` statements as the `if` tests they stand for, so the evaluators that read tests
back (python_env_guard, python_argv, python_arguments) decide which case runs:

    match os.environ.get("FLY_PROCESS_GROUP"):      match sys.argv[1]:
        case "poller": poll()                           case "bot" | "worker": poll()
        case _: serve()                                 case _: serve()

A case of literal values is `subject == value` (`subject in (a, b)` for `a | b`); a catch-all
(`case _:` or a bare capture) after cases of literals only is `subject not in (...)` of all of
them. A case with a guard, a class/mapping/sequence pattern, or a catch-all after such a case
stands for no test (its body is walked unconditionally, as before). Built from the tree alone.
"""
from __future__ import annotations

import ast


def case_test(match: ast.Match, index: int) -> ast.expr | None:
    """The test equivalent to reaching the body of `match.cases[index]`, or None."""
    if not 0 <= index < len(match.cases):
        return None
    case = match.cases[index]
    if case.guard is not None:
        return None
    values = _values(case.pattern)
    if values is not None:
        return _compare(match.subject, values, negated=False, at=case.pattern)
    if not _catch_all(case.pattern):
        return None
    before: list[ast.expr] = []
    for earlier in match.cases[:index]:
        found = _values(earlier.pattern)
        if found is None or earlier.guard is not None:
            return None
        before.extend(found)
    return _compare(match.subject, before, negated=True, at=case.pattern) if before else None


def _values(pattern: ast.pattern) -> list[ast.expr] | None:
    if isinstance(pattern, ast.MatchValue) and isinstance(pattern.value, ast.Constant):
        return [pattern.value]
    if isinstance(pattern, ast.MatchSingleton):
        return [ast.copy_location(ast.Constant(value=pattern.value), pattern)]
    if isinstance(pattern, ast.MatchOr) and len(pattern.patterns) <= 32:
        found: list[ast.expr] = []
        for option in pattern.patterns:
            values = _values(option)
            if values is None:
                return None
            found.extend(values)
        return found
    return None


def _catch_all(pattern: ast.pattern) -> bool:
    return isinstance(pattern, ast.MatchAs) and pattern.pattern is None


def _compare(subject: ast.expr, values: list[ast.expr], negated: bool, at: ast.AST) -> ast.expr:
    if len(values) == 1 and not negated:
        made = ast.Compare(left=subject, ops=[ast.Eq()], comparators=[values[0]])
    else:
        made = ast.Compare(left=subject, ops=[ast.NotIn() if negated else ast.In()],
                           comparators=[ast.Tuple(elts=list(values), ctx=ast.Load())])
    for node in ast.walk(made):
        # only nodes with a position: a context or operator (`Load`, `Eq`) is a singleton
        # shared by every parsed tree, and attributes set on it would show up everywhere
        if "lineno" in node._attributes and (not hasattr(node, "lineno") or node is made or isinstance(node, ast.Tuple)):
            ast.copy_location(node, at)
            node.end_lineno, node.end_col_offset = getattr(at, "end_lineno", None), getattr(at, "end_col_offset", None)
    return made
