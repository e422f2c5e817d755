""".railway/railway.ts is evaluated statically: hostile input (huge, deeply nested, computed
keys, spreads, imports between TS files, code that would run programs) never runs, never
hangs, never crashes, and costs work in proportion to its size."""
from __future__ import annotations

import json

import pytest

from conftest import executed_lines, run_cli, write_tree

HEAD = 'import { defineRailway, project, service } from "railway/iac";\n'
POLLER = ("from telegram.ext import Application\n\napp = Application.builder().token('x').build()\n\n"
          "if __name__ == '__main__':\n    app.run_polling()\n")


def _export(resources: str) -> str:
    return HEAD + f"export default defineRailway((ctx) => project('p', {{ resources: [{resources}] }}));\n"


def _nested(depth: int) -> str:
    value = "{ start: 'python bot.py' }"
    for i in range(depth):
        value = "{ ...%s, replicas: %d }" % (value, i % 2 + 1)
    return value


HOSTILE = {
    "deep-array": HEAD + "const x = " + "[" * 5000 + "1" + "]" * 5000 + ";\n" + _export("service('bot', { start: 'python bot.py', replicas: x })")[len(HEAD):],
    "deep-paren": HEAD + "const n = " + "(" * 3000 + "2" + ")" * 3000 + ";\n" + _export("service('bot', { start: 'python bot.py', replicas: n })")[len(HEAD):],
    "deep-spread": HEAD + f"const o = {_nested(2000)};\n" + _export("service('bot', o)")[len(HEAD):],
    "recursion": HEAD + "const a = b + 1; const b = a + 1;\nfunction f(n) { return f(n + 1); }\nconst g = () => g();\n"
                 + _export("service('bot', { start: 'python bot.py', replicas: f(a) + g() })")[len(HEAD):],
    "loops": HEAD + "const r = []; for (let i = 0; i < 1e12; i++) { r.push(service('b' + i, {})); }\nwhile (true) {}\n"
             "export default defineRailway(() => project('p', { resources: r }));\n",
    "blowup": HEAD + "const s0 = 'ab';\n" + "".join(f"const s{i} = s{i - 1} + s{i - 1};\n" for i in range(1, 80))
              + _export("service('bot', { start: 'python bot.py ' + s79 })")[len(HEAD):],
    "array-blowup": HEAD + "const a0 = [1, 2];\n" + "".join(f"const a{i} = [...a{i - 1}, ...a{i - 1}];\n" for i in range(1, 60))
                    + "export default defineRailway(() => project('p', { resources: a59.map((x, i) => service('b' + i, {})) }));\n",
    "garbage": "\x00\x01export default ((((((\n" + "}" * 10000 + "\ufffd" * 1000,
    "deep-ternary": _export("service('bot', { start: 'python bot.py', replicas: "
                            + "".join(f"(ctx.environment === 'e{i}' ? " for i in range(2000)) + "1" + " : 2)" * 2000 + " })"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_railway_ts_costs_at_most_its_own_finding(tmp_path, name):
    write_tree(tmp_path, {".railway/railway.ts": HOSTILE[name], "bot.py": POLLER})
    result = run_cli("--format", "json", "--exit-zero", str(tmp_path))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert all(f["code"] in ("DPL001", "DPL004", "DPL006", "DPL102") for f in findings), findings


def test_code_in_railway_ts_and_its_imports_never_runs(tmp_path):
    marker = tmp_path / "PWNED"
    write_tree(tmp_path / "repo", {
        ".railway/railway.ts": HEAD + f"require('child_process').execSync('touch {marker}');\n"
                               f"eval(\"require('fs').writeFileSync('{marker}', 'x')\");\n"
                               "const m = await import('./evil');\nprocess.exit(1);\n"
                               + _export("service('bot', { start: 'python bot.py', replicas: 2 })")[len(HEAD):],
        ".railway/evil.ts": f"require('fs').writeFileSync('{marker}', 'x');\n",
        "bot.py": POLLER,
    })
    result = run_cli("--format", "json", "--exit-zero", str(tmp_path / "repo"))
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["DPL102"]  # still read: 2 replicas


def test_computed_keys_spreads_and_imports_are_followed(tmp_path):
    write_tree(tmp_path, {
        ".railway/railway.ts": HEAD + "import { base } from './base';\nimport * as counts from './counts';\n"
                               "const k = 'repl' + 'icas';\nconst cfg = { ...base, [k]: 1, [process.env.X]: 9, [`${k}`]: counts.n };\n"
                               + _export("service('bot', cfg)")[len(HEAD):],
        ".railway/base.ts": "import { n } from './counts';\nexport const base = { start: 'python bot.py', replicas: n };\n",
        ".railway/counts.ts": "import { base } from './base';\nexport const n = 3;\nexport * from './base';\n",  # a cycle
        "bot.py": POLLER,
    })
    result = run_cli("--format", "json", "--exit-zero", str(tmp_path))
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["code"] == "DPL102" and "3 copies" in finding["message"]


def _services(count: int) -> str:
    return _export(",\n".join(f'service("s{i}", {{ start: "python bot.py", replicas: {i % 3} }})' for i in range(count)))


def test_many_services_cost_linear_work(tmp_path):
    """One service more costs the same work however many there are (the services of an IaC
    file were once matched by name against every other one: quadratic)."""
    from deploylint.discover import discover
    from deploylint.formats import railway_iac

    def work(count: int) -> int:
        root = tmp_path / str(count)
        write_tree(root, {".railway/railway.ts": _services(count), "bot.py": ""})
        repo = discover(root)
        return executed_lines(lambda: railway_iac.targets(repo), lambda f: f.endswith(("railway_iac.py", "railway_iac_service.py")))

    small, large = work(150), work(600)
    assert large < 4 * small * 1.25, (small, large)
