"""Kubernetes CronJobs (https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/):
how many of their runs go at once.

A CronJob creates a Job on `spec.schedule`. `spec.concurrencyPolicy` decides what happens
when the previous run is still going: `Allow` (the default) starts the new one beside it,
`Forbid` skips the new one, `Replace` deletes the running Job and starts the new one (its
pod gets SIGTERM and `terminationGracePeriodSeconds`, default 30 s, to exit: the two
overlap that long). A run ends when its program exits or after
`jobTemplate.spec.activeDeadlineSeconds` (no limit by default). A program that never
exits (a polling bot) under `Allow` therefore piles up one more copy per schedule tick;
with a deadline, `ceil(deadline / interval)` runs go at once. `suspend: true` starts none.
Whether the program exits is the code's business: the copies apply to what it starts, and
only a must-run-once program makes them a finding.
"""
from __future__ import annotations

import math

from ..model import Copies, Location, Overlap
from ..repo import Repo

DOCS = "https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#concurrency-policy"
MAX_RUNS = 20  # reported at most; more is the same problem


def cron_runs(repo: Repo, path: str, name: str, spec: dict) -> tuple[str, Copies, Overlap | None]:
    """(schedule, copies, overlap) of a CronJob; bad values cost nothing (the API server
    rejects them) and count as the defaults."""
    from .. import yamlfile
    from .github_actions_runs import interval

    schedule = spec.get("schedule")
    schedule = " ".join(schedule.split())[:80] if isinstance(schedule, str) else ""
    where = yamlfile.where(path, spec, "schedule") if "schedule" in spec else Location(path, 1, 1)
    if spec.get("suspend") is True:
        return schedule, Copies(0, f"CronJob `{name}` suspend: true", yamlfile.where(path, spec, "suspend")), None
    policy = spec.get("concurrencyPolicy", "Allow")
    policy = policy if policy in ("Allow", "Forbid", "Replace") else "Allow"
    if policy == "Forbid":
        return schedule, Copies(), None
    if policy == "Replace":
        at = yamlfile.where(path, spec, "concurrencyPolicy")
        return schedule, Copies(), Overlap(
            f"CronJob `{name}` concurrencyPolicy: Replace (the running Job is deleted when the next is due; its pod gets "
            "SIGTERM and up to 30 s while the new one starts)", at, platform="kubernetes",
            when="whenever a run is still going at the next schedule tick",
            switch=f"set `concurrencyPolicy: Forbid` on CronJob `{name}` (the next run is skipped while one is going) ({DOCS})")
    job_spec = spec.get("jobTemplate", {}).get("spec") if isinstance(spec.get("jobTemplate"), dict) else None
    deadline = job_spec.get("activeDeadlineSeconds") if isinstance(job_spec, dict) else None
    every = interval([schedule]) if schedule else None  # minutes (at least 5: a 1-minute schedule is undercounted)
    if every is None:
        return schedule, Copies(), None
    policy_at = yamlfile.where(path, spec, "concurrencyPolicy") if "concurrencyPolicy" in spec else where
    switch = (f"set `concurrencyPolicy: Forbid` on CronJob `{name}` ({DOCS}), or run the program as a Deployment with "
              "one replica if it is meant to run all the time")
    if isinstance(deadline, int) and not isinstance(deadline, bool) and 0 < deadline < 10**9:
        runs = min(math.ceil(deadline / 60 / every), MAX_RUNS)
        if runs <= 1:
            return schedule, Copies(), None
        return schedule, Copies(runs, f"CronJob `{name}` schedule `{schedule}` starts a run every {every} min and "
                                      f"concurrencyPolicy {policy} lets it start while earlier runs go on for up to "
                                      f"activeDeadlineSeconds {deadline}: up to {runs} runs at once", policy_at,
                                switch=switch), None
    return schedule, Copies(2, f"CronJob `{name}` schedule `{schedule}` starts a run every {every} min and "
                               f"concurrencyPolicy {policy} (the default) lets it start while an earlier run still "
                               f"goes; nothing ends a run that does not exit (no activeDeadlineSeconds), so such runs "
                               f"pile up (at least 2)", policy_at, assumed=True, switch=switch), None
