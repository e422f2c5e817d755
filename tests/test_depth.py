"""Depth budgets (issue 14): every deep input is reported by an explicit budget — a DPL006
(or DPL001 when Python's own parser refuses the nesting) on the file and line where the
budget ran out, saying "nested more than N levels" — never by Python's recursion limit.

Three kinds of proof:
- the real CLI on each class of deep input: exit 0/1, the finding with its location and
  the budget's wording, within a time bound;
- the same scans with the recursion limit raised 200-fold (and a big thread stack) give
  the same findings: nothing depends on where Python's limit happens to be;
- inputs just under each budget keep the Python stack far below the default limit, so a
  budget, not a RecursionError, is what stops a deeper input.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from test_hostile import BOT, report, write

G = "web: gunicorn -c gunicorn.conf.py app:app\n"
NESTED = "nested more than"
PARSER = "nested too deeply for Python's parser"

# name -> (files, code, path, line or None, words the message holds)
DEEP = {
    # shell: start commands and scripts
    "shell-substitution": ({"Procfile": "worker: echo " + "$(" * 2000 + ")" * 2000 + "\n"},
                           "DPL006", "Procfile", 1, "nested more than 100 levels"),
    "shell-wrapper-chain-in-procfile": ({"Procfile": "worker: " + "exec env nohup npx uv run " * 1000 + "python bot.py\n"},
                                        "DPL006", "Procfile", 1, "nested more than 100 levels"),
    "shell-nested-ifs": ({"Procfile": "worker: bash start.sh\n",
                          "start.sh": "if true; then\n" * 3000 + "python bot.py\n" + "fi\n" * 3000},
                         "DPL006", "start.sh", 81, "nested more than 80 levels"),
    "shell-subshells": ({"Procfile": "worker: bash start.sh\n", "start.sh": "(" * 3000 + "python bot.py" + ")" * 3000 + "\n"},
                        "DPL006", "start.sh", 1, "nested more than 80 levels"),
    "shell-nested-quotes": ({"Procfile": "worker: bash start.sh\n", "start.sh": "echo " + '"$(echo ' * 1000 + ')"' * 1000},
                            "DPL006", "start.sh", 1, "nested more than 80 levels"),
    "shell-case": ({"Procfile": "worker: bash start.sh\n",
                    "start.sh": "case x in x) " * 2000 + "python bot.py" + " ;; esac" * 2000 + "\n"},
                   "DPL006", "start.sh", 1, "nested more than 80 levels"),
    "shell-while": ({"Procfile": "worker: bash start.sh\n",
                     "start.sh": "while true; do " * 2000 + "python bot.py" + "; done" * 2000 + "\n"},
                    "DPL006", "start.sh", 1, "nested more than 80 levels"),
    "shell-function-chain": ({"Procfile": "worker: bash start.sh\n", "start.sh": "".join(
        f"f{i}() {{ f{i + 1}; }}\n" for i in range(3000)) + "f3000() { python bot.py; }\nf0\n"},
        "DPL006", "start.sh", 81, "nested more than 80 levels"),
    "shell-source-chain": ({"Procfile": "worker: bash s0.sh\n", **{f"s{i}.sh": f". ./s{i + 1}.sh\n" for i in range(300)},
                            "s300.sh": "python bot.py\n"}, "DPL006", "s80.sh", 1, "nested more than 80 levels"),
    "shell-wrapper-chain-in-script": ({"Procfile": "worker: bash start.sh\n",
                                       "start.sh": "exec env nohup npx uv run " * 1000 + "python bot.py\n"},
                                      "DPL006", "start.sh", 1, "nested more than 12 levels"),
    "shell-script-calls-script": ({"Procfile": "worker: bash s0.sh\n", **{f"s{i}.sh": f"bash s{i + 1}.sh\n" for i in range(300)},
                                   "s300.sh": "python bot.py\n"}, "DPL006", None, 1, "nested more than 12 levels"),
    "npm-script-chain": ({"Procfile": "web: npm start\n", "package.json": json.dumps(
        {"scripts": {"start": "npm run s0", **{f"s{i}": f"npm run s{i + 1}" for i in range(3000)}, "s3000": "python bot.py"}})},
        "DPL006", "package.json", 1, "nested more than 12 levels"),
    "npm-script-cycle": ({"Procfile": "web: npm start\n", "package.json": '{"scripts": {"start": "npm run a", "a": "npm start"}}'},
                         "DPL006", "package.json", 1, "or a cycle"),
    # Dockerfile
    "dockerfile-stage-chain": ({"Dockerfile": "FROM python AS s0\n" + "".join(
        f"FROM s{i} AS s{i + 1}\n" for i in range(3000)) + 'CMD ["python", "bot.py"]\n'},
        "DPL006", "Dockerfile", 2900, "stages built on or copied from earlier stages nested more than 100 levels"),
    "dockerfile-copy-from-chain": ({"Dockerfile": "FROM python AS s0\n" + "".join(
        f"FROM python AS s{i + 1}\nCOPY --from=s{i} /a /a\n" for i in range(3000)) + 'CMD ["python", "bot.py"]\n'},
        "DPL006", "Dockerfile", 5798, "nested more than 100 levels"),
    "dockerfile-deep-exec-form": ({"Dockerfile": "FROM python\nCMD " + "[" * 3000 + "]" * 3000 + "\n"},
                                  "DPL006", "Dockerfile", 2, "nested more than 100 levels"),
    # Python: gunicorn config, entry code
    "gunicorn-plus-chain-past-the-parser": ({"Procfile": G, "app.py": "app = 1\n",
                                             "gunicorn.conf.py": "workers = " + "+".join(["1"] * 20000) + "\n"},
                                            "DPL001", "gunicorn.conf.py", 1, PARSER),
    "gunicorn-unary-chain-past-the-parser": ({"Procfile": G, "app.py": "app = 1\n",
                                              "gunicorn.conf.py": "workers = " + "-" * 20000 + "1\n"},
                                             "DPL001", "gunicorn.conf.py", 1, PARSER),
    "gunicorn-plus-chain-past-the-budget": ({"Procfile": G, "app.py": "app = 1\n",
                                             "gunicorn.conf.py": "import os\n\nworkers = " + "+".join(["1"] * 300) + "\n"},
                                            "DPL006", "gunicorn.conf.py", 3, "nested more than 200 levels"),
    "python-plus-chain-past-the-parser": ({"Procfile": "worker: python bot.py\n",
                                           "bot.py": BOT + "x = " + "+".join(["1"] * 50000) + "\n"},
                                          "DPL001", "bot.py", 4, PARSER),
    "python-attribute-chain-past-the-budget": ({"Procfile": "worker: python bot.py\n",
                                                "bot.py": BOT + "x = a" + ".b" * 300 + "\n"},
                                               "DPL006", "bot.py", 4, "nested more than 200 levels"),
    # data files
    "json-arrays": ({"railway.json": '{"deploy": {"numReplicas": ' + "[" * 5000 + "]" * 5000 + "}}"},
                    "DPL006", "railway.json", 1, "nested more than 100 levels"),
    "toml-arrays": ({"railway.toml": "[deploy]\nnumReplicas = " + "[" * 3000 + "]" * 3000 + "\n"},
                    "DPL006", "railway.toml", 2, "nested more than 100 levels"),
    "toml-inline-tables": ({"fly.toml": "app = 'x'\nx = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n"},
                           "DPL006", "fly.toml", 2, "nested more than 100 levels"),
    "toml-dotted-tables": ({"railway.toml": "[" + ".".join(["a"] * 300) + "]\nx = 1\n"},
                           "DPL006", "railway.toml", 1, "nested more than 100 levels"),
    "yaml-flow": ({"docker-compose.yml": "services: " + "[" * 3000 + "]" * 3000 + "\n"},
                  "DPL006", "docker-compose.yml", 1, "nested more than 100 levels"),
    "yaml-indentation": ({"docker-compose.yml": "services:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(1000))
                          + " " * 1001 + "x: 1\n"}, "DPL006", "docker-compose.yml", 101, "nested more than 100 levels"),
    "yaml-compact-sequences": ({"ecosystem.config.yml": "apps:\n  " + "- " * 3000 + "x\n"},
                               "DPL006", "ecosystem.config.yml", 2, "nested more than 100 levels"),
    "yaml-alias-chain": ({"docker-compose.yml": "x-a0: &a0 [1]\n" + "".join(
        f"x-a{i + 1}: &a{i + 1} [*a{i}]\n" for i in range(1500)) + "services:\n  bot:\n    image: x\n"},
        "DPL006", "docker-compose.yml", 1, "nested more than 100 levels"),
    "kubernetes-yaml": ({"k8s/deploy.yaml": "kind: Deployment\nspec:\n  " + "- " * 3000 + "x\n"},
                        "DPL006", "k8s/deploy.yaml", 3, "nested more than 100 levels"),
    "compose-include-chain": ({"docker-compose.yml": "include:\n  - c0.yml\nservices:\n  bot:\n    image: x\n", **{
        f"c{i}.yml": f"include:\n  - c{i + 1}.yml\nservices:\n  s{i}:\n    image: x\n" for i in range(300)}},
        "DPL006", "c19.yml", 1, "`include` chain nested more than 20 files"),
    "compose-extends-chain": ({"docker-compose.yml": "services:\n" + "".join(
        f"  s{i}:\n    extends: s{i + 1}\n" for i in range(30)) + "  s30:\n    image: x\n"},
        "DPL006", "docker-compose.yml", 23, "`extends` chain nested more than 10 levels"),
}
TIME_BOUND = 10  # seconds of CPU per scan (generous: the real ones take well under a second)


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_input_is_reported_by_an_explicit_budget(tmp_path, name):
    files, code, path, line, words = DEEP[name]
    from test_hostile import run

    root = write(tmp_path, {"bot.py": BOT, **files})
    result, cpu = run(root, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert b"internal error" not in result.stderr and b"Traceback" not in result.stderr
    findings = json.loads(result.stdout)["findings"]
    hits = [f for f in findings if f["code"] == code and words in f["message"]
            and (path is None or f["path"] == path) and (line is None or f["line"] == line)]
    assert hits, [(f["code"], f["path"], f["line"], f["message"][:90]) for f in findings]
    assert NESTED in hits[0]["message"] or PARSER in hits[0]["message"]
    # the recursion-limit fallback (safe.describe) is never what reports a deep input
    assert not [f for f in findings if "too deeply nested to analyse" in f["message"]]
    assert cpu < TIME_BOUND, f"{cpu:.1f} s of CPU"


def test_an_extends_cycle_is_still_a_cycle_and_a_long_chain_is_not(tmp_path):
    data = report(write(tmp_path, {"docker-compose.yml": "services:\n  a:\n    extends: b\n  b:\n    extends: a\n"
                                   "  c:\n    image: x\n" + "".join(f"  d{i}:\n    extends: d{i + 1}\n" for i in range(5))
                                   + "  d5:\n    image: x\n"}))
    cycles = [f for f in data["findings"] if "cycle" in f["message"]]
    assert {f["code"] for f in cycles} == {"DPL002"} and all(f["line"] in (3, 5) for f in cycles)
    assert not [f for f in data["findings"] if f["code"] == "DPL006"]


# -- the same findings whatever Python's recursion limit ----------------------------------------------
_HIGH_LIMIT = r"""
import json, sys, threading
from pathlib import Path
from deploylint import config
from deploylint.engine import scan

