"""Railway Infrastructure as Code: `.railway/railway.ts` (also `.mts`, `.js`, `.mjs`),
`.railway/railway.py` and `.railway/railway.go`, read statically, never executed.

https://docs.railway.com/infrastructure-as-code and /infrastructure-as-code/reference:
`export default defineRailway((ctx) => project("name", {resources: [...]}))`, where
`service(name, {start, replicas, healthcheck, source: github("o/r", {rootDirectory}) |
image("..."), env})` declares a service and `group("Name", [...])` nests resources.
`replicas` is a number or a region map (`{"us-west2": 2, "europe-west4": 1}`: copies
are the sum). `ctx.environment` is the Railway environment being planned, so the file
is evaluated once per environment it names (production first, then every other name
it compares against, then one it does not name) and each service reports its worst
environment. A service's command resolves with Railway's precedence (railway_start)
in its root directory.
"""
from __future__ import annotations

import posixpath
from ..record import dataclass, field

from ..code.js_static import Builtin, Obj, Unknown, short
from ..model import Location, Target
from ..repo import Repo

# the Railway CLI looks for railway.ts, railway.py, railway.go in that order; the other
# JavaScript names are read only when none of those is there (`--file` picks them)
IAC_NAMES = ("railway.ts", "railway.py", "railway.go", "railway.mts", "railway.js", "railway.mjs")
OTHER = "<other>"  # an environment the file does not name
MAX_ENVIRONMENTS = 8


class Runs(dict):
    """{environment: services} of one IaC file, and what the file says about itself: a
    named partial (`export const partial = "api"`, Python `PARTIAL = "api"`, Go
    `const Partial = "api"`) manages only the services it declares; the project's other
    services live in other files (or the dashboard) and are left alone by `railway config
    apply` (github.com/railwayapp/cli src/iac/partial.rs, change_set.rs). `project` is the
    name given to `project(...)`, when the file writes it."""

    partial: str | None = None  # the partial's name; "?" when only known at run time
    partial_at: Location | None = None
    project: str | None = None


# Export names the CLI reads a partial from (TypeScript `mod.partial ?? mod.PARTIAL ??
# mod.Partial`, Python `PARTIAL or Partial or partial`, Go `Partial`), and the name rule
# of partial.rs: 1-64 characters of [a-zA-Z0-9._-], never "*" (the whole project).
PARTIAL_EXPORTS = ("partial", "PARTIAL", "Partial")
_PARTIAL_NAME = r"[a-zA-Z0-9._-]{1,64}"


def set_partial(repo: Repo, runs: "Runs", value, where: Location) -> None:
    """Record a partial export on `runs`: a string names it (blank: no partial); a value
    only known at run time makes the file a partial of unknown name; any other literal
    (a number, an object) is no partial (the CLI reads the export only as a string)."""
    import re

    if value is None or not isinstance(value, (str, Unknown)):
        return
    if isinstance(value, str):
        name = value.strip()
        if not name:
            return
        if name == "*" or not re.fullmatch(_PARTIAL_NAME, name):
            repo.problem("DPL002", where, f"{where.path}: partial name {short(repr(name), 70)} is invalid: "
                         "`railway config plan` refuses the file",
                         "name the partial with 1-64 characters of letters, digits, `.`, `_` and `-`")
            name = "?"
        runs.partial = name
    else:
        runs.partial = "?"
    runs.partial_at = where


def project_name(value) -> str | None:
    return value.name if isinstance(value, Group) and isinstance(value.name, str) and value.name else None


def is_iac(path: str) -> bool:
    return posixpath.basename(path) in IAC_NAMES and posixpath.basename(posixpath.dirname(path)) == ".railway"


@dataclass
class ServiceDecl:
    """One `service(...)` as evaluated for one environment."""

    name: str
    options: Obj | None
    at: Location
    declared: dict = field(default_factory=dict)  # local names the file defined before this call

    def get(self, *keys):
        node = self.options
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                return None
            node = node[key]
        return node

    def assign(self, key: str, value, where: Location, text: str) -> None:
        """`worker.deploy = {...}` after `const worker = service(...)`: an option set later."""
        options = Obj(self.at)  # a copy: the options object may be shared with another service
        if self.options is not None:
            options.absorb(self.options)
        self.options = options
        self.options[key] = value
        self.options.keys_at[key] = self.options.values_at[key] = where
        self.options.texts[key] = text


@dataclass
class Group:
    name: str
    resources: list = field(default_factory=list)


@dataclass
class Source:
    kind: str  # "github" or "image"
    ref: str
    options: Obj | None = None


