"""Python bot clients a loop or comprehension starts several of, at once, in one process.

`for _ in range(3): threading.Thread(target=serve).start()` with `serve` polling one token
runs three pollers with that token: they fight as three replicas would. The walk
(python_summary) records the call sites on the way to a start; this reads the loop around
each back from the module the walk parsed and decides:

- the copies run at once: a thread/task/executor launcher in the loop (`Thread(target=...)`,
  `create_task(...)`), a comprehension (`gather(*(dp.start_polling(b) for b in bots))`,
  `compose([Client(...) for i in range(2)])`), or an MTProto `start()`/`connect()`, which
  returns once connected. A blocking start in a plain loop (`for b in bots: b.polling()`) is
  one at a time: the first never returns.
- they share a credential: the loop variable is not used at all, or the loop counts
  (`range(...)`) and the index never picks an identity (`tokens[i]`, `token=...`,
  `getenv(f"TOKEN_{i}")`, a session name of a client without a bot token). A loop over a
  collection that uses its element (`for token in tokens`) starts different bots.

The result is `Evidence.repeated`: copies inside one process (DPL102 counts them).
"""
from __future__ import annotations

import ast
import bisect

from ..model import Copies, Evidence, Location
from ..record import replace
from ..repo import Repo
from ..safe import to_int

FAMILIES = ("telegram", "discord", "mtproto:")
LAUNCHERS = frozenset({"Thread", "Timer", "Process", "submit", "run_in_executor", "start_new_thread", "create_task",
                       "ensure_future", "start_soon", "to_thread", "run_coroutine_threadsafe", "spawn", "gather"})
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
MAX_COUNT = 1000


def mark_repeated(repo: Repo, found: list[Evidence]) -> list[Evidence]:
    found = [_repeated(repo, e) if _candidate(e) else e for e in found]
    return _siblings(repo, found)


def _candidate(evidence: Evidence) -> bool:
    return evidence.is_singleton and evidence.family.startswith(FAMILIES) and not evidence.leader \
        and evidence.repeated is None and bool(evidence.trace)


def _repeated(repo: Repo, evidence: Evidence) -> Evidence:
    """The evidence with `repeated` set when a loop around its chain of calls starts copies.
    Worked out once per chain: 300 processes that run one program share the answer."""
    steps = tuple(s for s in evidence.trace if s.location.path.endswith(".py"))
    copies = repo.memo(("python-repeat", steps, evidence.trace[-1], evidence.family),
                       lambda: _chain_copies(repo, evidence, steps))
    return replace(evidence, repeated=copies) if copies is not None else evidence


def _chain_copies(repo: Repo, evidence: Evidence, steps: tuple):
    for index, step in enumerate(steps):
        index_ = _index(repo, step.location.path, step.location.line)
        if index_ is None:
            continue
        calls, parents = index_
        here = calls.get((step.location.line, step.location.column))
        if not here:
            continue
        last = index == len(steps) - 1 or step is evidence.trace[-1]
        node = here[0]
        if not last and any(_launcher(c) for c in here):  # `Thread(target=f).start()`: the Thread
            node = next(c for c in here if _launcher(c))
        copies = _loop_copies(repo, step.location.path, node, parents, last, evidence)
        if copies is None and last:
            copies = _collected(repo, step.location.path, node, parents, evidence)
        if copies is not None:
            return copies
    return None


class _Started:
    family = ""  # a program the code starts: no MTProto session of its own to tell apart


def spawn_copies(repo: Repo, trace: tuple) -> Copies | None:
    """`for _ in range(2): Process(target=poll).start()`: the copies of the program a
    multiprocessing launcher in a loop starts at once with one credential (the last step of
    `trace` is the launcher), or None."""
    step = trace[-1] if trace else None
    if step is None or not step.location.path.endswith(".py"):
        return None
    found = _index(repo, step.location.path, step.location.line)
    if found is None:
        return None
    calls, parents = found
    here = [c for c in calls.get((step.location.line, step.location.column), ()) if _launcher(c)]
    if not here:
        return None
    return repo.memo(("python-repeat-spawn", step.location),
                     lambda: _loop_copies(repo, step.location.path, here[0], parents, False, _Started()))


