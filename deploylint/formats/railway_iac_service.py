"""Railway IaC services to launches: one target per group of environments of an IaC file
(railway_iac reads the file), each service's root directory, start command (resolved with
Railway's precedence, railway_start) and copies (the environment with the most replicas;
a region map is the sum of its regions), and DPL004 when a value is only known when the
config runs.
"""
from __future__ import annotations

import posixpath

from ..code.js_static import Arr, Obj, Unknown, count_of, short
from ..model import Copies, Location, Overlap, Target
from ..repo import Repo, normalise
from .railway_iac import OTHER, ServiceDecl, Source


def service_target(repo: Repo, path: str, runs: dict[str, list[ServiceDecl]]) -> tuple[Target, set[str]]:
    from .railway_start import Service, resolve

    target = Target("railway", path, Location(path, 1, 1), env={"RAILWAY_ENVIRONMENT": "production"})
    target.environments = tuple(runs)  # tells apart the targets of environments that plan different services
    target.overlaps.append(Overlap("Railway starts the new deployment before it stops the old one", Location(path, 1, 1), explicit=False))
    by_name: dict[str, list] = {}  # name -> [(environment, decl)]: one pass, not one per service
    for environment_name, services in runs.items():
        for decl in services:
            by_name.setdefault(decl.name, []).append((environment_name, decl))
    roots: set[str] = set()
    for name, seen in by_name.items():
        chosen = _worst(repo, name, runs, seen)
        if chosen is None:
            continue
        environment, decl, copies = chosen
        root, image = _root(decl, posixpath.dirname(posixpath.dirname(path)))
        roots.add(root)
        label = f"Railway service `{name}`"
        start_key = next((k for k in ("start", "startCommand") if decl.get(k) is not None), "start")
        start = decl.get(start_key)
        if start is None and decl.get("run", "command") is not None:  # railway-go-iac's normalizeDeploy reads it
            start_key, start = "run.command", decl.get("run", "command")
        if start is None and decl.get("deploy", "startCommand") is not None:
            start_key, start = "deploy.startCommand", decl.get("deploy", "startCommand")
        if start is None and _unread(decl):
            start = Unknown(UNREAD)
        if isinstance(start, Arr):
            start = _words(start, _value_text(decl, start_key))
        env = decl.get("env") if isinstance(decl.get("env"), Obj) else {}
        build = decl.get("build") if isinstance(decl.get("build"), Obj) else {}
        dockerfile = build.get("dockerfilePath") or build.get("dockerfile") or decl.get("dockerfilePath")
        service = Service(
            label, path, root, copies, name=name,
            start=start if isinstance(start, str) else None,
            start_at=_value_at(decl, start_key),
            start_what=start_key,
            start_label=label,
            builder=str(build.get("builder") or ""), builder_at=decl.at,
            dockerfile=normalise(posixpath.join(root, dockerfile)) if isinstance(dockerfile, str) else None,
            dockerfile_at=decl.at,
            env={k: v for k, v in env.items() if isinstance(v, str)},
            env_at=dict(getattr(env, "values_at", {})),
        )
        schedule = decl.get("deploy", "cronSchedule")  # kept as is under `deploy` (railway-go-iac, the importer)
        if isinstance(schedule, str) and schedule.strip():
            service.schedule = " ".join(schedule.split())[:80]
            service.schedule_at = _value_at(decl, "deploy.cronSchedule")
        if isinstance(start, Unknown):
            repo.problem("DPL004", service.start_at or decl.at,
                         f"Railway service `{name}`: `{start_key}` is `{short(start.text)}`, only known when the config runs",
                         "write the start command as a string so it can be checked statically")
        if image is not None or isinstance(start, Unknown):
            from ..model import Launch

            note = f"runs the image `{image}`, not code from this repository" if image is not None else \
                f"`{start_key}` is only known when the config runs"
            target.launches.append(Launch(name, label, decl.at, None, copies, cwd=root, note=note))
            continue
        launches, shadows, used = resolve(repo, service)
        if used:
            repo.consumed.add(used)  # the Dockerfile this service builds is not a target of its own
        overlap = decl.get("deploy", "overlapSeconds")
        if count_of(overlap) and not isinstance(overlap, Unknown) and not service.schedule:
            for launch in launches:
                launch.overlaps.append(Overlap(f"deploy.overlapSeconds = {overlap}", _value_at(decl, "deploy.overlapSeconds")))
        if not launches:
            repo.problem("DPL004", decl.at, f"Railway service `{name}` names no start command and Railway's default "
                         f"for {root or 'the repository root'} is not in the repository",
                         f"add `start: \"...\"` to the service in {path}")
        target.launches.extend(launches)
        target.shadows.extend(shadows)
    return target, roots


def _definitions(text: str, declared: dict) -> str:
    """`prod = ctx.environment === "production"` for the names an expression uses that
    the file defined from the environment."""
    import re

    names = dict.fromkeys(re.findall(r"[A-Za-z_$][\w$]*", text))
    found = [f"`{name} = {short(declared[name], 50)}`" for name in names
             if name in declared and re.search(r"environment|isEnvironment|is_environment", declared[name])]
    return ", ".join(found[:3])


def _words(start: Arr, text: str):
    """`start: ["python", "bot.py"]`: the words as one command (quoted as a shell would
    need), or unknown when a word is not a string written in the file."""
    import shlex

    if start and all(isinstance(word, str) for word in start) and not start.partial:
        return shlex.join(start)
    return Unknown(text or "[...]")


