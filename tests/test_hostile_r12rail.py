"""Hostile input against the Railway Infrastructure-as-Code readers (`.railway/railway.ts`,
`.py`, `.go` and the helpers they import): each input ends in a report through the real
CLI within a CPU-time bound (and a subprocess timeout: a hang fails), with a finding at the
place that could not be read, and never an internal error. The inputs are built in
tmp_path at run time; the cases that change a count are scenarios (tests/scenarios/r12r-*)."""
from __future__ import annotations


import pytest

from test_hostile import limited_report, report, run, write

BOT = "import os\nimport telebot\nbot = telebot.TeleBot(os.environ['T'])\nbot.infinity_polling()\n"
HEAD = 'import { defineRailway, project, service } from "railway/iac";\n'
CPU_BUDGET = 20  # seconds of CPU per scan (not wall time: the machine may be busy)
MEMORY = 3 * 2 ** 30  # address space of the scan: a bomb fails here instead of taking the machine


def ts(body: str, imports: str = "") -> dict:
    return {".railway/railway.ts": HEAD + imports + "export default defineRailway((ctx) => {\n" + body + "\n});\n"}


def replicas(value: str) -> dict:
    return ts(f'  const bot = service("bot", {{ start: "python bot.py", replicas: {value} }});\n'
              '  return project("p", { resources: [bot] });')


def py(value: str, before: str = "") -> dict:
    return {".railway/railway.py": "from railway_iac import define_railway, project, service\n\n"
                                   f"@define_railway\ndef main(ctx=None):\n{before}"
                                   f"    bot = service('bot', start='python bot.py', replicas={value})\n"
                                   "    return project('p', resources=[bot])\n"}


def go(value: str) -> dict:
    return {".railway/railway.go": 'package main\n\nimport "github.com/railwayapp/railway-go-iac/iac"\n\n'
                                   "func Railway() iac.Project {\n"
                                   f'\tbot := iac.ServiceNamed("bot", iac.ServiceConfig{{"start": "python bot.py", '
                                   f'"replicas": {value}}})\n\treturn iac.ProjectNamed("p", []any{{bot}})\n}}\n'}


