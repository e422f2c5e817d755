"""Singleton evidence in the JavaScript/TypeScript code `node ENTRY` runs.

Statically, with tree-sitter: js_reach walks from the entry's top level to every module
and function that runs at start-up; js_bots and js_traps recognise bot, scheduler and
single-instance-trick signatures in that code. A polling start in a branch chosen by the
environment, whose other branch sets up a webhook, is a "polling-fallback".
"""
from __future__ import annotations

from ..model import SINGLETON_KINDS, Evidence, Process, Step
from ..repo import Repo
from ..treesitter import ancestors, node_text
from . import js_bots, js_exit, js_nest, js_raw, js_spawn, js_traps, js_yargs
from .js_expr import is_env_condition
from .js_module import Module, strip
from .js_reach import Program, Unit, context, node_key, short
from .js_values import env_test

# Names a detector may react to; other calls are skipped before any real work.
INTERESTING = frozenset(
    {name.rsplit(".", 1)[-1] for methods in js_bots.METHODS.values() for name in methods}
    | {"run", "webhookCallback", "webhookHandler", "schedule", "scheduleJob", "from", "job", "Cron"}
    | {"default", "makeWASocket", "makeWALegacySocket", "create", "createProvider"}  # WhatsApp sessions (js_whatsapp)
    | js_traps.TOAD_ADD | js_traps.EXEC | js_traps.CREATES | js_traps.SIGNAL_METHODS | {"lock", "lockSync"}
)


def scan(repo: Repo, process: Process) -> list[Evidence]:
    if not process.entry:
        return []
    return list(_scanned(repo, process)[0])


def children(repo: Repo, process: Process) -> list[Process]:
    """The programs `process` starts itself (child processes, cluster workers, worker threads)."""
    if not process.entry:
        return []
    return js_spawn.processes(repo, process, _scanned(repo, process)[1])


def _scanned(repo: Repo, process: Process):
    args = js_yargs.args_after_entry(process.argv, process.entry) if _uses_command_dir(repo, process.entry) else ()
    key = ("js-scan", process.entry, process.variant, args)
    return repo.memo(key, lambda: _scan(repo, process.entry, process.variant, args)) or ((), ())


def _uses_command_dir(repo: Repo, entry: str) -> bool:
    """The entry hands its arguments to yargs or commander commands (js_yargs): only then
    do they decide what runs, and only then is a scan per argument list worth it."""
    text = repo.read_text(entry)
    return text is not None and (js_yargs.METHOD in text or (".command(" in text and (
        "yargs" in text or "commander" in text)))


def _scan(repo: Repo, entry: str, variant: str = "", args: tuple[str, ...] = ()):
    program = Program(repo, entry, variant, args)
    found: list[tuple[Unit, js_bots.Hit]] = []
    spawns: list[js_spawn.Spawn] = []
    for unit, node in program.calls:
        if _worth_a_look(unit.module, node):
            bots = js_bots.detect(program, unit.module, node)
            if bots and js_traps.one_pm2_instance(unit, node, program):  # `if (process.env.NODE_APP_INSTANCE === "0")`
                for hit in bots:  # one of PM2's instances, but once in every replica of the platform
                    hit.pm2_once = True
            hits = bots + js_traps.detect(program, unit, node)
            found.extend((unit, hit) for hit in hits)
        else:
            hits = []
        if not hits and node.type == "call_expression" and unit.module.mentions(js_raw.NEEDLE):
            # fetch(`.../getUpdates?...`), also when `fetch`/`axios` is an imported name
            found.extend((unit, hit) for hit in js_raw.detect(unit, node))
        if _may_spawn(unit.module, node):
            spawn = js_spawn.detect(program, unit, node)
            if spawn is not None:
                spawns.append(spawn)
    for unit, hit in js_nest.detect(program):
        found.append((unit, hit))
    found = _one_shot(program, found)
    _mark_fallbacks(found, program)
    _mark_env_branches(found, program)
    _mark_failure_fallbacks(found)
    return tuple(_evidence(found)), tuple(spawns)


def _one_shot(program: Program, found: list):
    """Without the bots, schedulers and webhooks of an entry that ends in `process.exit()`
    (js_exit): they run only until that exit, the script is no long-running copy."""
    if not found or any(js_exit.blocks_until_stopped(hit) for _, hit in found):
        return found
    if not js_exit.exits_itself(program.module(program.entry)):
        return found
    return [(unit, hit) for unit, hit in found if hit.kind not in ONE_SHOT_DROPS]


# what an entry that exits by itself does not keep running
ONE_SHOT_DROPS = SINGLETON_KINDS | {"webhook"}


def _may_spawn(module: Module, node) -> bool:
    return bool(module.packages & js_spawn.PACKAGES)


