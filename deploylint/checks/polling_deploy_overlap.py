"""DPL105 polling-deploy-overlap: a deploy that deliberately runs the old and the new
copy side by side (Railway `overlapSeconds`, compose `update_config.order: start-first`,
PM2 reload in cluster mode...) for a process that reaches a singleton.

During the overlap two pollers share one token: Telegram answers one of them 409
Conflict, and a bot that exits on Conflict may take the new deployment down with it.
Code that stops polling on the stop signal shortens the clash to the overlap window,
so the finding drops to info. Explicit overlaps count here, and platform defaults that the
repository can switch off (Render's zero-downtime deploy without a disk, Fly canary/bluegreen,
Kubernetes RollingUpdate, Dokku checks, Heroku preboot, DigitalOcean's rolling deploy): the format marks them explicit and
names the switch (`Overlap.switch`) for the hint. The brief overlap every Railway deploy has
is DPL302's concern. An overlap marked `elsewhere` (a GitHub Actions check that starts the
bot with a production-looking secret) counts only when another target runs the same bot.
Documentation: rules/DPL105.md.
"""
from __future__ import annotations

from ..model import Finding, Overlap, Severity, Step
from . import wording
from .common import singleton_hits, trace, where

CODE = "DPL105"
NAME = "polling-deploy-overlap"
SEVERITY = Severity.WARNING
SUMMARY = "explicit deploy overlap (overlapSeconds, bluegreen, cluster reload) for a singleton"

STOP_HOW = ("python-telegram-bot `run_polling(stop_signals=(signal.SIGTERM, signal.SIGINT))`, "
            "aiogram `dp.start_polling(bot, handle_signals=True)`, "
            "Telegraf `process.once('SIGTERM', () => bot.stop('SIGTERM'))` (and SIGINT, which PM2 sends)")
_GO_CONTEXT = ("`ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)`, "
               "and pass `ctx` to the poller")
# how the bot's own library stops polling on SIGTERM, by the library named in the finding
STOP_BY_LIBRARY = {
    "python-telegram-bot": "`application.run_polling(stop_signals=(signal.SIGTERM, signal.SIGINT))`",
    "aiogram": "`dp.start_polling(bot, handle_signals=True)`",
    "pyTelegramBotAPI": "`signal.signal(signal.SIGTERM, lambda *_: bot.stop_polling())`",
    "Telegraf": "`process.once('SIGTERM', () => bot.stop('SIGTERM'))` (and SIGINT, which PM2 sends)",
    "grammY": "`process.once('SIGTERM', () => bot.stop())` (and SIGINT, which PM2 sends)",
    "@grammyjs/runner": "`process.once('SIGTERM', () => runner.isRunning() && runner.stop())`",
    "node-telegram-bot-api": "`process.once('SIGTERM', () => bot.stopPolling())` (and SIGINT, which PM2 sends)",
    "telebot": "`b.Stop()` from a `signal.Notify(c, syscall.SIGTERM)` handler",
    "go-telegram-bot-api": "`bot.StopReceivingUpdates()` from a `signal.Notify(c, syscall.SIGTERM)` handler",
    "go-telegram/bot": _GO_CONTEXT + " (`b.Start(ctx)`)",
    "telego": _GO_CONTEXT + " (`bot.UpdatesViaLongPolling(ctx, nil)`)",
    "gotgbot": "`updater.Stop()` from a `signal.Notify(c, syscall.SIGTERM)` handler",
}


def stop_how(evidence) -> str:
    """How the bot's library stops polling on SIGTERM; the usual three when it is not known."""
    return STOP_BY_LIBRARY.get(wording.library(evidence) or "", STOP_HOW)


def overlaps_of(instance, explicit_only: bool = True) -> list[Overlap]:
    """The deploy overlaps that apply to an instance: its target's and its launch's (none
    for a cron service, whose runs never overlap: a run is skipped while one is running)."""
    if getattr(instance.launch, "schedule", ""):
        return []
    found = [*instance.target.overlaps, *instance.launch.overlaps]
    return [o for o in found if o.explicit or not explicit_only]