TS = ".railway/railway.ts"
NOT_A_COUNT = ("DPL004", TS, 3, "not a whole number of copies")
TOO_MUCH = ("DPL004", TS, 1, "computes too much")
# name -> (files, (code, path, line, words in the message) expected among the findings)
CASES = {
    # odd numbers as replicas: a count, or a finding that says it is none
    "ts-1e309": (replicas("1e309"), NOT_A_COUNT),
    "ts-infinity": (replicas("Infinity"), NOT_A_COUNT),
    "ts-nan": (replicas("NaN"), NOT_A_COUNT),
    "ts-negative": (replicas("-3"), NOT_A_COUNT),
    "ts-fraction": (replicas("2.5"), NOT_A_COUNT),
    "ts-arabic-digit": (replicas('"\u0662"'), NOT_A_COUNT),
    "ts-fullwidth-digit": (replicas('"\uff12"'), NOT_A_COUNT),
    "ts-hex": (replicas("0x2"), ("DPL102", TS, 3, "= 2")),
    "ts-separators": (replicas("1_0"), ("DPL102", TS, 3, "= 10")),
    "ts-binary": (replicas("0b11"), ("DPL102", TS, 3, "= 3")),
    "ts-bigint": (replicas("10n"), ("DPL102", TS, 3, "= 10")),
    "ts-region-infinity": (replicas('{ "us-west2": Infinity }'), ("DPL004", TS, 3, "replicas")),
    "py-power-tower": (py("10 ** 10 ** 10"), ("DPL004", ".railway/railway.py", 5, "replicas")),
    "py-huge-string": (py("len('x' * 10 ** 12)"), ("DPL004", ".railway/railway.py", 5, "replicas")),
    "py-shift": (py("1 << 10 ** 9"), ("DPL004", ".railway/railway.py", 5, "replicas")),
    "py-1e309": (py("1e309"), ("DPL004", ".railway/railway.py", 5, "not a whole number")),
    "go-hex": (go("0x2"), ("DPL102", ".railway/railway.go", 6, "= 2")),
    "go-octal": (go("0o7"), ("DPL102", ".railway/railway.go", 6, "= 7")),
    "go-legacy-octal": (go("010"), ("DPL102", ".railway/railway.go", 6, "= 8")),
    "go-past-int64": (go("9" * 5000), ("DPL004", ".railway/railway.go", 6, "not a whole number")),
    "go-bad-octal": (go("09"), ("DPL001", ".railway/railway.go", 6, "syntax error")),  # Go does not compile it
    "go-bad-binary": (go("0b2"), ("DPL001", ".railway/railway.go", 6, "syntax error")),
    # deep and big
    "ts-deep-parens": (replicas("(" * 5000 + "1" + ")" * 5000), TOO_MUCH),
    "ts-deep-objects": (replicas("{a:" * 3000 + "1" + "}" * 3000), TOO_MUCH),
    "ts-deep-ternary": (replicas("ctx.environment === 'a' ? 1 : " * 3000 + "2"), TOO_MUCH),
    "ts-2mb": (ts("".join(f'  service("s{i}", {{ start: "python bot.py" }});\n' for i in range(50_000))),
               ("DPL001", TS, 1, "too large")),
    "ts-recursion": (ts('  const f = (n) => f(n + 1);\n  return project("p", { resources: '
                        '[service("bot", { start: "python bot.py", replicas: f(0) })] });'), TOO_MUCH),
    "py-recursion": (py("f(0)", "    def f(n):\n        return f(n + 1)\n"),
                     ("DPL004", ".railway/railway.py", 1, "computes too much")),
    "go-deep-parens": (go("(" * 5000 + "1" + ")" * 5000), ("DPL004", ".railway/railway.go", 1, "computes too much")),
    # bombs: values that double each line
    "ts-template-doubling": (ts('  const s0 = "xxxxxxxxxx";\n'
                                + "".join(f"  const s{i + 1} = `${{s{i}}}${{s{i}}}`;\n" for i in range(64))
                                + '  return project("p", { resources: [service("bot", { start: `python bot.py ${s64}` })] });'),
                             TOO_MUCH),
    "ts-plus-doubling": (ts('  let s = "xxxxxxxxxx";\n' + "  s = s + s;\n" * 64
                            + '  return project("p", { resources: [service("bot", { start: "python bot.py " + s })] });'),
                         ("DPL004", TS, 68, "start")),
    "ts-spread-doubling": (ts("  const a0 = [1];\n" + "".join(f"  const a{i + 1} = [...a{i}, ...a{i}];\n" for i in range(60))
                              + '  return project("p", { resources: [service("bot", { start: "python bot.py", '
                                'replicas: a60.length })] });'), TOO_MUCH),
    "ts-concat-loop": (ts('  let a = ["x"];\n  for (let i = 0; i < 64; i++) a = a.concat(a);\n'
                          '  return project("p", { resources: [service("bot", { start: "python bot.py", '
                          'replicas: a.length })] });'), ("DPL004", TS, 5, "replicas")),
    "ts-join-bomb": (ts('  let s = "' + "x" * 60_000 + '";\n  const a = [s, s, s, s, s, s, s, s];\n'
                        '  return project("p", { resources: [service("bot", { start: "python bot.py " + a.join(""), '
                        'replicas: 2 })] });'), ("DPL004", TS, 5, "start")),
    "ts-self-spread": (ts('  const o = { ...o, replicas: 2 };\n  let p = { start: "python bot.py" };\n'
                          '  p = { ...p, ...p, ...p };\n  return project("p", { resources: [service("bot", { ...p, ...o })] });'),
                       ("DPL102", TS, 3, "2 copies")),
    "ts-endless-for": (ts('  const xs = [];\n  for (let i = 0; i < 1e12; i++) xs.push(service("s" + i, { start: "python bot.py" }));\n'
                          '  return project("p", { resources: xs });'), TOO_MUCH),
    "ts-while-true": (ts('  let r = 1;\n  while (true) { r = r + 1; }\n'
                         '  return project("p", { resources: [service("bot", { start: "python bot.py", replicas: r })] });'),
                      ("DPL004", TS, 4, "cannot read")),  # the statement where reading stopped
    # imports between helpers
    "ts-cyclic-imports": ({**ts('  return project("p", { resources: [service("bot", { start: "python bot.py", '
                                'replicas: a.n })] });', 'import * as a from "./a";\n'),
                           ".railway/a.ts": 'import { m } from "./b";\nexport const n = m + 1;\nexport const k = 1;\n',
                           ".railway/b.ts": 'import { n, k } from "./a";\nexport const m = k;\n'},
                          ("DPL004", TS, 4, "replicas")),
    "ts-imports-itself": (ts('  return project("p", { resources: [service("bot", { start: "python bot.py", replicas: x })] });',
                             'import { x as y } from "./railway";\nexport const x = y;\n'), ("DPL004", TS, 5, "replicas")),
    "ts-import-out-of-root": (ts('  return project("p", { resources: [service("bot", { start: "python bot.py", replicas: n })] });',
                                 'import { n } from "../../../../../../../etc/passwd";\n'), ("DPL004", TS, 4, "replicas")),
    "py-cyclic-imports": ({**py("n"), ".railway/railway.py": "from a import n\n" + py("n")[".railway/railway.py"],
                           ".railway/a.py": "from b import m\nn = m\n", ".railway/b.py": "from a import n\nm = n\n"},
                          ("DPL004", ".railway/railway.py", 6, "replicas")),
    # encodings
    "ts-not-utf8": ({TS: replicas("2")[TS].encode() + b"// caf\xe9\n"}, ("DPL001", TS, 6, "UTF-8")),
    "ts-helper-not-utf8": ({**ts('  return project("p", { resources: [service("bot", { start: "python bot.py", replicas: n })] });',
                                'import { n } from "./helper";\n'), ".railway/helper.ts": b"export const n = 2; // \xff\n"},
                           ("DPL001", ".railway/helper.ts", 1, "UTF-8")),
    "ts-nul": ({TS: replicas("2")[TS] + "\0"}, ("DPL001", TS, 1, "binary")),
    "py-not-utf8": ({".railway/railway.py": py("2")[".railway/railway.py"].encode() + b"# \xff\n"},
                    ("DPL001", ".railway/railway.py", 7, "UTF-8")),
    "go-not-utf8": ({".railway/railway.go": go("2")[".railway/railway.go"].encode() + b"// \xff\n"},
                    ("DPL001", ".railway/railway.go", 9, "UTF-8")),
}