def _index(repo: Repo, path: str, line: int):
    """(line, column) -> call, and each node's parent, of the statement of a module the
    walk parsed that holds `line`: the top-level statement, or inside a class the member
    that holds it (its parents up to the module are kept). One statement, not the module:
    a big module's other function bodies stay unparsed (python_lazy)."""
    from .python_module import load

    module = load(repo, path)
    if module is None:
        return None
    outer: list[ast.AST] = [module.tree]
    statement = _holding(repo, path, module.tree, line)
    for _ in range(20):  # a method of a class (of a class): only that method
        if not isinstance(statement, ast.ClassDef):
            break
        inner = _holding(repo, path, statement, line)
        if inner is None:
            break
        outer.append(statement)
        statement = inner
    if statement is None:
        return None

    def build():
        calls: dict[tuple[int, int], list[ast.Call]] = {}  # outermost first
        parents: dict[int, ast.AST] = {id(statement): outer[-1]}
        parents.update((id(child), parent) for parent, child in zip(outer, outer[1:]))
        try:
            for parent in ast.walk(statement):
                for child in ast.iter_child_nodes(parent):
                    parents[id(child)] = parent
                if isinstance(parent, ast.Call):
                    calls.setdefault((parent.lineno, parent.col_offset + 1), []).append(parent)
        except RecursionError:
            return None
        return calls, parents
    return repo.memo(("python-repeat-index", path, statement.lineno, statement.col_offset), build)


def _holding(repo: Repo, path: str, block: ast.AST, line: int) -> ast.stmt | None:
    """The statement of a module's or class's body that holds `line` (by first lines)."""
    body = block.body
    key = ("python-repeat-starts", path, getattr(block, "lineno", 0), getattr(block, "col_offset", 0))
    starts = repo.memo(key, lambda: [_start(stmt) for stmt in body])
    at = bisect.bisect_right(starts, line) - 1
    return body[at] if at >= 0 else None


def _start(statement: ast.stmt) -> int:
    """The first line of a top-level statement, its decorators included."""
    return min([statement.lineno, *(d.lineno for d in getattr(statement, "decorator_list", ()))])


def _own_scope(scope: ast.AST):
    """The nodes of a module's or function's own code, not of the functions, classes and
    lambdas inside it (their bodies are not parsed for this)."""
    stack = list(getattr(scope, "body", []))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, _SCOPES):
            stack.extend(ast.iter_child_nodes(node))


def _loop_copies(repo: Repo, path: str, node: ast.Call, parents: dict, last: bool, evidence: Evidence):
    """The copies the innermost loop around `node` starts at once, with one credential."""
    child, launched = node, _launcher(node) and not last
    if last and evidence.family.startswith("mtproto:") and isinstance(node.func, ast.Attribute) \
            and node.func.attr in ("start", "connect"):
        launched = True  # returns once connected: the loop goes on to the next client
    for _ in range(100):
        parent = parents.get(id(child))
        if parent is None or isinstance(parent, _SCOPES):
            return None
        if isinstance(parent, ast.Call) and parent is not node and _launcher(parent):
            launched = True
        if isinstance(parent, _COMPREHENSIONS) and child in (parent.elt, getattr(parent, "key", None),
                                                            getattr(parent, "value", None)):
            return _copies(path, parent, [parent.elt] + [getattr(parent, k) for k in ("key", "value") if
                                                          hasattr(parent, k)], parent.generators[0].iter,
                           [g.target for g in parent.generators], evidence)
        if isinstance(parent, (ast.For, ast.AsyncFor)) and child in parent.body:
            return _copies(path, parent, parent.body, parent.iter, [parent.target], evidence) if launched else None
        if isinstance(parent, (ast.While,)) and child in parent.body:
            return None  # a restart loop: one at a time
        child = parent
    return None