def check(plan):
    reported = set()
    hits = singleton_hits(plan)
    for instance, evidence in hits:
        if not instance.process.long_running:
            continue
        if evidence.leader and not evidence.leader_where:
            continue  # a lease every copy sees: the new copy waits for the old one's (code/python_leader)
        for overlap in overlaps_of(instance):
            key = (overlap.location, evidence.family)
            if key in reported:
                continue
            other = _deployed(hits, instance, evidence) if getattr(overlap, "elsewhere", False) else None
            if getattr(overlap, "elsewhere", False) and other is None:
                continue  # a CI check with its token: a clash only beside a deployment of the same bot
            reported.add(key)
            yield _finding(instance, evidence, overlap, other)


def _deployed(hits, instance, evidence):
    """Another target's long-running instance that runs the same bot (the deployment a CI
    check runs beside), or None."""
    from .common import same_bot_in

    for other, found in hits:
        if other.target is not instance.target and other.target.platform != instance.target.platform \
                and other.process.long_running and same_bot_in((instance, evidence), (other, found)):
            return other
    return None


def _finding(instance, evidence, overlap, other=None) -> Finding:
    # stopping on the stop signal shortens the clash only when the platform sends one at the switch
    stop = next((e for e in instance.evidence if e.kind == "stop-signal"), None) \
        if getattr(overlap, "signals_old", True) else None
    steps = [Step(overlap.location, f"{overlap.reason}: old and new copies run side by side"), *trace(instance, evidence)]
    beside = getattr(overlap, "beside", "") or "keeps the old copy running beside the new one"
    if other is not None:  # the deployment the CI check runs beside
        beside = f"{beside} beside the one {other.label} runs"
        steps[0] = Step(overlap.location, f"{overlap.reason}: a second copy beside {other.label}")
        steps.append(Step(other.launch.location, f"{other.label} runs the same bot"))
    message = (f"{evidence.singleton} ({where(evidence)}) runs in {instance.label}, and {overlap.reason} {beside} "
               f"{getattr(overlap, 'when', '') or 'during every deploy'}")
    if stop is not None:
        steps.append(Step(stop.location, stop.singleton))
        return Finding(CODE, message + f"; the code stops on the stop signal ({where(stop)}), so the clash lasts "
                                       "only the overlap window", overlap.location, _hint(evidence, overlap, stop),
                       steps, severity=Severity.INFO, singleton=wording.singleton(evidence))
    until = "" if getattr(overlap, "beside", "") else " until the old copy exits"
    clash = (f": both poll{until}, and Telegram answers one of them 409 Conflict"
             if evidence.family == "telegram" else f": both run it{until}; {wording.of(evidence).clash}")
    return Finding(CODE, message + clash, overlap.location, _hint(evidence, overlap, None), steps,
                   singleton=wording.singleton(evidence))


def _hint(evidence, overlap, stop) -> str:
    remove = _remove(overlap)
    words = wording.of(evidence)
    telegram = words.family == "telegram-polling"
    if getattr(overlap, "beside", ""):  # a second copy, not an old one on its way out: no stop signal helps
        return remove  # (webhooks do not help: the copy would take the webhook over from production)
    if stop is not None:
        webhooks = (", or switch the bot to webhooks, which old and new copies can serve side by side"
                    if telegram else "")
        return f"the code already stops on the stop signal ({where(stop)}); to close the remaining window, {remove}{webhooks}"
    if telegram:
        return (f"{remove}, and stop polling as soon as the old copy gets SIGTERM: {stop_how(evidence)}; "
                "or switch the bot to webhooks, which old and new copies can serve side by side")
    return f"{remove}, and {words.stop}"


def _remove(overlap) -> str:
    reason = overlap.reason
    if overlap.switch:
        return overlap.switch
    if "overlapSeconds" in reason:
        return "set overlapSeconds to 0 for this service"
    if "start-first" in reason:
        return "use `update_config.order: stop-first` for this service"
    if "reload" in reason:
        return "deploy this app with `pm2 restart` instead of `pm2 reload` (or run it in fork mode with one instance)"
    return f"remove the overlap ({reason}) for this process"
