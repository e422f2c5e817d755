"""`deploylint plan` shows a session started by a route handler as per request, not counted."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

REPO = Path(__file__).parent / "scenarios" / "r10n-route-session-start-replicas" / "repo"


def test_plan_marks_per_request_starts():
    text = run_cli("plan", str(REPO))
    assert text.returncode == 0, text.stderr
    line = next(l for l in text.stdout.splitlines() if "reaches WhatsApp session" in l)
    assert "when the server handles `POST /sessions/:id/start`, not counted" in line
    data = json.loads(run_cli("plan", "--format", "json", str(REPO)).stdout)
    reaches = [r for t in data["targets"] for lp in t["launches"] for p in lp["processes"] for r in p["reaches"]]
    assert reaches and all(r["on_request"] == "`POST /sessions/:id/start`" and r["singleton"] is False for r in reaches)
