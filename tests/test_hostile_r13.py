"""Hostile input against the readers added in round 12 (Nitro plugins, Deno specifiers,
JS re-export barrels and C-style loops, importlib strings, factory classmethods, Kubernetes
placeholders, compose interpolation, flock, git submodules, shell script-directory values,
the DPL005 migration to `.railway/railway.ts`) and hostile `.railway/*.ts` files: each
input ends in a report through the real CLI within 2 s of CPU and a memory limit, with the
finding the existing contract gives, never an internal error. Built in tmp_path."""
from __future__ import annotations

import os

import pytest

from test_hostile import limited_report, write

MEMORY = 2 * 2 ** 30  # address space of one scan: a bomb fails here instead of taking the machine
CPU = 2.0
BOT = "import telebot\nbot = telebot.TeleBot('x')\nbot.infinity_polling()\n"
TWICE = {"Procfile": "worker: python bot.py\nweb: python bot.py\n"}
JSBOT = 'import { Bot } from "grammy";\nconst bot = new Bot(process.env.T);\nbot.start();\n'
NODE_TWICE = {"Procfile": "worker: node main.js\nweb: node main.js\n", "package.json": '{"dependencies": {"grammy": "1"}}'}
HEAD = 'import { defineRailway, project, service } from "railway/iac";\n'
TS = ".railway/railway.ts"
K8S = {"k8s/bot.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bot-{{ENV}}\n  labels:\n    app: bot\n"
                       "spec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: bot\n"
                       "          image: {{ BOT_IMAGE }}\n",
       "Dockerfile": "FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nCMD [\"python\", \"bot.py\"]\n", "bot.py": BOT}


def ts(body: str, imports: str = "") -> dict:
    return {TS: HEAD + imports + "export default defineRailway((ctx) => {\n" + body + "\n});\n", "bot.py": BOT}


def replicas(value: str, before: str = "", imports: str = "") -> dict:
    return ts(before + f'  const bot = service("bot", {{ start: "python bot.py", replicas: {value} }});\n'
              '  return project("p", { resources: [bot] });', imports)


def scan(root, *args) -> tuple[dict, float]:
    epoch = os.environ.get("R13_EPOCH", "1796000000")  # before Railway's cutoff
    return limited_report(root, *args, memory=MEMORY, env={"SOURCE_DATE_EPOCH": epoch})