def _collected(repo: Repo, path: str, node: ast.Call, parents: dict, evidence: Evidence):
    """`compose(clients)` / `dp.start_polling(*bots)` where the name is bound, once in the
    same scope, to a comprehension that builds the clients."""
    names = [a.value.id if isinstance(a, ast.Starred) and isinstance(a.value, ast.Name) else a.id
             for a in node.args[:4] if isinstance(a, ast.Name) or (isinstance(a, ast.Starred)
                                                                 and isinstance(a.value, ast.Name))]
    if not names:
        return None
    scope: ast.AST | None = node
    for _ in range(200):
        scope = parents.get(id(scope))
        if scope is None or isinstance(scope, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef)):
            break
    if scope is None:
        return None
    for name in names:
        values = [stmt.value for stmt in _own_scope(scope) if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                  and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id == name]
        value = values[0] if len(values) == 1 else None
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ("list", "tuple") \
                and len(value.args) == 1:
            value = value.args[0]
        if isinstance(value, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
            return _copies(path, value, [value.elt], value.generators[0].iter, [g.target for g in value.generators],
                           evidence)
    return None


def _launcher(call: ast.Call) -> bool:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in LAUNCHERS


def _copies(path: str, loop: ast.AST, body: list, iterable: ast.expr, targets: list, evidence: Evidence):
    names = {n.id for target in targets for n in ast.walk(target) if isinstance(n, ast.Name)}
    uses = [n for part in body for n in ast.walk(part) if isinstance(n, ast.Name) and n.id in names
            and isinstance(n.ctx, ast.Load)]
    counting = isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) and iterable.func.id == "range"
    if uses and not counting:
        return None  # `for token in tokens`: each element its own bot
    if uses:
        parents: dict[int, ast.AST] = {}  # once per loop, not once per use
        for part in body:
            for parent in ast.walk(part):
                for child in ast.iter_child_nodes(parent):
                    parents[id(child)] = parent
        if any(_picks_identity(n, parents, body, evidence) for n in uses[:32]):
            return None
    count = _count(iterable)
    if count is not None and count <= 1:
        return None
    where = Location(path, loop.lineno, loop.col_offset + 1)
    header = _header(loop, iterable, targets)
    if count is None:
        return Copies(2, f"`{header}` starts several with one credential", where, assumed=True,
                      switch=_SWITCH)
    return Copies(min(count, MAX_COUNT), f"`{header}` starts {count} with one credential", where, switch=_SWITCH)


_SWITCH = "start one client per credential (the loop starts several with the same one)"


def _picks_identity(name: ast.Name, parents: dict, body: list, evidence: Evidence) -> bool:
    """The loop index chooses which bot: `tokens[i]`, `token=f"..{i}"`, an environment read,
    or the session of a client without a bot token."""
    from .python_signatures import short

    child: ast.AST = name
    for _ in range(40):
        parent = parents.get(id(child))
        if parent is None:
            return False
        if isinstance(parent, ast.Subscript) and child is parent.slice:
            return True
        if isinstance(parent, ast.keyword) and parent.arg and "token" in parent.arg.lower():
            return True
        if isinstance(parent, ast.Call):
            words = short(parent.func, 80)
            if "getenv" in words or "environ" in words or words.endswith(".token"):
                return True
            if parent.args and child is parent.args[0] and not any(
                    k.arg and "token" in k.arg.lower() for k in parent.keywords):
                return not evidence.family.startswith("mtproto:") or not _bot_token_elsewhere(body)
        child = parent
    return False


def _bot_token_elsewhere(body: list) -> bool:
    return any(isinstance(n, ast.keyword) and n.arg == "bot_token" for part in body for n in ast.walk(part))


def _count(iterable: ast.expr) -> int | None:
    if isinstance(iterable, (ast.List, ast.Tuple, ast.Set)):
        return len(iterable.elts)
    if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) and iterable.func.id == "range" \
            and 1 <= len(iterable.args) <= 2 and not iterable.keywords:
        numbers = [to_int(a.value) if isinstance(a, ast.Constant) and isinstance(a.value, int)
                   and not isinstance(a.value, bool) else None for a in iterable.args]
        if any(n is None for n in numbers):
            return None
        return max(numbers[-1] - (numbers[0] if len(numbers) == 2 else 0), 0)
    return None