out = {}
def body():
    result = scan(Path(sys.argv[1]), config.Settings())
    out["found"] = sorted({(f.code, f.location.path, f.location.line, f.message) for f in result.findings
                           if f.code in ("DPL001", "DPL006")})
if sys.argv[2] == "high":
    threading.stack_size(512 * 1024 * 1024)
    sys.setrecursionlimit(200_000)
thread = threading.Thread(target=body)
thread.start()
thread.join()
print(json.dumps(out["found"]))
"""
# the inputs that 0.1.0 stopped only by RecursionError
RAISED_LIMIT = ["shell-wrapper-chain-in-script", "dockerfile-stage-chain", "dockerfile-copy-from-chain",
                "python-attribute-chain-past-the-budget", "gunicorn-plus-chain-past-the-budget", "toml-arrays",
                "yaml-compact-sequences", "yaml-indentation", "compose-include-chain", "npm-script-cycle"]


@pytest.mark.parametrize("name", RAISED_LIMIT)
def test_findings_do_not_depend_on_the_recursion_limit(tmp_path, name):
    root = write(tmp_path, {"bot.py": BOT, **DEEP[name][0]})
    found = {}
    for limit in ("default", "high"):
        result = subprocess.run([sys.executable, "-c", _HIGH_LIMIT, str(root), limit], capture_output=True, timeout=300)
        assert result.returncode == 0, result.stderr.decode()[-2000:]
        found[limit] = json.loads(result.stdout)
    assert found["default"] and found["default"] == found["high"]


# -- just under each budget, the Python stack stays far from the default limit ---------------------------------
UNDER = {
    "shell-79-ifs": {"Procfile": "worker: bash start.sh\n", "start.sh": "if true; then\n" * 79 + "python bot.py\n" + "fi\n" * 79},
    "shell-79-substitutions": {"Procfile": "worker: bash start.sh\n",
                               "start.sh": "echo " + "$(echo " * 79 + ")" * 79 + "\npython bot.py\n"},
    "npm-11-scripts": {"Procfile": "web: npm start\n", "package.json": json.dumps(
        {"scripts": {"start": "npm run s0", **{f"s{i}": f"npm run s{i + 1}" for i in range(10)}, "s10": "python bot.py"}})},
    "dockerfile-99-stages": {"Dockerfile": "FROM python AS s0\nCOPY . /app\n" + "".join(
        f"FROM s{i} AS s{i + 1}\nCOPY --from=s{i} /app /app\n" for i in range(99)) + 'CMD ["python", "/app/bot.py"]\n'},
    "gunicorn-195-plus": {"Procfile": G, "app.py": "app = 1\n", "gunicorn.conf.py": "workers = " + "+".join(["1"] * 195) + "\n"},
    "gunicorn-190-unary": {"Procfile": G, "app.py": "app = 1\n", "gunicorn.conf.py": "workers = " + "-" * 190 + "1\n"},
    "gunicorn-95-ifs": {"Procfile": G, "app.py": "app = 1\n", "gunicorn.conf.py": "".join(
        " " * i + "if x:\n" for i in range(95)) + " " * 95 + "workers = 2\n"},
    "python-95-ifs": {"Procfile": "worker: python bot.py\n", "bot.py": "import telebot\nbot = telebot.TeleBot('x')\n" + "".join(
        " " * i + "if x:\n" for i in range(95)) + " " * 95 + "bot.infinity_polling()\n"},
    "python-190-concatenation": {"Procfile": "worker: python bot.py\n",
                                 "bot.py": "import os\nT = os.environ['A']" + " + 'x'" * 190 + "\n" + BOT},
    "yaml-95-levels": {"docker-compose.yml": "services:\n  bot:\n    image: x\n    command: python bot.py\n    labels:\n"
                       + "".join("      " + "  " * i + f"k{i}:\n" for i in range(90)) + "      " + "  " * 90 + "x: 1\n"},
    "pm2-js-95-parentheses": {"ecosystem.config.js": "module.exports = {apps: [{script: 'bot.js', instances: "
                              + "(" * 95 + "1" + ")" * 95 + "}]}\n", "bot.js": "1\n"},
}
_STACK = r"""
import inspect, json, sys
from pathlib import Path
from deploylint import config
from deploylint.engine import scan