def builtins(calls: list[ServiceDecl], where) -> dict:
    """The `railway/iac` functions the evaluators model. `where(node)` locates a call."""

    def service(_ev, values, nodes, node):
        name = values[0] if values and isinstance(values[0], str) else (short(_text(nodes[0]), 40) if nodes else "") or "service"
        options = values[1] if len(values) > 1 and isinstance(values[1], Obj) else None
        if options is None and len(values) > 1 and isinstance(values[1], Unknown):  # a Proxy, a call's result
            options = Obj(where(node))
            options.partial = True
        decl = ServiceDecl(name, options, where(node), dict(getattr(_ev, "declared", {}) or {}))
        calls.append(decl)
        return decl

    def group(_ev, values, _nodes, _node):
        name = values[0] if values and isinstance(values[0], str) else "group"
        members = values[1] if len(values) > 1 else []
        if isinstance(members, Obj):
            members = members.get("resources", [])
        return Group(name, list(members) if isinstance(members, list) else [])

    def source(kind):
        def make(_ev, values, _nodes, _node):
            ref = values[0] if values and isinstance(values[0], str) else ""
            options = values[1] if len(values) > 1 and isinstance(values[1], Obj) else None
            return Source(kind, ref, options)
        return make

    def define(_ev, values, _nodes, _node):
        return values[0] if values else None

    return {"service": Builtin("service", service), "group": Builtin("group", group),
            "project": Builtin("project", group), "github": Builtin("github", source("github")),
            "image": Builtin("image", source("image")), "defineRailway": Builtin("defineRailway", define),
            "define_railway": Builtin("define_railway", define)}


def _text(node) -> str:
    from ..treesitter import node_text

    return node_text(node) if hasattr(node, "start_point") else getattr(node, "text", "")


def context(environment: str) -> Obj:
    """The `ctx` defineRailway receives: its other fields are unknown."""
    ctx = Obj(Location("", 1, 1))
    ctx["environment"] = ctx["environmentName"] = environment

    def is_environment(_ev, values, _nodes, _node):
        return values[0] == environment if values and isinstance(values[0], str) else Unknown("ctx.isEnvironment(...)")

    ctx["isEnvironment"] = ctx["is_environment"] = Builtin("isEnvironment", is_environment)
    ctx["environment_name"] = environment
    ctx.partial = True
    return ctx


def services_of(value, calls: list[ServiceDecl]) -> list[ServiceDecl]:
    """The services a project/group/list holds (all declared ones when the returned
    value cannot be read)."""
    found: list[ServiceDecl] = []
    stack, seen = [value], 0
    while stack and seen < 10_000:
        item = stack.pop()
        seen += 1
        if isinstance(item, ServiceDecl):
            found.append(item)
        elif isinstance(item, Group):
            stack.extend(reversed(item.resources))
        elif isinstance(item, (list, tuple)):
            stack.extend(reversed(item))
        elif isinstance(item, Obj):
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, Unknown):
            stack.extend(reversed(item.options))
    return found if found or not isinstance(value, Unknown) or value.options else list(calls)


def unread_resources(value, limit: int = 8) -> list[Unknown]:
    """The members of a project's resources (or a group's) that could not be read: an
    imported package's value, a call's result. Services they hold are not checked."""
    found: list[Unknown] = []
    stack, seen = [value], 0
    while stack and seen < 10_000 and len(found) < limit:
        item = stack.pop()
        seen += 1
        if isinstance(item, Group):
            stack.extend(reversed(item.resources))
        elif isinstance(item, (list, tuple)):
            stack.extend(reversed(item))
        elif isinstance(item, Unknown) and not item.options and item is not value:
            found.append(item)
    return found


# -- reading ----------------------------------------------------------------------------
@dataclass
class IacFile:
    """One IaC file as read: its targets (one per group of environments), the root
    directories of the services it manages, and whether it is a named partial."""

    path: str
    targets: list
    roots: set
    partial: str | None = None
    project: str | None = None


def targets(repo: Repo) -> tuple[list[Target], set[str]]:
    """The IaC targets and the root directories of the services they manage."""
    found, managed, _ = repo.memo(("railway-iac",), lambda: _targets(repo))
    return found, managed


def files(repo: Repo) -> list[IacFile]:
    """The IaC files read (targets() reads them)."""
    return repo.memo(("railway-iac",), lambda: _targets(repo))[2]