def _scan(root):
    return limited_report(root, memory=MEMORY)


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_iac(tmp_path, name):
    files, (code, path, line, words) = CASES[name]
    data, cpu = _scan(write(tmp_path, {**files, "bot.py": BOT}))
    assert cpu < CPU_BUDGET, cpu
    found = [(f["code"], f["path"], f["line"], f["message"]) for f in data["findings"]]
    assert not [f for f in found if f[0] == "DPL006"], found  # no analysis failure
    assert any(f[:3] == (code, path, line) and words in f[3] for f in found), found


def test_negative_zero_replicas_is_no_copy(tmp_path):
    data, _ = _scan(write(tmp_path, {**replicas("-0"), "bot.py": BOT}))
    assert [f["code"] for f in data["findings"]] == []


def _outside(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "railway.ts").write_text(replicas("2")[TS])
    (outside / "helper.ts").write_text("export const n = 2;\n")
    return outside


def test_iac_file_linked_out_of_the_repository(tmp_path):
    outside = _outside(tmp_path)
    root = write(tmp_path / "repo", {"bot.py": BOT})
    (root / ".railway").mkdir()
    (root / ".railway" / "railway.ts").symlink_to(outside / "railway.ts")
    data = report(root)
    assert [(f["code"], f["path"], f["line"]) for f in data["findings"]] == [("DPL001", TS, 1)]
    assert "links outside the repository" in data["findings"][0]["message"]


def test_railway_dir_linked_out_of_the_repository(tmp_path):
    outside = _outside(tmp_path)
    root = write(tmp_path / "repo", {"bot.py": BOT, "railway.json": '{"deploy": {"startCommand": "python bot.py"}}'})
    (root / ".railway").symlink_to(outside)
    found = [(f["code"], f["path"], f["line"]) for f in report(root)["findings"]]
    assert ("DPL001", TS, 1) in found and ("DPL005", "railway.json", 1) in found
    # and the DPL005 migration never writes through the link
    run(root, "--fix", "--unsafe-fixes")
    assert sorted(p.name for p in outside.iterdir()) == ["helper.ts", "railway.ts"]
    assert (root / "railway.json").exists()


def test_helper_linked_out_of_the_repository_is_not_read(tmp_path):
    outside = _outside(tmp_path)
    root = write(tmp_path / "repo", {**ts('  return project("p", { resources: [service("bot", { start: "python bot.py", '
                                          'replicas: n })] });', 'import { n } from "./helper";\n'), "bot.py": BOT})
    (root / ".railway" / "helper.ts").symlink_to(outside / "helper.ts")
    found = [(f["code"], f["path"], f["line"]) for f in report(root)["findings"]]
    assert found == [("DPL004", TS, 4)]  # `n` unknown: the helper outside is never read


def test_go_integer_literals_that_go_rejects_are_unknown():
    """go_int on a literal the grammar let through but Go rejects: an unknown count, never
    an exception (it raised NameError)."""
    from deploylint.code.js_static import Unknown
    from deploylint.formats.railway_go import go_int

    assert [go_int(t) for t in ("2", "0x2", "0o7", "010", "1_000")] == [2, 2, 7, 8, 1000]
    for text in ("0x", "09", "0b2", "0o8"):
        assert isinstance(go_int(text), Unknown), text