def _worth_a_look(module: Module, node) -> bool:
    if node.type == "new_expression":
        return True
    callee = strip(node.child_by_field_name("function"))
    if callee is not None and callee.type == "member_expression":
        callee = callee.child_by_field_name("property")
    if callee is None:
        return False
    if callee.type == "ternary_expression":  # `(legacy ? makeWALegacySocket : makeWASocket)(options)`
        return True
    name = node_text(callee)
    return name in INTERESTING or (callee.type == "identifier" and name in module.imports)  # `run as runBot`


def _mark_fallbacks(found: list[tuple[Unit, js_bots.Hit]], program: Program | None = None) -> None:
    """Polling in one branch of an environment check whose other branch sets a webhook."""
    webhooks = [_places(unit, hit.node) for unit, hit in found if hit.kind == "webhook" and hit.family == "telegram"]
    if not webhooks:
        return
    for unit, hit in found:
        if hit.kind != "polling":
            continue
        for module, ancestor, child in context(unit, hit.node):
            if ancestor.type not in ("if_statement", "ternary_expression"):
                continue
            condition = ancestor.child_by_field_name("condition")
            other = _other_branch(ancestor, child)
            if other is None or not (is_env_condition(module, condition) or env_test(program, module, condition)):
                continue
            if any(node_key(module, other) in places for places in webhooks):
                hit.kind = "polling-fallback"
                hit.note += f", unless `{short(strip(condition))}` chooses the webhook"
                _mark_env_choice(found, module, ancestor, condition, child, other, hit, program)
                break


def _mark_env_choice(found, module, branch, condition, polling_side, webhook_side, polling, program=None) -> None:
    """`if (process.env.NODE_ENV === 'production') webhook else polling`: each side runs
    only when the test comes out its way; a config that sets the variable decides which
    (code/__init__.py drops the side that does not run)."""
    test = env_test(program, module, condition)
    if test is None:
        return
    name, op, value, polarity = test
    polls_when_true = polling_side == branch.child_by_field_name("consequence")
    polling.env_test = (name, op, value, polarity == polls_when_true)
    side = node_key(module, webhook_side)
    for unit, hit in found:
        if hit.kind == "webhook" and hit.family == "telegram" and not hit.env_test and side in _places(unit, hit.node):
            hit.env_test = (name, op, value, polarity != polls_when_true)


def _mark_env_branches(found: list[tuple[Unit, js_bots.Hit]], program: Program | None = None) -> None:
    """A Telegram webhook or poller, a gateway login, a session or a scheduler inside
    `if (<one env test>)` (or its else) runs only when the test comes out that way: tag it
    so a configured environment decides (a service that sets `ROLE=api` runs no job). A poller and
    a webhook behind opposite outcomes of the same test are alternatives: the poller is the
    webhook's fallback (`polling: !isProd` beside `if (isProd) bot.setWebHook(...)`)."""
    for unit, hit in found:
        if hit.env_test or hit.kind not in _ENV_CHOSEN or (hit.kind == "webhook" and hit.family != "telegram"):
            continue
        for module, ancestor, child in context(unit, hit.node):
            guard = _guard(module, ancestor, child, program)
            if guard is None:
                continue
            test, side = guard
            if test is not None:
                hit.env_test = (*test[:3], test[3] == side)
            break  # the innermost branch decides
    webhooks = {h.env_test for _, h in found if h.kind == "webhook" and h.env_test}
    for _, hit in found:
        if hit.kind == "polling" and hit.env_test and (*hit.env_test[:3], not hit.env_test[3]) in webhooks:
            hit.kind = "polling-fallback"
            hit.note += f", unless `process.env.{hit.env_test[0]}` chooses the webhook"


# Starts an environment test can switch on or off per process (`if (process.env.ROLE ===
# 'worker') cron.schedule(...)`, `if (process.env.ENABLE_BOT === 'true') client.login()`)
_ENV_CHOSEN = frozenset({"polling", "webhook", "polling-fallback", "gateway", "session", "scheduler"})


MAX_GUARDS = 50  # statements before a start looked at for an early return


def _guard(module, ancestor, child, program=None):
    """(env test or None, the outcome under which `child` runs) when `ancestor` makes
    `child` conditional: `if`/`?:` branches, `test && start()`, or an earlier
    `if (test) return;` in the same block. None when `ancestor` does not."""
    from .js_branches import exits as _exits

    if ancestor.type in ("if_statement", "ternary_expression"):
        side = _branch_side(ancestor, child)
        return (env_test(program, module, ancestor.child_by_field_name("condition")), side) if side is not None else None
    if ancestor.type == "binary_expression" and child == ancestor.child_by_field_name("right") \
            and node_text(ancestor.child_by_field_name("operator")) == "&&":
        return env_test(program, module, ancestor.child_by_field_name("left")), True
    if ancestor.type in ("statement_block", "program"):
        before = [s for s in ancestor.named_children if s.end_byte <= child.start_byte][-MAX_GUARDS:]
        for statement in reversed(before):
            if statement.type == "if_statement" and statement.child_by_field_name("alternative") is None \
                    and _exits(statement.child_by_field_name("consequence")):
                test = env_test(program, module, statement.child_by_field_name("condition"))
                if test is not None:
                    return test, False  # `if (process.env.ROLE !== 'jobs') return;` then the start
    return None


