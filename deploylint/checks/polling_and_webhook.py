"""DPL108 polling-and-webhook: one bot served by a webhook and by polling at once.

Two shapes. (1) One program both sets a webhook and polls at start-up, or picks
between them from the environment with polling as the fallback, while the deployment
runs more than one copy of it or another process polls the same bot: a fallback that
fires in one copy (an unset variable, a failed setWebhook) steals the updates of all
the others. (2) The deployment configures a webhook for one process (a webhook call in
its code, or WEBHOOK_URL / USE_WEBHOOK=true in its environment) while another process
polls the same bot: most polling starters delete the webhook first, so the poller
silently takes every update; the others fail with 409. Documentation: rules/DPL108.md.
"""
from __future__ import annotations


from ..model import Finding, Severity, Step
from ..secrets import redact
from . import wording
from .common import same_bot, trace, where
from ..patterns import lazy_re

CODE = "DPL108"
NAME = "polling-and-webhook"
SEVERITY = Severity.WARNING
SUMMARY = "one bot both sets a webhook and polls, or falls back to polling"

POLLS = frozenset({"polling", "polling-fallback"})
_WEBHOOK_SWITCH = lazy_re(r"(?i)^(use_?webhooks?|webhook_?mode|webhook_?enabled|enable_?webhooks?)$", needs=("webhook",))
_WEBHOOK_ADDRESS = lazy_re(r"(?i)webhook_?(url|host|domain|base_?url|address)$", needs=("webhook",))
_MODE = lazy_re(r"(?i)^(bot_?)?(mode|update_?mode|run_?mode)$", needs=("mode",))
_OFF = frozenset({"", "0", "false", "no", "off", "none", "null"})


def webhook_setting(env: dict) -> str | None:
    """`WEBHOOK_URL=...` / `USE_WEBHOOK=true` / `MODE=webhook` in an environment, as written."""
    for name, value in env.items():
        value = str(value).strip().strip("'\"")
        on = value.lower() not in _OFF
        if (_WEBHOOK_ADDRESS.search(name) and on) or (_WEBHOOK_SWITCH.match(name) and on) \
                or (_MODE.match(name) and value.lower() == "webhook"):
            return redact(f"{name}={value}")  # a webhook URL may carry the token
    return None


def check(plan):
    reported = set()
    by_target: dict[int, list] = {}  # grouped once, not a scan of every process per target
    for i in plan.instances:
        if i.launch.runs and i.launch.role != "release" and i.process.long_running and not i.process.after:
            by_target.setdefault(id(i.target), []).append(i)
    for target in plan.targets:
        running = by_target.get(id(target), [])
        for finding in [*_mixed_programs(running), *_webhook_beside_poller(running)]:
            key = (finding.location, finding.message)
            if key not in reported:
                reported.add(key)
                yield finding


def _pollers(instance):
    return [e for e in instance.evidence if e.kind in POLLS]


def _webhooks(instance):
    return [e for e in instance.evidence if e.kind == "webhook"]


def _mixed_programs(running):
    """Shape 1: one program with a webhook and a poll of the same bot (once per code line)."""
    seen = set()
    for instance in running:
        for poll in _pollers(instance):
            hook = next((w for w in _webhooks(instance) if same_bot(w, poll)), None)
            if hook is None or poll.location in seen:
                continue
            why, steps = _why_it_clashes(instance, poll, running)
            if why is None:
                continue
            seen.add(poll.location)
            how = ("falls back to polling" if poll.kind == "polling-fallback" else "also polls")
            yield Finding(
                CODE,
                f"{instance.label} sets a webhook ({where(hook)}) and {how} ({where(poll)}) for the same bot, "
                f"while {why}: whichever copy polls takes the updates from the webhook and from each other",
                poll.location,
                "pick one mode per deployment: with webhooks, remove the polling branch (fail loudly if the webhook "
                "cannot be set instead of falling back to polling); with polling, remove the webhook code and run "
                "exactly one polling process",
                [*steps, *trace(instance, hook), *trace(instance, poll)],
                singleton=wording.singleton(poll),
            )


def _why_it_clashes(instance, poll, running):
    copies = instance.copies_of(poll)
    if copies.count > 1:
        location = copies.location or instance.launch.location
        return (f"{instance.label} runs {copies.count} copies ({copies.reason})",
                [Step(location, f"{copies.reason}: {copies.count} copies")])
    for other in running:
        if other.process is instance.process or other.process.excludes(instance.process):
            continue
        rival = next((e for e in _pollers(other) if same_bot(e, poll)), None)
        if rival is not None:
            return f"{other.label} polls the same bot ({where(rival)})", trace(other, rival)
    return None, []


def _webhook_beside_poller(running):
    """Shape 2: a webhook process and a polling process of one deployment."""
    for hook_instance in running:
        served = _served_by_webhook(hook_instance)
        if served is None:
            continue
        reason, hook, steps = served
        for other in running:
            if other.launch is hook_instance.launch:
                continue
            setting = webhook_setting({**other.target.env, **other.launch.env})
            for poll in _pollers(other):
                if poll.kind == "polling-fallback" and setting:
                    continue  # its own environment chooses the webhook branch
                if hook is not None and not same_bot(hook, poll):
                    continue
                if hook is None and poll.family != "telegram":
                    continue
                yield Finding(
                    CODE,
                    f"{hook_instance.label} serves the bot by webhook ({reason}) while {other.label} polls it "
                    f"({where(poll)}): starting to poll deletes the webhook, so the poller silently takes every update",
                    other.launch.location,
                    f"run the bot in one mode: drop the polling process ({other.launch.name}) and let the webhook "
                    f"serve the updates, or give the polling process a separate bot token (@BotFather /newbot)",
                    [*steps, *trace(other, poll)],
                    singleton=wording.singleton(poll),
                )


def _served_by_webhook(instance):
    """(why, webhook evidence or None, steps) when this process serves a webhook and does not poll."""
    hooks = _webhooks(instance)
    polls = _pollers(instance)
    setting = webhook_setting({**instance.target.env, **instance.launch.env})
    if hooks and not any(p.kind == "polling" for p in polls):
        if any(p.kind == "polling-fallback" and not p.on_failure for p in polls) and not setting:
            return None  # unset switch: this process polls itself (shape 1's business)
        hook = hooks[0]
        return f"{where(hook)}", hook, trace(instance, hook)
    if setting and not polls and not instance.process.entry:
        # only for a program whose code is not in the repository (an image): when its code
        # was read and sets no webhook, a WEBHOOK_URL in its environment is just passed on
        step = Step(instance.launch.location, f"{instance.label} sets {setting}")
        return f"{setting} in its environment", None, [step]
    return None
