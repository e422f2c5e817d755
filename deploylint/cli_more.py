"""The parts of the command line a plain scan does not need, imported when used: the `rule`
and `plan` commands, `--fix`, `--diff` and baselines (cli.py builds `check`, the default)."""
from __future__ import annotations

import sys

import click

from .cli import (PLAN_FORMATS, PLATFORM_NAMES, _config_options, _errors, _Failure, _open_output, _output_options,
                  _project_of, _scan_one, _settings)


def rule_command():
    @click.command("rule", short_help="Print a rule's documentation, or list every rule.")
    @click.argument("code", required=False)
    @click.option("--all", "all_rules", is_flag=True, help="List every rule.")
    @click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
                  help="Output format (default: text).")
    def command(code, all_rules, output_format):
        """Print the rule-book page of CODE (e.g. DPL101 or polling-started-twice), or list
        every rule with --all."""
        _show_rule(code, all_rules, output_format)

    return command


def _show_rule(code, all_rules, output_format) -> None:
    from . import rulepages

    if all_rules:
        table = rulepages.rules()
        if output_format == "json":
            import json

            click.echo(json.dumps(table, indent=2))
        else:
            width = max(len(r["name"]) for r in table)
            for r in table:
                click.echo(f"{r['code']}  {r['severity']:<7}  {r['name']:<{width}}  {r['summary']}")
        return
    if not code:
        raise click.UsageError("give a rule code (e.g. `deploylint rule DPL101`) or --all")
    found = rulepages.lookup(code)
    if found is None:
        click.echo(f"deploylint: unknown rule `{code}` (see `deploylint rule --all`)", err=True)
        sys.exit(2)
    entry = next(r for r in rulepages.rules() if r["code"] == found)
    page = rulepages.page(found)
    if output_format == "json":
        import json

        click.echo(json.dumps({**entry, "explanation": page or ""}, indent=2))
    else:
        click.echo(page if page is not None else
                   f"# {found} {entry['name']}\n\n**Severity:** {entry['severity']} · "
                   f"**Summary:** {entry['summary']}\n\n(This rule has no rule-book page yet.)", nl=page is None)


def plan_command():
    @click.command("plan", short_help="Show what each platform starts, how many copies, which singletons.")
    @click.argument("paths", nargs=-1, type=click.Path(exists=True, file_okay=True, dir_okay=True))
    @click.option("--format", "output_format", type=click.Choice(PLAN_FORMATS), default="text",
                  help="text (an indented tree), json, or mermaid (a flowchart).")
    @click.option("--platform", "platforms", multiple=True, metavar="NAME",
                  help="Show only this platform's targets (repeatable): " + PLATFORM_NAMES + ".")
    @_config_options
    @_output_options
    def command(paths, output_format, platforms, config_file, isolated, output_file, debug):
        """Show what each platform will start from PATHS (default: .): per target and
        process, the command, the program it runs, how many copies, and which singletons
        it reaches. A file stands for the project it belongs to."""
        _show_plan(paths, output_format, platforms, config_file, isolated, output_file, debug)

    return command


def _show_plan(paths, output_format, platforms, config_file, isolated, output_file, debug) -> None:
    from .engine import scan
    from .planview import render

    with _errors(debug):
        parts = []
        for path in paths or (".",):
            root = _project_of(path)
            settings = _settings(root, config_file, isolated, {"platforms": platforms or None})
            result = scan(root, settings)
            parts.append(_safe_plan(render(result.plan, output_format), output_format))
        with _open_output(output_file) as stream:
            if output_format == "json" and len(parts) > 1:
                stream.write("[\n" + ",\n".join(p.rstrip() for p in parts) + "\n]\n")
            else:
                stream.write("\n".join(parts))


def _safe_plan(text: str, output_format: str) -> str:
    """Plan output quotes commands and paths: redacted, surrogates replaced, control
    characters escaped (JSON already escapes them; its strings are cleaned instead)."""
    import json

    from .safe import clean_tree, printable
    from .secrets import redact

    if output_format == "json":
        try:
            data = clean_tree(json.loads(text))
        except ValueError:
            return redact(printable(text, newlines=True))
        return redact(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
    return redact(printable(text, newlines=True))


def diff(scans, unsafe: bool, output_file) -> int:
    from . import fix as fixes

    text = ""
    for result, settings in scans:
        outcome = fixes.plan(result, settings, unsafe)
        text += fixes.diff(result, outcome)
        _tell_refused(result, outcome)
    with _open_output(output_file) as stream:
        from .secrets import redact

        stream.write(redact(text))
    return 1 if text else 0


def fix(scans, paths, unsafe: bool):
    """Write the verified fixes of every scan, say what changed, and scan again."""
    from . import fix as fixes

    changed = False
    for result, settings in scans:
        outcome = fixes.plan(result, settings, unsafe)
        _tell_refused(result, outcome)
        if not outcome.texts:
            continue
        fixes.write(result, outcome)
        changed = True
        from .report.text import _safe

        for finding in outcome.fixed:
            click.echo(_safe(f"deploylint: fixed {finding.code} {result.display(finding.location.path)}:"
                             f"{finding.location.line} ({finding.fix.description})"), err=True)
    if not changed:
        return scans
    return [_scan_one(path, settings) for path, (_, settings) in zip(paths, scans)]


def _tell_refused(result, outcome) -> None:
    from .report.text import _safe

    for finding, why in outcome.refused:
        click.echo(_safe(f"deploylint: not fixed {finding.code} {result.display(finding.location.path)}:"
                         f"{finding.location.line}: {why}"), err=True)


def apply_baseline(scans, baseline_file) -> None:
    """--baseline FILE (or `baseline` in the settings): hide recorded findings, then
    report the entries that matched nothing (DPL901) once, with the first scan."""
    chosen = baseline_file or None
    if chosen is None:
        configured = scans[0][1].baseline
        if not configured:
            return
        chosen = configured
    from . import baseline

    try:
        entries = baseline.load(chosen)
    except baseline.BaselineError as error:
        raise _Failure(str(error)) from None
    for result, _settings_ in scans:
        baseline.apply(result, entries)
    result, settings = scans[0]
    if settings.enabled("DPL901"):
        from .checks import rule

        for finding in baseline.stale(entries, chosen, result.root, settings):
            finding.severity = settings.severity.get("DPL901", rule("DPL901").SEVERITY)
            result.findings.append(finding)
        from .model import Finding

        result.findings.sort(key=Finding.sort_key)
