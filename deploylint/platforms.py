"""Which platform a finding is about, and restricting a scan to some platforms.

A repository often holds configs for several platforms (railway.json + a Dockerfile + a
Procfile). Each is a Target of its own; without a restriction every target is analysed
and each finding names the platform it is about ("On Heroku, ..."), so the output never
reads as one deployment that contradicts itself. `platforms = ["railway"]` (config) or
`--platform railway` (command line) keeps only those targets.
"""
from __future__ import annotations

# platform name -> how a finding introduces it
PHRASES = {
    "heroku": "On Heroku",
    "railway": "On Railway",
    "docker": "In the Docker image",
    "compose": "With Docker Compose",
    "pm2": "Under PM2",
    "local": "Locally (a dev Procfile or a script run by hand)",
    "render": "On Render",
    "fly": "On Fly.io",
    "supervisord": "Under supervisord",
    "kubernetes": "On Kubernetes",
    "dokku": "On Dokku",
    "systemd": "Under systemd",
    "digitalocean": "On DigitalOcean App Platform",
    "github-actions": "On GitHub Actions",
    "caprover": "On CapRover",
    "koyeb": "On Koyeb",
    "nixpacks": "In the Nixpacks image",
}
ALIASES = {"dockerfile": "docker", "procfile": "heroku", "docker-compose": "compose", "k8s": "kubernetes",
           "fly.io": "fly", "flyio": "fly", "do": "digitalocean", "manual": "local", "honcho": "local", "foreman": "local",
           "actions": "github-actions", "github": "github-actions", "gha": "github-actions"}
KNOWN = tuple(PHRASES)


def canonical(name: str) -> str | None:
    """The platform a user-given name means, or None when it is not one."""
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    return key if key in PHRASES else None


def phrase(platform: str) -> str:
    return PHRASES.get(platform, f"On {platform.capitalize()}")


def keep(platform: str, wanted: tuple[str, ...]) -> bool:
    return not wanted or platform in wanted


def tag(findings, plan, per_target: dict[int, set]) -> None:
    """Set `finding.platform` and, when the plan has targets of several platforms, start
    its message with the platform ("On Heroku, ...").

    `per_target` maps id(finding) -> platforms whose own targets produce it (from the
    rules run per target); parse and command findings are matched through the launch
    or shadow locations in their trace."""
    if plan is None:
        return
    by_location: dict = {}
    for lp in plan.launches:
        for where in (lp.launch.location, lp.launch.command.location if lp.launch.command else None):
            if where is not None:
                by_location.setdefault(where, set()).add(lp.target.platform)
    by_path: dict = {}  # a config file -> the platforms of the targets that read it
    for target in plan.targets:
        for shadow in target.shadows:
            by_location.setdefault(shadow.location, set()).add(target.platform)
        by_path.setdefault(target.location.path, set()).add(target.platform)
    for lp in plan.launches:
        by_path.setdefault(lp.launch.location.path, set()).add(lp.target.platform)
    # a quiet target (a CI workflow) counts as a platform only when it has findings of its own
    platforms = {t.platform for t in plan.targets if not getattr(t, "quiet", False)}
    tagged = []
    for finding in findings:
        if finding.platform:
            continue
        found = per_target.get(id(finding))
        if not found:
            for where in (finding.location, *(s.location for s in finding.trace)):
                if where in by_location:
                    found = by_location[where]
                    break
        if not found and not finding.trace:
            found = by_path.get(finding.location.path)
        if not found or len(found) != 1:
            continue
        finding.platform = next(iter(found))
        tagged.append(finding)
        platforms.add(finding.platform)
    if len(platforms) > 1:
        for finding in tagged:
            intro = phrase(finding.platform)
            name = intro.split(" ", 1)[-1].removeprefix("the ").lower()  # "Railway", "PM2", "Docker image"
            if intro.lower() not in finding.message.lower() and not finding.message.lower().startswith(name + " "):
                # (not "On Railway, Railway service ... never starts")
                finding.message = f"{intro}, {finding.message}"