# name -> (files, findings that must be there: (code, path, line))
CASES = {
    # -- Python: importlib strings, factories, encodings ------------------------------------
    "py-imports-itself-by-string": ({**TWICE, "bot.py": "import importlib\nimportlib.import_module('bot')\n"
                                     "__import__('bot').main()\n" + BOT}, {("DPL101", "Procfile", 2)}),
    "py-importlib-cycle": ({**TWICE, "bot.py": "import importlib\nm = importlib.import_module('a')\nm.main()\n",
                            "a.py": "import importlib\ndef main():\n    importlib.import_module('b').main()\n",
                            "b.py": "import importlib\ndef main():\n    importlib.import_module('a').main()\n" + BOT},
                           {("DPL101", "Procfile", 2)}),
    "py-importlib-name-chain": ({**TWICE, "bot.py": "import importlib\nn0 = 'a'\n" + "".join(
        f"n{i + 1} = n{i} + n{i} if x else n{i}\n" for i in range(200)) + "importlib.import_module(n200)\n" + BOT},
        {("DPL101", "Procfile", 2)}),
    "py-importlib-loops-3000": ({**TWICE, "bot.py": "import importlib\ndef load():\n" + "".join(
        f"    for n{i} in ('a', 'b'):\n        importlib.import_module(f'plugins.{{n{i}}}')\n" for i in range(3000))
        + BOT}, {("DPL101", "Procfile", 2)}),
    "py-factory-returns-itself": ({**TWICE, "bot.py": BOT + "class A(A):\n    @classmethod\n    def make(cls):\n"
                                   "        return cls.make()\n    def run(self):\n        bot.infinity_polling()\n"
                                   "A.make().run()\nclass B(C):\n    pass\nclass C(B):\n    @classmethod\n"
                                   "    def f(cls):\n        return cls(cls(cls()))\nB.f().run()\n"},
                                  {("DPL101", "Procfile", 2)}),
    "py-super-init-itself": ({**TWICE, "bot.py": BOT + "class A(A):\n    def __init__(self, a=1):\n"
                              "        super().__init__(a, *a, **a)\n        super().__init__(self)\nA(A(A()))\n"},
                             {("DPL101", "Procfile", 2)}),
    "py-bom-crlf": ({**TWICE, "bot.py": ("\ufeff" + BOT).replace("\n", "\r\n")}, {("DPL101", "Procfile", 2)}),
    "py-nul": ({**TWICE, "bot.py": BOT + "# \0\n"}, {("DPL001", "bot.py", 1)}),
    "py-10mb-line": ({**TWICE, "bot.py": BOT + "X = '" + "x" * 10_000_000 + "'\n"}, {("DPL001", "bot.py", 1)}),
    # -- JS: barrels, Deno specifiers, loops --------------------------------------------------
    "js-barrel-reexports-itself": ({**NODE_TWICE, "main.js": 'import { Bot } from "./deps.js";\n'
                                    "const bot = new Bot(process.env.T);\nbot.start();\n",
                                    "deps.js": 'export * from "./deps.js";\nexport { Bot as Bot2 } from "./deps.js";\n'
                                               'export { Bot } from "grammy";\n'}, {("DPL101", "Procfile", 2)}),
    "js-barrel-cycle": ({**NODE_TWICE, "main.js": 'import { Bot } from "./a.js";\nimport { C } from "./a.js";\n'
                         "new C();\nconst bot = new Bot(process.env.T);\nbot.start();\n",
                         "a.js": 'export { C } from "./b.js";\nexport { Bot } from "./b.js";\n',
                         "b.js": 'export { C } from "./a.js";\nexport { Bot } from "grammy";\n'}, {("DPL101", "Procfile", 2)}),
    # past the hops followed: nothing claimed (the import stays a repository module)
    "js-barrel-chain-200": ({**NODE_TWICE, "main.js": 'import { Bot } from "./d0.js";\nnew Bot(process.env.T).start();\n',
                             **{f"d{i}.js": f'export {{ Bot }} from "./d{i + 1}.js";\n' for i in range(200)},
                             "d200.js": 'export { Bot } from "grammy";\n'}, set()),
    "js-deno-huge-specifier": ({**NODE_TWICE, "main.js": 'import { Bot } from "npm:' + "g" * 200_000 + '";\n'
                                'import { Bot as B } from "https://deno.land/x/' + "a-" * 100_000 + '";\n' + JSBOT},
                               {("DPL101", "Procfile", 2)}),
    "js-bom-crlf": ({**NODE_TWICE, "main.js": ("\ufeff" + JSBOT).replace("\n", "\r\n")}, {("DPL101", "Procfile", 2)}),
    # -- compose interpolation -------------------------------------------------------------------
    "compose-self-default": ({"docker-compose.yml": "services:\n  bot:\n    image: python\n    deploy:\n      replicas: 2\n"
                              "    command: [\"python\", \"${BOT:-${BOT:-${BOT}}}.py\", \"${A:-${A}\"]\n",
                              ".env": "BOT=${BOT}\nA=$A$A$A\n" + "B=" + "${B:-" * 50_000 + "\n", "bot.py": BOT},
                             set()),
    "compose-env-10mb": ({"docker-compose.yml": "services:\n  bot:\n    image: python\n    command: python ${BOT:-bot}.py\n"
                          "    deploy:\n      replicas: 2\n", ".env": "X=" + "${" * 5_000_000 + "\nBOT=bot\n", "bot.py": BOT},
                         {("DPL102", "docker-compose.yml", 6)}),
    # -- shell: flock, script-directory values ---------------------------------------------------
    "flock-nested-500": ({"Procfile": "worker: " + "flock /tmp/l " * 500 + "python bot.py\n", "bot.py": BOT}, set()),
    "flock-runs-itself": ({"Procfile": "worker: sh start.sh\n", "start.sh": "flock -n /tmp/l sh start.sh\n"
                           "flock /tmp/l -c 'sh start.sh'\npython bot.py\n", "bot.py": BOT}, set()),
    "script-dir-out-of-repo": ({"Procfile": "worker: sh start.sh\nweb: sh start.sh\n", "start.sh":
                                'R="$(cd "$(dirname "$0")' + "/.." * 100 + '" && pwd)"\npython "$R/bot.py"\n'
                                'D=$(dirname "$0")\n' + 'D="$D$D"\n' * 40 + 'cd "$D"\npython bot.py\n', "bot.py": BOT},
                               {("DPL101", "Procfile", 2)}),
    "which-chain": ({"Procfile": "worker: sh start.sh\nweb: sh start.sh\n", "start.sh": 'PY="$(command -v python3'
                     + " || command -v python3" * 2000 + ')"\n"$PY" bot.py\n', "bot.py": BOT}, set()),
    # -- submodules ----------------------------------------------------------------------------
    "gitmodules-spaces": ({**TWICE, "bot.py": BOT, ".gitmodules": "[submodule \"a\"]\n\tpath = a" + " " * 60_000 + "b\n"},
                          {("DPL101", "Procfile", 2)}),
    "gitmodules-outside": ({"Procfile": "worker: python ../bot.py\nweb: python /etc/bot.py\n", ".gitmodules":
                            "[submodule \"a\"]\n\tpath = ..\n[submodule \"b\"]\n\tpath = /etc\n[submodule \"c\"]\n"
                            "\tpath = a/../../x\n" + "".join(f"\tpath = s{i}\n" for i in range(20_000))}, set()),
    "gitmodules-binary": ({**TWICE, "bot.py": BOT, ".gitmodules": b"\xff\xfe\0path = \0\n" * 5000}, {("DPL101", "Procfile", 2)}),
    "gitmodules-too-large": ({"Procfile": "worker: python sub/bot.py\n", ".gitmodules": "[submodule \"s\"]\n\tpath = sub\n"
                              + "# padding\n" * 10_000}, {("DPL006", ".gitmodules", 1), ("DPL003", "Procfile", 1)}),
    # -- Nitro ---------------------------------------------------------------------------------
    "nitro-5000-plugins": ({"Procfile": "worker: nuxt start\nweb: nuxt start\n", "nuxt.config.ts": "export default {};\n",
                            "package.json": '{"dependencies": {"grammy": "1", "nuxt": "3"}}',
                            **{f"server/plugins/p{i:04}.ts": f'import "./p{(i + 1) % 5000:04}";\nexport default () => {{}};\n'
                               for i in range(5000)},
                            "server/plugins/zz.ts": 'import { Bot } from "grammy";\nexport default defineNitroPlugin(() => '
                                                    '{ new Bot(process.env.T).start(); });\n'},
                           {("DPL006", "server/plugins/p0100.ts", 1)}),  # the first plugin not read
    "nitro-src-dir-odd": ({"Procfile": "worker: nitro dev\n", "nitro.config.ts":
                           'export default defineNitroConfig({ srcDir: "' + "../" * 5000 + '", ...defineNitroConfig });\n',
                           "package.json": '{"dependencies": {"nitropack": "2"}}'}, set()),
    "nitro-config-itself": ({"Procfile": "worker: nitro dev\n", "nitro.config.ts":
                             'import c from "./nitro.config";\nexport default defineNitroConfig(c);\n',
                             "package.json": '{"dependencies": {"nitropack": "2"}}'}, set()),
    # -- Kubernetes placeholders ---------------------------------------------------------------
    "k8s-placeholders-10000": ({**K8S, "k8s/bot.yaml": K8S["k8s/bot.yaml"].replace("  labels:\n", "  labels:\n" + "".join(
        f"    l{i}: {{{{ A{i} }}}}{{{{A}}}}\n" for i in range(5_000)))}, {("DPL102", "k8s/bot.yaml", 5_008)}),
    "k8s-unclosed-braces": ({**K8S, "k8s/bot.yaml": K8S["k8s/bot.yaml"].replace("  labels:\n", "  labels:\n    a: "
                                                                            + "{{ " * 300_000 + "\n")}, set()),
    "k8s-placeholder-names-long": ({**K8S, "k8s/bot.yaml": K8S["k8s/bot.yaml"].replace("  labels:\n", "  labels:\n    a: {{"
                                   + "A" * 100_000 + "}}\n    b: {{" + " " * 100_000 + "A}}\n")}, set()),
    # -- .railway/railway.ts ---------------------------------------------------------------------
    "ts-getter": (replicas("o.n", '  const o = { get n() { return o.n + 1; } };\n'), set()),
    "ts-proxy": (replicas("p.n", "  const p = new Proxy({}, { get: (t, k) => p[k] });\n"), set()),
    "ts-eval": (replicas('eval("2")', '  const f = new Function("return 2");\n  globalThis.eval("while(1);");\n'),
                {("DPL004", TS, 4)}),  # the statement where reading stopped
    "ts-self-spread-deep": (replicas("o.replicas", "  let o = { replicas: 2 };\n" + "  o = { ...o, ...o, o };\n" * 40), set()),
    "ts-nested-loops": (replicas("n", "  let n = 0;\n" + "  for (let i = 0; i < 1000; i++)\n" * 6 + "  n++;\n"), {("DPL004", TS, 9)}),
    "ts-squares": (replicas("n", "  let n = 2;\n  for (let i = 0; i < 1000; i++) n = n * n;\n"), {("DPL004", TS, 4)}),
    "ts-class-getter": (replicas("new C().n", "  class C extends C { get n() { return this.n; } }\n"), set()),
    "ts-star-export-cycle": ({**replicas("a.n", imports='import * as a from "./a";\n'),
                              ".railway/a.ts": 'export * from "./b";\nexport * from "./a";\nexport * from "./railway";\n',
                              ".railway/b.ts": 'export * from "./a";\nexport const n = 2;\n'}, set()),
    "ts-dynamic-import-itself": (replicas('(await import("./railway")).default', ""), set()),
    "ts-options-getter": (ts('  const bot = service("bot", { start: "python bot.py", get replicas() { return 2; } });\n'
                             '  return project("p", { resources: [bot] });'), {("DPL004", TS, 3)}),
    "ts-options-proxy": (ts('  const bot = service("bot", new Proxy({ start: "python bot.py" }, { get: () => 2 }));\n'
                            '  return project("p", { resources: [bot] });'), {("DPL004", TS, 3)}),
    "ts-value-of": (replicas("{ valueOf() { return 2; }, [Symbol.toPrimitive]: () => 3 }"), {("DPL004", TS, 3)}),
    "ts-define-property": (replicas("o.n", "  const o = {};\n  Object.defineProperty(o, 'n', { get: () => 2 });\n"),
                           {("DPL004", TS, 4)}),
    "ts-repeat-huge": (ts('  return project("p", { resources: [service("bot", { start: "python bot.py " + "x".repeat(1e9), '
                          'replicas: Array.from({ length: 1e9 }, (_, i) => i).length + new Array(1e9).fill(0).length })] });'),
                       {("DPL004", TS, 3)}),
    "ts-json-parse-bomb": (replicas("JSON.parse(s).n", "  const s = '" + '{"n":' * 5000 + "2" + "}" * 5000 + "';\n"), {("DPL004", TS, 4)}),
    "ts-function-imports-cycle": ({**replicas("f(0)", imports='import { f } from "./a";\n'),
                                   ".railway/a.ts": 'import { g } from "./b";\nexport const f = (n) => g(n + 1);\n',
                                   ".railway/b.ts": 'import { f } from "./a";\nexport const g = (n) => f(n + 1);\n'},
                                  {("DPL004", TS, 4)}),
    "ts-20000-services": (ts("  const xs = [];\n" + "".join(f'  xs.push(service("s{i}", {{ start: "x" }}));\n'
                                                            for i in range(20_000)) + '  return project("p", { resources: xs });'),
                           set()),
    "ts-unicode-escapes": (replicas("o['\\u0072eplicas']", "  const o = { 're\\u{70}licas': 2, [`${'rep'}licas`]: 3 };\n"
                                    "  const \\u0062 = 1;\n"), set()),
    "ts-10mb-line": ({**replicas("2"), TS: replicas("2")[TS] + "// " + "x" * 10_000_000 + "\n"}, {("DPL001", TS, 1)}),
    "ts-bom-crlf": ({**replicas("2"), TS: ("\ufeff" + replicas("2")[TS]).replace("\n", "\r\n")}, {("DPL102", TS, 3)}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_round12_readers_hostile(tmp_path, name):
    files, expected = CASES[name]
    data, cpu = scan(write(tmp_path, files))
    found = {(f["code"], f["path"], f["line"]) for f in data["findings"]}
    assert expected <= found, sorted(found)
    assert cpu < CPU, cpu


# -- DPL005's fix: the written `.railway/railway.ts` says what the railway.json said ----------
HOSTILE_TEXT = ['a"b', "a'b", "a\\b", "${process.env.X}", "`whoami`", "*/ x /*", "\u2028\u2029", "a\0b", "\r\n\t",
                "</script>", "é😀", "\x1b[31m", "\\u0041", '"); require("child_process").exec("x"); ("', "x" * 100_000,
                "\ufeff\x7f\x85", "// */ \n import x from 'y'"]


@pytest.mark.parametrize("text", HOSTILE_TEXT, ids=range(len(HOSTILE_TEXT)))
def test_migration_text_reads_back_as_written(tmp_path, text):
    """Every string of the railway.json is a string literal of the written file, read back
    (by the IaC reader) as the same text; comments stay one line."""
    from deploylint.checks.railway_migrate import emit
    from deploylint.formats import railway_ts
    from deploylint.formats.railway import RailwayConfig
    from deploylint.model import Location
    from deploylint.repo import Repo

    data = {"deploy": {"startCommand": text, "healthcheckPath": text, "region": text, "numReplicas": 2 ** 63 - 1,
                       "restartPolicyType": text, "runtime": {"a": [text, 1]}},
            "build": {"buildCommand": text, "builder": text}}
    written = emit(text, RailwayConfig("railway.json", data, lambda keys: Location("railway.json", 1, 1)))
    write(tmp_path, {TS: written})
    repo = Repo(root=str(tmp_path), files=[TS])
    runs = railway_ts.evaluate(repo, TS)
    (decl,) = [d for group in runs.values() for d in group][:1]
    assert (decl.name, decl.get("start"), decl.get("build"), decl.get("healthcheck")) == (text, text, text, text)
    assert dict(decl.get("replicas")) == {text: 2 ** 63 - 1}
    assert not repo.findings
    comments = [line for line in written.splitlines() if line.lstrip().startswith("//")]
    assert len(comments) == 3 and all(len(c) < 240 and c.replace("…", "").isascii() for c in comments), comments


def test_migration_odd_values_never_crash():
    from deploylint.checks.railway_migrate import emit
    from deploylint.formats.railway import RailwayConfig
    from deploylint.model import Location

    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    for deploy in ({"numReplicas": 10 ** 5000}, {"numReplicas": -1}, {"healthcheckTimeout": 1e400},
                   {"multiRegionConfig": {f"r{i}": {"numReplicas": 1} for i in range(100_000)}},
                   {"multiRegionConfig": {"a": {"numReplicas": 2 ** 64}}}, {"region": 5}, {"startCommand": ["x"]}):
        assert emit("web", RailwayConfig("railway.json", {"deploy": deploy}, lambda k: Location("railway.json", 1, 1))) is None
    text = emit("web", RailwayConfig("railway.json", {"deploy": {"runtime": deep, "drainingSeconds": 10 ** 5000}},
                                     lambda k: Location("railway.json", 1, 1)))
    assert text.count("// runtime from CaC: ") == 1 and "// drainingSeconds from CaC: ..." in text


@pytest.mark.parametrize("files", [
    {"railway.json": '{"deploy": {"startCommand": "python bot.py \\ud800"}}'},  # the reader puts U+FFFD there
    {"railway.json": '{"deploy": {"startCommand": "python bot.py", "region": "\\udfff"}}'},
], ids=["lone-surrogate-start", "lone-surrogate-region"])
def test_no_migration_of_a_value_the_reader_replaced(tmp_path, files):
    data, _ = scan(write(tmp_path, {**files, "bot.py": BOT}))
    (finding,) = [f for f in data["findings"] if f["code"] == "DPL005"]
    assert "fix" not in finding


def test_no_migration_under_a_directory_name_that_is_not_utf8(tmp_path):
    root = tmp_path / os.fsdecode(b"bot\xff")
    root.mkdir()
    write(root, {"railway.json": '{"deploy": {"startCommand": "python bot.py"}}', "bot.py": BOT})
    data, _ = scan(root)
    (finding,) = [f for f in data["findings"] if f["code"] == "DPL005"]
    assert "fix" not in finding


def test_links_and_fifos_in_the_new_readers(tmp_path):
    """`.gitmodules` linking to itself, a FIFO `.env` beside compose, a Nitro plugin folder
    linking to its parent, a `.railway` helper linking to itself: each costs at most its own
    finding, the scan ends and still finds the duplicate poller."""
    write(tmp_path, {**TWICE, "bot.py": BOT, "docker-compose.yml": "services:\n  a:\n    image: x\n    command: python ${B:-bot}.py\n",
                     "nuxt.config.ts": "export default {};\n", "server/plugins/a.ts": "export default () => {};\n",
                     **replicas("n", imports='import { n } from "./loop";\n')})
    (tmp_path / ".gitmodules").symlink_to(".gitmodules")
    os.mkfifo(tmp_path / ".env")
    (tmp_path / "server" / "plugins" / "up").symlink_to("..")
    (tmp_path / ".railway" / "loop.ts").symlink_to("loop.ts")
    (tmp_path / "Procfile").write_text("worker: python bot.py\nweb: python bot.py\nnuxt: nuxt start\n")
    data, cpu = scan(tmp_path)
    found = {(f["code"], f["path"], f["line"]) for f in data["findings"]}
    assert ("DPL101", "Procfile", 2) in found, sorted(found)
    assert cpu < CPU, cpu