def _header(loop: ast.AST, iterable: ast.expr, targets: list) -> str:
    from .python_signatures import short

    target = short(targets[0], 20) if targets else "_"
    return f"for {target} in {short(iterable, 40)}"


# -- two starts of one bot side by side ---------------------------------------------------
GATHERS = frozenset({"gather", "wait", "as_completed"})


def _siblings(repo: Repo, found: list[Evidence]) -> list[Evidence]:
    """`gather(admin.start_polling(Bot(TOKEN)), public.start_polling(Bot(TOKEN)))`, or two
    threads/tasks started one after the other, each polling with the same token variable:
    two pollers of one bot in this process. Only Telegram polling (the 409 is certain) and
    only a known token variable: two unknown credentials, or two settings objects' fields of
    one name, may be two bots."""
    groups: dict[tuple[str, str], list[int]] = {}
    for index, evidence in enumerate(found):
        # a settings field name (`field:bot_token`) may belong to two settings objects: not proof
        if _candidate(evidence) and evidence.family == "telegram" and evidence.kind == "polling" \
                and evidence.token and not evidence.token.startswith("field:"):
            groups.setdefault((evidence.family, evidence.token), []).append(index)
    out: list[Evidence | None] = list(found)
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        first = found[indexes[0]]
        together = [i for i in indexes[1:] if _side_by_side(repo, first.trace, found[i].trace)]
        if not together:
            continue
        where = _fork(first.trace, found[together[0]].trace)
        count = 1 + len(together)
        places = ", ".join(f"{e.location.path}:{e.location.line}:{e.location.column}"
                           for e in [first, *(found[i] for i in together)][:4])
        out[indexes[0]] = replace(first, repeated=Copies(
            count, f"{count} starts side by side with one token, {first.token} ({places})", where.location,
            switch="start the bot once and register every router/handler on that one dispatcher"))
        for i in together:  # counted in the first one's copies
            out[i] = None
    return [e for e in out if e is not None]


def _fork(a: tuple, b: tuple):
    """The first step where two traces part."""
    for step_a, step_b in zip(a, b):
        if step_a != step_b:
            return step_a
    return a[-1]


def _side_by_side(repo: Repo, a: tuple, b: tuple) -> bool:
    """The traces part at two places of one module that run at once: two arguments of
    one `gather(...)`, or two thread/task launchers."""
    pairs = [(x, y) for x, y in zip(a, b) if x != y]
    if not pairs:
        return False
    x, y = pairs[0]
    if x.location.path != y.location.path or not x.location.path.endswith(".py") or x.location == y.location:
        return False
    if x.note.startswith(("if `", "else of `if ", "when not `")) or y.note.startswith(("if `", "else of `if ", "when not `")):
        return False  # two branches: one or the other
    index_x, index_y = _index(repo, x.location.path, x.location.line), _index(repo, y.location.path, y.location.line)
    if index_x is None or index_y is None:
        return False
    here = index_x[0].get((x.location.line, x.location.column))
    there = index_y[0].get((y.location.line, y.location.column))
    if not here or not there:
        return False
    gather_x, gather_y = _gather_of(here[0], index_x[1]), _gather_of(there[0], index_y[1])
    if gather_x is not None and gather_x is gather_y:
        return True
    return any(_launcher(c) for c in here) and any(_launcher(c) for c in there) \
        and _scope_of(here[0], index_x[1]) is _scope_of(there[0], index_y[1])


def _gather_of(node: ast.AST, parents: dict):
    for _ in range(12):
        node = parents.get(id(node))
        if node is None or isinstance(node, (*_SCOPES, ast.stmt)):
            return None
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in GATHERS:
                return node
    return None


def _scope_of(node: ast.AST, parents: dict):
    for _ in range(200):
        node = parents.get(id(node))
        if node is None or isinstance(node, (*_SCOPES, ast.Module)):
            return node
    return None
