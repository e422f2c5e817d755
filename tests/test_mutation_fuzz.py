"""Mutation fuzzing over the scenario corpus: every format's real scenario files
(tests/scenarios/*/repo) are damaged the ways hostile or broken repositories are
(truncation, flipped bytes, NUL bytes, invalid UTF-8, BOMs, CRLF and CR-only line ends,
nesting 10,000 deep in the file's own language, YAML anchor bombs, huge and odd numbers,
megabyte lines, symlink loops, a directory, a FIFO or an unreadable file in the file's
place) and every scan must still end in a report: no `internal error`, no traceback, no
crash caught at a boundary (DPL006 "could not analyse it (KeyError...)" is a bug hidden
in a finding), no hang, bounded memory, and no bot token printed unredacted.

Deterministic: the cases come from SEED, in order. The runs happen in one worker
subprocess (its address space capped at MEMORY_LIMIT) that scans each case in-process
through the CLI with a per-case deadline; the suite runs as many cases as fit in
BUDGET seconds (MUTATION_CASES / MUTATION_BUDGET / MUTATION_SEED widen a manual run:
`MUTATION_CASES=2000 MUTATION_BUDGET=900 pytest tests/test_mutation_fuzz.py`).
"""
from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCENARIOS = Path(__file__).parent / "scenarios"
SEED = int(os.environ.get("MUTATION_SEED", "16"))
CASES = int(os.environ.get("MUTATION_CASES", "400"))
BUDGET = float(os.environ.get("MUTATION_BUDGET", "25"))  # CPU seconds of scanning in the suite
WALL = float(os.environ.get("MUTATION_WALL", "35"))  # and wall seconds, on a loaded machine
CASE_LIMIT = int(os.environ.get("MUTATION_CASE_LIMIT", "20"))  # CPU seconds per case: a hang
MEMORY_LIMIT = 3 << 30  # the worker's address space

# format -> how its files are recognised (path inside a scenario's repo/)
FORMATS = {
    "procfile": r"(^|/)Procfile(\.[\w.-]+)?$",
    "railway-ts": r"(^|/)\.railway/railway\.(ts|mts|js|mjs)$",
    "railway-py-go": r"(^|/)\.railway/railway\.(py|go)$",
    "railway-json": r"(^|/)railway(\.[\w-]+)?\.json$",
    "railway-toml": r"(^|/)railway(\.[\w-]+)?\.toml$",
    "dockerfile": r"(^|/)([\w.-]*\.)?[Dd]ockerfile(\.[\w.-]+)?$",
    "compose": r"(^|/)(docker-)?compose[\w.-]*\.ya?ml$",
    "pm2": r"(^|/)(ecosystem[\w.-]*\.(c?js|json|ya?ml|config\.js)|pm2[\w.-]*\.(json|ya?ml)|process\.(json|ya?ml))$",
    "render": r"(^|/)render[\w.-]*\.ya?ml$",
    "fly": r"(^|/)fly[\w.-]*\.toml$",
    "app-json": r"(^|/)app\.json$",
    "kubernetes-helm": r"(^|/)(k8s|kubernetes|deploy|manifests|charts?|templates|helm)/[\w./-]*\.(ya?ml|tpl)$",
    "supervisord": r"(^|/)(supervisord[\w.-]*\.conf|[\w-]+\.ini|conf\.d/[\w.-]+\.conf)$",
    "systemd": r"\.(service|timer)$",
    "github-actions": r"(^|/)\.github/workflows/[\w.-]+\.ya?ml$",
    "package-json": r"(^|/)package\.json$",
    "pyproject": r"(^|/)(pyproject\.toml|setup\.cfg|requirements[\w.-]*\.txt)$",
    "python": r"\.py$",
    "js-ts": r"\.(js|mjs|cjs|ts|mts)$",
    "shell": r"\.sh$|(^|/)(start|run|entrypoint)[\w-]*$",
}
MUTATIONS = ("truncate", "flip", "nul", "bad-utf8", "bom", "crlf", "cr-only", "deep", "anchor-bomb", "numbers",
             "long-line", "symlink-loop", "directory", "fifo", "unreadable", "token")
ODD_NUMBERS = ("1e309", "-1", "0x7fffffff", '"NaN"', "NaN", "Infinity", "-Infinity", "1" + "0" * 100, "true", "false",
               "2.5", "-0", "99999999999999999999999", "0o777", "1_000", ".5", "1e-400", '"2"', "null", "~")
DEPTH = 10_000
LONG_LINE = 250_000  # bytes (a megabyte of some garbage costs tree-sitter its whole 5 s budget)


def _token() -> str:
    """A Telegram-shaped bot token built at run time (no secret-shaped literal in the suite)."""
    from deploylint.secrets import is_placeholder

    rng = random.Random(1616)
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
    while True:
        token = "7012345678:AA" + "".join(rng.choice(alphabet) for _ in range(33))
        if not is_placeholder(token):
            return token


