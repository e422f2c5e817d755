"""Start-up before/after (not a test): two installs of deploylint side by side, their runs
interleaved so that both see the same load, with instruction counts (valgrind callgrind,
one run each) that do not move with the load.

    python bench/compare_startup.py BEFORE_VENV AFTER_VENV [RUNS]

Each venv is one where deploylint was installed with `pip install .` (and yamllint in
BEFORE_VENV, for the comparison on the compose file); the repositories are bench.py's own.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def instructions(command: list[str], cwd: str) -> float | None:
    if not shutil.which("valgrind"):
        return None
    result = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV, cwd=cwd)
    for line in result.stderr.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1]) / 1e6
    return None


def main() -> None:
    before, after = Path(sys.argv[1]) / "bin", Path(sys.argv[2]) / "bin"
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    tmp = Path(tempfile.mkdtemp())
    small, procfile = str(bench.small_bot_repo(tmp / "small")), str(bench.procfile_bot_repo(tmp / "procfile"))
    cases = {
        "import click": [str(before / "python"), "-c", "import click"],
        "before: small repo": [str(before / "deploylint"), small],
        "after: small repo": [str(after / "deploylint"), small],
        "before: Procfile bot": [str(before / "deploylint"), procfile],
        "after: Procfile bot": [str(after / "deploylint"), procfile],
        "yamllint compose file": [str(before / "yamllint"), f"{small}/docker-compose.yml"],
        "before: --version": [str(before / "deploylint"), "--version"],
        "after: --version": [str(after / "deploylint"), "--version"],
    }
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for command in cases.values():  # warm the file cache
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=str(tmp))
    for _ in range(runs):
        for name, command in cases.items():
            start = time.perf_counter()
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV,
                                       cwd=str(tmp))
            _, _, usage = os.wait4(process.pid, 0)
            samples[name].append(((time.perf_counter() - start) * 1000, (usage.ru_utime + usage.ru_stime) * 1000))
    wall = {name: statistics.median(s[0] for s in values) for name, values in samples.items()}
    cpu = {name: statistics.median(s[1] for s in values) for name, values in samples.items()}
    counted = {name: instructions(command, str(tmp)) for name, command in cases.items()}
    print(f"load average {os.getloadavg()}, {runs} interleaved runs, medians; ratios to `import click`")
    print(f"{'case':22} {'wall ms':>8} {'cpu ms':>7} {'instr M':>8}  wall / cpu / instructions")
    for name in cases:
        count = counted[name]
        ratio = f"{count / counted['import click']:.2f}x" if count and counted["import click"] else "-"
        print(f"{name:22} {wall[name]:8.1f} {cpu[name]:7.1f} {count or 0:8.1f}  "
              f"{wall[name] / wall['import click']:.2f}x / {cpu[name] / cpu['import click']:.2f}x / {ratio}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