def _branch_side(branch, child) -> bool | None:
    """True for the consequence, False for the alternative (an `else`), None otherwise."""
    if child == branch.child_by_field_name("consequence"):
        return True
    alternative = branch.child_by_field_name("alternative")
    if child == alternative or (alternative is not None and alternative.type == "else_clause" and child.parent == alternative):
        return False
    return None


def _mark_failure_fallbacks(found: list[tuple[Unit, js_bots.Hit]]) -> None:
    """Polling reached only in a `catch` block or a `.catch(...)` handler starts only if
    what it guards fails: not a poller that always runs (like a shell fallback after
    `||`). When the guarded part sets a webhook, it is the webhook's fallback."""
    webhooks = [_places(unit, hit.node) for unit, hit in found if hit.kind == "webhook" and hit.family == "telegram"]
    for unit, hit in found:
        if hit.kind not in ("polling", "polling-fallback", "gateway", "session"):
            continue
        guarded = _failure_guarded(unit, hit.node)
        if guarded is None:
            continue
        module, tried = guarded
        shown = tried.named_children[0] if tried.type == "statement_block" and tried.named_children else tried
        hit.on_failure = f"`{short(shown, 50).rstrip(';')}` fails"
        if hit.kind == "polling" and any(node_key(module, tried) in places for places in webhooks):
            hit.kind = "polling-fallback"
        hit.note += f", only if {hit.on_failure}"


def _failure_guarded(unit: Unit, node):
    """(module, the code whose failure runs `node`) for the innermost catch on the way up
    to the entry: a `catch` block, or a handler passed to `.catch(h)` / `.then(_, h)`."""
    while unit is not None and node is not None:
        child = node
        for parent in ancestors(unit.module.root, node):
            if child == unit.node:
                break
            found = _catching(parent, child)
            if found is not None:
                return (unit.module, found) if found else None
            child = parent
        if unit.node is not None and unit.node.parent is not None:  # `.catch(() => bot.launch())`
            found = _catching(unit.node.parent, unit.node)
            if found is not None:
                return (unit.module, found) if found else None
        node, unit = unit.site, unit.parent
    return None


def _catching(parent, child):
    """The tried code when `child` of `parent` runs only on its failure; False when `child`
    is the tried code itself (it always runs); None when `parent` is no catch."""
    if parent.type == "catch_clause" and child == parent.child_by_field_name("body") \
            and parent.parent is not None and parent.parent.type == "try_statement":
        return parent.parent.child_by_field_name("body") or False
    if parent.type == "try_statement" and child == parent.child_by_field_name("body"):
        return False
    if parent.type == "arguments" and parent.parent is not None and parent.parent.type == "call_expression":
        function = parent.parent.child_by_field_name("function")
        if function is None or function.type != "member_expression":
            return None
        method = node_text(function.child_by_field_name("property"))
        index = next((i for i, c in enumerate(parent.named_children) if c == child), -1)
        if (method == "catch" and index == 0) or (method == "then" and index == 1):
            return function.child_by_field_name("object") or False
    return None


def _places(unit: Unit, node) -> set[tuple]:
    """The node and every enclosing node up to the entry, as keys."""
    places = {node_key(unit.module, node)}
    for module, ancestor, child in context(unit, node):
        places |= {node_key(module, ancestor), node_key(module, child)}
    return places


def _other_branch(ancestor, child):
    consequence = ancestor.child_by_field_name("consequence")
    alternative = ancestor.child_by_field_name("alternative")
    if child == consequence:
        return alternative
    if child == alternative:
        return consequence
    return None


def _evidence(found: list[tuple[Unit, js_bots.Hit]]) -> list[Evidence]:
    evidence: list[Evidence] = []
    seen: set[tuple] = set()
    for unit, hit in found:
        location = unit.module.location(hit.node)
        family = f"scheduler:{location.path}:{location.line}" if hit.family == "scheduler" else hit.family
        identity = (hit.kind, hit.singleton, location.path) if hit.kind == "lock-file" else (hit.kind, location)
        if identity in seen:  # one pid file written in several places is one guard
            continue
        seen.add(identity)
        evidence.append(Evidence(hit.kind, hit.singleton, location, unit.trace + (Step(location, hit.note),),
                                 per_worker=False, family=family, token=hit.token, pm2_once=hit.pm2_once,
                                 on_failure=hit.on_failure, env_test=hit.env_test, on_request=unit.request,
                                 shard=hit.shard))
    return evidence