def corpus() -> dict[str, list[tuple[str, str]]]:
    """format -> [(scenario, path in its repo)], sorted (deterministic)."""
    found: dict[str, list[tuple[str, str]]] = {name: [] for name in FORMATS}
    patterns = {name: re.compile(pattern) for name, pattern in FORMATS.items()}
    for scenario in sorted(p.name for p in SCENARIOS.iterdir() if (p / "repo").is_dir()):
        repo = SCENARIOS / scenario / "repo"
        for path in sorted(repo.rglob("*")):
            if not path.is_file() or path.is_symlink() or path.stat().st_size > 200_000:
                continue
            rel = path.relative_to(repo).as_posix()
            for name, pattern in patterns.items():
                if pattern.search(rel):
                    found[name].append((scenario, rel))
                    break
    return {name: items for name, items in found.items() if items}


def cases(seed: int = SEED, count: int = CASES) -> list[dict]:
    """`count` cases, round-robin over formats and mutations so a short run covers them all."""
    rng = random.Random(seed)
    files = corpus()
    formats = sorted(files)
    out = []
    for index in range(count):
        fmt = formats[index % len(formats)]
        mutation = MUTATIONS[(index // len(formats) + index) % len(MUTATIONS)]
        scenario, path = rng.choice(files[fmt])
        out.append({"id": index, "format": fmt, "mutation": mutation, "scenario": scenario, "path": path,
                    "seed": rng.randrange(1 << 30)})
    return out


# -- mutations ------------------------------------------------------------------------
def _language(path: str) -> str:
    name = path.rsplit("/", 1)[-1].lower()
    if name.endswith(".json"):
        return "json"
    if name.endswith((".yml", ".yaml", ".tpl")):
        return "yaml"
    if name.endswith((".toml", ".cfg", ".ini", ".conf", ".service", ".timer")):
        return "toml" if name.endswith(".toml") else "ini"
    if name.endswith((".js", ".mjs", ".cjs", ".ts", ".mts")):
        return "js"
    if name.endswith(".py"):
        return "python"
    if "dockerfile" in name:
        return "dockerfile"
    return "shell"  # Procfile, shell scripts, requirements, ...


def _deep(language: str, rng: random.Random) -> bytes:
    """A value nested DEPTH deep in the file's own syntax."""
    if language == "json":
        return b'{"deep": ' + b"[" * DEPTH + b"1" + b"]" * DEPTH + b"}"
    if language == "yaml":
        return rng.choice([b"deep: " + b"[" * DEPTH + b"1" + b"]" * DEPTH,
                           b"deep: " + b"{a: " * DEPTH + b"1" + b"}" * DEPTH,
                           b"deep:\n" + b"".join(b" " * i + b"- \n" for i in range(0, 2000))])
    if language == "toml":
        return b"deep = " + b"[" * DEPTH + b"1" + b"]" * DEPTH
    if language == "js":
        return rng.choice([b"export const deep = " + b"(" * DEPTH + b"1" + b")" * DEPTH + b";",
                           b"const deep = " + b"[" * DEPTH + b"]" * DEPTH + b";",
                           b"const deep = " + b"{a:" * DEPTH + b"1" + b"}" * DEPTH + b";"])
    if language == "python":
        return rng.choice([b"deep = " + b"(" * DEPTH + b"1" + b")" * DEPTH, b"deep = " + b"[" * DEPTH + b"]" * DEPTH,
                           b"deep = " + b"-" * DEPTH + b"1", b"deep = " + b"f(" * DEPTH + b")" * DEPTH])
    if language == "dockerfile":
        return b"CMD " + b"$(" * DEPTH + b"python bot.py" + b")" * DEPTH
    if language == "ini":
        return b"command = " + b"$(" * DEPTH + b")" * DEPTH
    return rng.choice([b"worker: " + b"$(" * DEPTH + b")" * DEPTH, b"worker: " + b"(" * DEPTH + b")" * DEPTH,
                       b"worker: " + b"{ " * DEPTH + b"python bot.py; " + b"} " * DEPTH])


def _anchor_bomb(language: str) -> bytes:
    """Billion laughs: nine levels of aliases, each nine of the one before."""
    lines = [b'a0: &a0 ["lol"]']
    for level in range(1, 10):
        lines.append(b"a%d: &a%d [" % (level, level) + b", ".join([b"*a%d" % (level - 1)] * 9) + b"]")
    bomb = b"\n".join(lines) + b"\nbomb: *a9\n"
    return bomb if language == "yaml" else b"# " + bomb.replace(b"\n", b"\n# ")


def _insert_line(data: bytes, piece: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    at = rng.randrange(len(lines) + 1)
    return b"\n".join(lines[:at] + [piece] + lines[at:])


def mutate(data: bytes, mutation: str, path: str, rng: random.Random, token: str) -> bytes:
    language = _language(path)
    if mutation == "truncate":
        return data[:rng.randrange(len(data) + 1)]
    if mutation == "flip":
        out = bytearray(data or b"x")
        for _ in range(rng.randint(1, 8)):
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
        return bytes(out)
    if mutation == "nul":
        out = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            out[rng.randrange(len(out) + 1):0] = b"\0"
        return bytes(out)
    if mutation == "bad-utf8":
        at = rng.randrange(len(data) + 1)
        return data[:at] + rng.choice([b"\xff\xfe", b"\x80", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]) + data[at:]
    if mutation == "bom":
        return rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf\xef\xbb\xbf"]) + data
    if mutation == "crlf":
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if mutation == "cr-only":
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    if mutation == "deep":
        return _insert_line(data, _deep(language, rng), rng)
    if mutation == "anchor-bomb":
        return (_anchor_bomb(language) + data) if language == "yaml" else _insert_line(data, _anchor_bomb(language), rng)
    if mutation == "numbers":
        odd = rng.choice(ODD_NUMBERS).encode()
        changed = re.sub(rb"(?<![\w.])\d+(?![\w.])", lambda m: odd if rng.random() < 0.7 else m.group(0), data)
        return changed if changed != data else _insert_line(data, b"replicas: " + odd, rng)
    if mutation == "long-line":
        unit = rng.choice([b"a", b"x ", b"- ", b"&& ", b"python bot.py ", b"'", b"${A:-", b"\\"])
        return _insert_line(data, unit * (LONG_LINE // len(unit)), rng)
    if mutation == "token":  # a secret inside the damaged file, next to a long line
        return _insert_line(data, f"TOKEN={token} --token {token} ".encode() + b"=" * 5000, rng)
    return data


def build(case: dict, root: Path, token: str) -> None:
    """The case's repository under `root`: the scenario's repo, the chosen file mutated."""
    shutil.copytree(SCENARIOS / case["scenario"] / "repo", root, symlinks=True)
    (root / ".env.fuzz").write_text(f"BOT_TOKEN={token}\n")
    target = root / case["path"]
    mutation, rng = case["mutation"], random.Random(case["seed"])
    if mutation == "symlink-loop":
        target.unlink()
        loop = target.with_name(target.name + ".loop")
        os.symlink(target.name, loop)
        os.symlink(loop.name, target)
    elif mutation == "directory":
        target.unlink()
        target.mkdir()
        (target / "inner").write_text("x\n")
    elif mutation == "fifo" and hasattr(os, "mkfifo"):
        target.unlink()
        os.mkfifo(target)
    elif mutation == "unreadable":
        target.chmod(0)  # (root reads it anyway: then it is a plain file)
    else:
        target.write_bytes(mutate(target.read_bytes(), mutation, case["path"], rng, token))


# -- the worker -------------------------------------------------------------------------
class _Expired(BaseException):
    """A case past its deadline (BaseException: no `except Exception` in the scan swallows it)."""


# a crash a boundary caught: safe.describe() words for an exception that is a bug
_CRASH = re.compile(r"could not analyse it \(|too deeply nested to analyse|too large to analyse|took too long")


def problems(stdout: str, stderr: str, code: int, secrets: list[str]) -> list[str]:
    found = []
    if code not in (0, 1):
        found.append(f"exit {code}")
    for output in (stdout, stderr):
        if "Traceback" in output or "internal error" in output:
            found.append(output[-600:])
        for secret in secrets:
            if secret in output:
                found.append("a secret printed unredacted")
    try:
        report = json.loads(stdout)
    except ValueError:
        return found + [f"no JSON report: {stdout[:200]!r} {stderr[-300:]!r}"]
    for finding in report.get("findings", []):
        if finding.get("code") == "DPL006" and _CRASH.search(finding.get("message", "")):
            found.append(f"{finding['path']}:{finding['line']} {finding['message'][:300]}")
    return found


def worker() -> None:
    """Runs the cases named on stdin (JSON), one JSON line per case on stdout."""
    import io
    import resource
    from contextlib import redirect_stderr, redirect_stdout

    from deploylint.cli import cli

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    job = json.loads(sys.stdin.read())
    token = _token()
    secrets = [token.split(":", 1)[1]]
    cpu_deadline, wall_deadline = time.process_time() + job["budget"], time.monotonic() + job["wall"]

    def expired(signum, frame):
        raise _Expired(f"more than {CASE_LIMIT} s of CPU")

    # CPU time, not wall time: the deadline holds on a machine other jobs load
    signal.signal(signal.SIGPROF, expired)
    real_out = sys.stdout
    for case in job["cases"]:
        if time.process_time() > cpu_deadline or time.monotonic() > wall_deadline:
            break
        real_out.write(json.dumps({"start": case["id"]}) + "\n")
        real_out.flush()
        with tempfile.TemporaryDirectory() as temp:
            root = Path(temp) / "repo"
            build(case, root, token)
            out, err, code = io.StringIO(), io.StringIO(), 0
            began = time.process_time()
            signal.setitimer(signal.ITIMER_PROF, CASE_LIMIT)
            try:
                with redirect_stdout(out), redirect_stderr(err):
                    cli.main(["--format", "json", "--exit-zero", str(root)], prog_name="deploylint")
            except SystemExit as error:
                code = error.code if isinstance(error.code, int) else 2
            except _Expired as error:
                code, err = 124, io.StringIO(f"hang: {error}")
            except BaseException as error:  # noqa: BLE001 - reported as the case's failure
                import traceback

                code, err = 3, io.StringIO("Traceback (escaped the CLI)\n" + traceback.format_exc()[-1500:])
                if isinstance(error, MemoryError):
                    err.write("\nMemoryError")
            finally:
                signal.setitimer(signal.ITIMER_PROF, 0)
            seconds = time.process_time() - began
            found = problems(out.getvalue(), err.getvalue(), code, secrets)
            if code == 124:
                found.append(err.getvalue())
            for path in root.rglob("*"):  # an unreadable file is removed by its owner
                if not path.is_symlink():
                    try:
                        path.chmod(0o700 if path.is_dir() else 0o600)
                    except OSError:
                        pass
        real_out.write(json.dumps({"done": case["id"], "seconds": round(seconds, 2), "problems": found}) + "\n")
        real_out.flush()


def run(cases_: list[dict], budget: float, wall: float = WALL) -> tuple[list[dict], dict]:
    """Run the cases in a worker; ({case, problems}) failures and counts."""
    here = str(Path(__file__).parent)
    program = f"import sys; sys.path.insert(0, {here!r}); import test_mutation_fuzz as m; m.worker()"
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    by_id = {case["id"]: case for case in cases_}
    try:
        result = subprocess.run([sys.executable, "-c", program], input=json.dumps({"cases": cases_, "budget": budget, "wall": wall}),
                                capture_output=True, text=True, timeout=wall + 4 * CASE_LIMIT + 60, env=env)
        stdout, stderr, died = result.stdout, result.stderr, result.returncode != 0
    except subprocess.TimeoutExpired as error:  # a hang no signal could interrupt (C code)
        stdout = error.stdout.decode() if isinstance(error.stdout, bytes) else (error.stdout or "")
        stderr, died = "the worker hung", True
    failures, started, done, slowest = [], None, 0, (0.0, None)
    for line in stdout.splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if "start" in item:
            started = item["start"]
        elif "done" in item:
            done += 1
            started = None
            slowest = max(slowest, (item["seconds"], item["done"]), key=lambda s: s[0])
            if item["problems"]:
                failures.append({"case": by_id[item["done"]], "problems": item["problems"]})
    if died and started is not None:
        failures.append({"case": by_id[started], "problems": [f"the worker died: {stderr[-800:]}"]})
    elif died:
        failures.append({"case": None, "problems": [f"the worker failed: {stderr[-800:]}"]})
    return failures, {"done": done, "slowest": slowest}


def test_mutated_scenarios_always_end_in_a_report():
    chosen = cases()
    assert {c["format"] for c in chosen} == set(corpus()), "every format has scenario files to mutate"
    failures, counts = run(chosen, BUDGET)
    assert counts["done"] >= min(len(chosen), 20), counts  # even a loaded machine fits a useful number of cases
    assert not failures, json.dumps(failures[:5], indent=1)[:6000]


def test_mutations_are_deterministic():
    assert cases(seed=5, count=40) == cases(seed=5, count=40)
    rng_a, rng_b = random.Random(3), random.Random(3)
    for mutation in MUTATIONS:
        a = mutate(b"worker: python bot.py\nweb: gunicorn app:app\n", mutation, "Procfile", rng_a, "t")
        assert a == mutate(b"worker: python bot.py\nweb: gunicorn app:app\n", mutation, "Procfile", rng_b, "t")


if __name__ == "__main__":  # python tests/test_mutation_fuzz.py [count] [budget]: a report of every failure
    count = int(sys.argv[1]) if len(sys.argv) > 1 else CASES
    budget = float(sys.argv[2]) if len(sys.argv) > 2 else 600
    failures, counts = run(cases(count=count), budget, wall=budget * 4)
    print(json.dumps(counts))
    for failure in failures:
        case = failure["case"] or {}
        print(f"{case.get('id')} {case.get('format')} {case.get('mutation')} {case.get('scenario')}/{case.get('path')}")
        for problem in failure["problems"]:
            print("    " + problem.replace("\n", "\n    ")[:1200])