def _targets(repo: Repo) -> tuple[list[Target], set[str], list[IacFile]]:
    from .railway_iac_service import service_target

    read: list[IacFile] = []
    managed: set[str] = set()
    _links_out(repo)
    for directory in sorted({posixpath.dirname(p) for p in repo.files if is_iac(p)}):
        present = [posixpath.join(directory, n) for n in IAC_NAMES if repo.exists(posixpath.join(directory, n))]
        path = present[0]  # the CLI reads only one, in IAC_NAMES order
        if path.endswith(".py"):
            from .railway_py import evaluate
        elif path.endswith(".go"):
            from .railway_go import evaluate
        else:
            from .railway_ts import evaluate
        runs = _evaluated(repo, path, evaluate)
        if runs is None:
            continue
        item = IacFile(path, [], set(), getattr(runs, "partial", None), getattr(runs, "project", None))
        for together in _environment_groups(runs):
            target, roots = service_target(repo, path, together)
            item.targets.append(target)
            item.roots.update(roots)
        managed.update(item.roots)
        read.append(item)
    return _overlay(read), managed, read


def _evaluated(repo: Repo, path: str, evaluate):
    """`evaluate(repo, path)`, or None after DPL006 on the file when it is past a limit
    (a parse cut at its time budget, nesting): the other IaC files are still read (an
    exception here once left the whole reading unset, then failed every later use of it)."""
    from ..safe import LimitExceeded, describe

    try:
        return evaluate(repo, path)
    except LimitExceeded as error:
        repo.problem("DPL006", Location(path, getattr(error, "line", None) or 1, 1),
                     f"{path} was not analysed: {describe(error)}",
                     "keep the Railway configuration small and plain: services as literal objects, small helpers")
        return None


def _links_out(repo: Repo) -> None:
    """A `.railway/railway.ts` (or the `.railway` directory) at the root or beside a
    Config as Code file that is a symlink out of the repository: discovery does not follow
    it, so nothing of it is read; the CLI would read it. Said once per file (DPL001)."""
    import os

    from ..safe import is_inside
    from .names import is_railway

    for directory in sorted({"", *(posixpath.dirname(p) for p in repo.named(is_railway))})[:64]:
        for name in IAC_NAMES:
            path = posixpath.join(directory, ".railway", name)
            full = os.path.join(repo.root, path)
            if repo.exists(path) or not os.path.lexists(full) or is_inside(full, repo.root):
                continue
            repo.problem("DPL001", Location(path, 1, 1), f"not read: {path} links outside the repository",
                         "keep the Railway configuration inside the repository (deploylint never follows a link out of it)")


def _overlay(read: list[IacFile]) -> list[Target]:
    """Named partials of one project (the same `project("name")`) are parts of one
    desired state: their services run together, so they form one target. A service two
    partials declare belongs to the first (the CLI refuses the second: "already managed
    by partial ..."). Files that plan different services per environment, or whose
    project name is not written, stay targets of their own."""
    found: list[Target] = []
    merged: dict[str, tuple[Target, IacFile]] = {}
    for item in read:
        if item.partial is None or not item.project or len(item.targets) != 1:
            found.extend(item.targets)
            continue
        target = item.targets[0]
        if item.project not in merged:
            merged[item.project] = (target, item)
            found.append(target)
            continue
        into, first = merged[item.project]
        _name_partial(into, first)
        _name_partial(target, item)
        names = {l.name for l in into.launches}
        into.launches.extend(l for l in target.launches if l.name not in names)
        into.shadows.extend(target.shadows)
    return found


def _name_partial(target: Target, item: IacFile) -> None:
    for launch in target.launches:
        if "(partial `" not in launch.label:
            launch.label += f" (partial `{item.partial}`, {item.path})"


def _environment_groups(runs: dict[str, list[ServiceDecl]]) -> list[dict[str, list[ServiceDecl]]]:
    """Environments grouped by the services they plan. Railway environments are separate
    deployments: services only run together inside one environment, so environments that
    plan different services (`service(SERVICE_FOR[ctx.environment], ...)`, a worker only in
    production) are separate targets. An environment the file refuses (throws) plans nothing."""
    groups: dict[frozenset, dict[str, list[ServiceDecl]]] = {}
    for environment, services in runs.items():
        if services:
            groups.setdefault(frozenset(s.name for s in services), {})[environment] = services
    return list(groups.values()) or [runs]


def supersedes(repo: Repo, directory: str) -> str | None:
    """The IaC file that replaces Config as Code in `directory`: one whose project home
    (the directory holding .railway/) is `directory` or above it. The IaC file is the
    whole desired state of its project (services it does not declare are removed), and
    Config as Code stops being read on 2026-12-01. A named partial is not the whole
    project: it replaces Config as Code only for the services it declares."""
    for item in files(repo):
        if item.partial is not None:
            if directory in item.roots:
                return item.path
            continue
        home = posixpath.dirname(posixpath.dirname(item.path))
        if not home or directory == home or directory.startswith(home + "/"):
            return item.path
    return None