def _value_text(decl: ServiceDecl, dotted: str) -> str:
    *parents, key = dotted.split(".")
    holder = decl.get(*parents) if parents else decl.options
    return holder.texts.get(key, "") if isinstance(holder, Obj) else ""


def _value_at(decl: ServiceDecl, dotted: str) -> Location:
    *parents, key = dotted.split(".")
    holder = decl.get(*parents) if parents else decl.options
    return holder.values_at.get(key, decl.at) if isinstance(holder, Obj) else decl.at


def _env_text(environment: str) -> str:
    return "an environment the file does not name" if environment == OTHER else f"environment `{environment}`"


def _root(decl: ServiceDecl, here: str) -> tuple[str, str | None]:
    """(root directory, image) of a service. A GitHub source's rootDirectory is relative
    to the repository; a service without a source deploys the directory `railway up`
    runs in (`here`, the one holding .railway/)."""
    source = decl.get("source")
    root = decl.get("rootDirectory")
    if root is None:
        root = decl.get("root")  # railway-go-iac: `root` or `rootDirectory`
    image = None
    if source is None and root is None:
        return here, None
    if isinstance(source, Source):
        if source.kind == "image":
            image = source.ref or "an image"
        elif source.options is not None and isinstance(source.options.get("rootDirectory"), str):
            root = source.options.get("rootDirectory")
    elif isinstance(decl.get("image"), str):
        image = decl.get("image")
    root = normalise(root.strip().strip("/")) if isinstance(root, str) and root.strip().strip("/") not in ("", ".") else ""
    return ("" if root in (".", "") else root), image


def _worst(repo: Repo, name: str, runs: dict[str, list[ServiceDecl]], seen: list | None = None):
    """(environment, service, copies) for the environment with the most copies."""
    if seen is None:
        seen = [(env, decl) for env, services in runs.items() for decl in services if decl.name == name]
    if not seen:
        return None
    counted = [(env, decl, _copies(decl)) for env, decl in seen]
    best = counted[0]
    for item in counted[1:]:
        if item[2][0] > best[2][0]:
            best = item
    environment, decl, (count, text, where, unknown) = best
    if unknown and count <= 1:
        why = "which is not a whole number of copies" if unknown == "invalid" else "only known when the config runs"
        repo.problem("DPL004", where, f"Railway service `{name}`: `replicas` is `{short(text)}`, {why}; assumed 1 copy",
                     "write the number of replicas in the file so the copies can be checked")
    differs = len({c[2][0] for c in counted}) > 1
    if count <= 1:
        return ("" if not differs else environment), decl, Copies()
    reason = f"replicas: {short(text)}"
    if count >= COUNT_LIMIT:  # `10 ** 100`, `0x7fffffff`: counted as the cap, never as the number
        reason += f", counted as {count}"
    elif text.strip() != str(count):
        reason += f" = {count}"
    if differs:
        reason += f" in {_env_text(environment)}"
        meaning = _definitions(text, decl.declared)
        if meaning:
            reason += f", where {meaning}"
    if unknown:
        reason += " (the largest value; which one applies is only known when the config runs)"
    return (environment if differs else ""), decl, Copies(count, reason, where)


def _copies(decl: ServiceDecl) -> tuple[int, str, Location, bool]:
    """(count, source text, where, unknown) of a service's replicas."""
    options = decl.options
    key = next((k for k in ("replicas", "numReplicas") if options is not None and k in options), None)
    if key is None and isinstance(decl.get("deploy"), Obj):
        # the CLI's importer keeps Config-as-Code deploy keys it has no DSL name for
        # under `deploy: {...}` (numReplicas among them)
        options = decl.get("deploy")
        key = next((k for k in ("numReplicas", "multiRegionConfig", "replicas") if k in options), None)
    if key is None:
        regions = decl.get("regions")
        if isinstance(regions, Obj) and regions:
            options, key = decl.options, "regions"
        else:
            return (1, UNREAD, decl.at, True) if _unread(decl) else (1, "", decl.at, False)
    value = options[key]
    where = options.values_at.get(key, decl.at)
    text = options.texts.get(key, str(value))
    if isinstance(value, Obj):  # a region map (one with a getter or an unread spread: regions not read)
        total, unknown = 0, value.partial
        for region in value.values():
            if isinstance(region, Obj):  # { count: 2, stacker: "..." } (the CLI's importer), numReplicas
                region = next((region[k] for k in ("count", "replicas", "numReplicas") if k in region), 1)
            count = None if _infinite(region) else count_of(region)
            if count is None and not isinstance(region, Unknown):
                unknown = unknown or "invalid"  # Infinity, -1, "2": known, and no count
            unknown = unknown or count is None
            total += count or 0
        return min(total, COUNT_LIMIT), text, where, unknown
    if isinstance(value, Arr):
        return 1, text, where, True
    count = None if _infinite(value) else count_of(value)
    if count is None:  # unknown, or known and no count ("invalid": NaN, -3, 2.5, "2", Infinity)
        return 1, text, where, value is not None and ("invalid" if not isinstance(value, Unknown) else True)
    return count, text, where, isinstance(value, Unknown)


UNREAD = "(a getter, Proxy or spread not read)"
COUNT_LIMIT = 10_000  # count_of's cap


def _unread(decl: ServiceDecl) -> bool:
    """The service's options may hold keys the evaluator did not read: a missing key is
    unknown there, not absent."""
    return isinstance(decl.options, Obj) and decl.options.partial


def _infinite(value) -> bool:
    """`Infinity`, `1e309`: no count (JSON.stringify writes null, the CLI sees no replicas)."""
    return isinstance(value, float) and value in (float("inf"), float("-inf"))