state = {"depth": 0, "deepest": 0}
def profile(frame, event, arg):
    if event == "call":
        state["depth"] += 1
        state["deepest"] = max(state["deepest"], state["depth"])
    elif event == "return":
        state["depth"] -= 1
base = len(inspect.stack(0))
sys.setprofile(profile)
result = scan(Path(sys.argv[1]), config.Settings())
sys.setprofile(None)
print(json.dumps({"deepest": base + state["deepest"], "limits": [f.message for f in result.findings
                                                                  if f.code in ("DPL001", "DPL006")]}))
"""


@pytest.mark.parametrize("name", sorted(UNDER))
def test_just_under_a_budget_the_stack_stays_far_from_the_recursion_limit(tmp_path, name):
    root = write(tmp_path, {"bot.py": BOT, **UNDER[name]})
    result = subprocess.run([sys.executable, "-c", _STACK, str(root)], capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    data = json.loads(result.stdout)
    assert data["limits"] == []  # under every budget: analysed, nothing set aside
    assert data["deepest"] < 0.8 * sys.getrecursionlimit(), data["deepest"]


# -- the walkers themselves -------------------------------------------------------------------------------
def test_budgeted_helpers_answer_without_raising():
    from deploylint.safe import MAX_CODE_DEPTH, MAX_DEPTH, TooDeep, ast_depth, parse_python, yaml_depth

    assert yaml_depth("a:\n" + "".join(" " * (i + 1) + "b:\n" for i in range(5000))) == MAX_DEPTH + 1
    assert yaml_depth("- " * 100_000 + "x") > MAX_DEPTH
    assert yaml_depth("a:\n  - b: 1\n    c: [1, {d: 2}]\n") < 10
    with pytest.raises(TooDeep) as raised:
        parse_python("x = 1\n\ny = " + "-" * 1000 + "1\n")
    assert raised.value.line == 3 and not raised.value.by_parser and "nested more than 200 levels" in str(raised.value)
    with pytest.raises(TooDeep) as raised:
        parse_python("x = " + "+".join(["1"] * 100_000))
    assert raised.value.by_parser
    import ast

    assert ast_depth(ast.parse("x = 1\n" * 100_000)) < 5 and ast_depth(ast.parse("x = " + "-" * 300 + "1")) > 200
    assert MAX_CODE_DEPTH * 3 < sys.getrecursionlimit()  # ast.unparse takes ~3 frames a level


def test_syntax_tree_check_is_linear(tmp_path):
    from deploylint.safe import parse_python

    text = "x = 1\n" * 40_000
    started = time.process_time()
    import ast

    ast.parse(text)
    parse_only = time.process_time() - started
    started = time.process_time()
    parse_python(text)
    checked = time.process_time() - started
    assert checked < parse_only * 1.6 + 0.5, (parse_only, checked)
