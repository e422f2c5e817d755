"""DPL102 polling-replicated: a process that reaches a singleton runs as several copies.

Documentation: rules/DPL102.md.
"""
from __future__ import annotations

from ..model import Finding, Severity, Step
from . import wording
from .common import only_in, singleton_hits, trace, where
from .fixes import set_copies_to_one
from ..textutil import clip as _clip

CODE = "DPL102"
NAME = "polling-replicated"
SEVERITY = Severity.ERROR
FIX = "sometimes"  # --fix availability: always | sometimes | never (see the page's "Fix" section)
SUMMARY = "a process that reaches a singleton runs with more than one copy"


def check(plan):
    reported = set()
    for instance, evidence in singleton_hits(plan):
        copies = instance.copies_of(evidence)
        if copies.count <= 1 and instance.launch.unread_copies is not None and (id(instance), evidence.family) not in reported:
            reported.add((id(instance), evidence.family))
            yield _unread(plan, instance, evidence)
            continue
        if copies.count <= 1 or (id(instance), evidence.family) in reported:
            continue
        reported.add((id(instance), evidence.family))
        if copies.per:
            yield _per_unit(plan, instance, evidence, copies)
            continue
        location = copies.location or instance.launch.location
        assumed = " (assumed)" if copies.assumed else ""
        steps = [Step(location, f"{copies.reason}: {copies.count} copies{assumed}"), *trace(instance, evidence)]
        yield Finding(
            CODE,
            f"{evidence.singleton} runs in {copies.count} copies of {instance.label}{assumed} "
            f"({copies.reason}); started at {where(evidence)}{only_in(instance)}{_guard(instance, evidence)}; "
            f"{wording.of(evidence).clash}",
            location,
            _hint(evidence, copies),
            steps,
            singleton=wording.singleton(evidence),
            fix=_fix(plan, instance, copies),
        )


def _per_unit(plan, instance, evidence, copies):
    """One copy on every node of a Swarm (compose `deploy.mode: global`): how many nodes the
    swarm has is not in the repository. One node (or `docker compose up` on one host) runs one
    copy; every further node adds one. A warning: the count depends on the cluster."""
    location = copies.location or instance.launch.location
    unit = copies.per
    each = copies.per_unit()
    many = f"{each} copies" if each > 1 else "one copy"
    steps = [Step(location, f"{copies.reason}: {many} on every {unit}"), *trace(instance, evidence)]
    return Finding(
        CODE,
        f"{evidence.singleton} runs in {many} on every {unit} for {instance.label} ({copies.reason}); started at "
        f"{where(evidence)}{only_in(instance)}{_guard(instance, evidence)}; the repository does not say how many "
        f"{unit}s there are: {many} on a single {unit}{_one_host(unit)}, {each} more on every further one; with "
        f"two or more, {wording.of(evidence).clash}",
        location,
        _hint(evidence, copies),
        steps,
        severity=Severity.WARNING if each == 1 else None,
        singleton=wording.singleton(evidence),
    )


def _one_host(unit: str) -> str:
    return " (or with `docker compose up` on one host)" if unit == "Swarm node" else ""


def _unread(plan, instance, evidence):
    """The copies are asked for in a config the platform no longer reads (a railway.json
    after Railway's cutoff): one copy runs today, but migrating the file as it is (what
    `railway config migrate` does) brings the copies back. A warning, at the setting."""
    copies = instance.launch.unread_copies.times(instance.process.copies)
    location = copies.location or instance.launch.location
    path = instance.target.location.path
    steps = [Step(location, f"{copies.reason}: {copies.count} copies, in {path}, which Railway no longer reads"),
             *trace(instance, evidence)]
    command = instance.launch.command.text if instance.launch.command is not None else ""
    runs = f"`{_clip(command)}`" if command else instance.label
    return Finding(
        CODE,
        f"{path} asks for {copies.count} copies ({copies.reason}) of {runs}, which starts {evidence.singleton} "
        f"at {where(evidence)}{only_in(instance)}: one copy runs while Railway no longer reads {path}, but "
        f"`railway config migrate` carries them to `replicas` in .railway/railway.ts; "
        f"then {wording.of(evidence).clash}",
        location,
        _unread_hint(copies, evidence),
        steps,
        severity=Severity.WARNING,
        singleton=wording.singleton(evidence),
        fix=_fix(plan, instance, copies),
    )


def _unread_hint(copies, evidence) -> str:
    setting = copies.reason.split(" = ")[0] if " = " in copies.reason else "the replicas"
    words = wording.of(evidence)
    alternative = f", {words.alternative}" if words.alternative else ""
    return f"set {setting} to 1 before migrating (`replicas: 1` in .railway/railway.ts){alternative}"


def _fix(plan, instance, copies):
    """Set the copies to 1 where the number is written. Safe when the process's only job
    is the singleton (not a web process or a server, whose capacity would shrink)."""
    if copies.location is None or " x " in copies.reason or getattr(copies, "switch", ""):
        return None
    web = instance.launch.role == "web" or instance.process.server or instance.process.kind == "python-app"
    return set_copies_to_one(plan.repo, copies.location, f"the copies of {instance.label}",
                             "unsafe" if web else "safe")


def _guard(instance, evidence) -> str:
    if not evidence.pm2_once:
        return ""
    return (" (its NODE_APP_INSTANCE guard keeps it to one PM2 instance, but every copy runs its own PM2 "
            "with its own instance 0)")


def _hint(evidence, copies=None) -> str:
    words = wording.of(evidence)
    alternative = f", {words.alternative}" if words.alternative else ""
    if copies is not None and getattr(copies, "switch", ""):  # copies that are no number to edit (a schedule, a matrix)
        return f"{copies.switch}{'; ' + words.alternative if words.alternative else ''}"
    return f"{words.one}{alternative}"
