"""Hostile input against the readers added in round 11 (Go, Makefiles, Nixpacks, shell
loops/branches/written files, JS directory loaders, compose build args, Python loops,
Celery queued tasks): each input ends in a report through the real CLI, within 2 s of CPU,
with the finding the existing contract gives (DPL006 on the line where a budget ran out,
DPL001 on a file that cannot be read) and never an internal error. Built in tmp_path."""
from __future__ import annotations

import pytest

from test_hostile import report, run, write

BOT = "import telebot\nbot = telebot.TeleBot('x')\nbot.infinity_polling()\n"
SH = {"Procfile": "worker: bash start.sh\n", "bot.py": BOT}
MK = {"Procfile": "worker: make run\nweb: make run\n", "bot.py": BOT}
GOMOD = "module example.com/bot\n\ngo 1.21\n\nrequire github.com/go-telegram-bot-api/telegram-bot-api/v5 v5.5.1\n"
GOMAIN = ('package main\n\nimport tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"\n\n'
          'func main() {\n\tbot, _ := tgbotapi.NewBotAPI("x")\n\tu := tgbotapi.NewUpdate(0)\n'
          '\tfor update := range bot.GetUpdatesChan(u) {\n\t\t_ = update\n\t}\n}\n')
THREADS = "import threading, telebot\nbot = telebot.TeleBot('x')\ndef serve():\n    bot.infinity_polling()\n"
DOCKERFILE_ARGS = "FROM python:3.12\nARG COMMAND\nENV MODE=${COMMAND}\nCOPY . .\nCMD [\"sh\", \"start.sh\"]\n"

# name -> (files, findings that must be there: (code, path, line))
CASES = {
    # a variable that appends itself doubles on every round of expansion (was minutes, then out of memory)
    "make-variable-appends-itself": ({**MK, "Makefile": "A = x\n" + "A += $(A)\n" * 100 + "run:\n\tpython bot.py $(A)\n"},
                                     {("DPL006", "Makefile", 103), ("DPL101", "Procfile", 2)}),
    "make-variable-doubles": ({**MK, "Makefile": "A0 = x\n" + "".join(f"A{i + 1} = $(A{i}) $(A{i})\n" for i in range(60))
                               + "run:\n\tpython bot.py $(A60)\n"}, {("DPL101", "Procfile", 2)}),
    # `run:` whose recipe runs `make run` three ways: a fan-out of 3^12 walks before the depth budget
    "make-target-runs-itself": ({**MK, "Makefile": "run:\n\t$(MAKE) run\n\tmake run &\n\tmake -C . run\n\tpython bot.py\n"},
                                {("DPL006", "Makefile", 2), ("DPL006", "Makefile", 3), ("DPL101", "Procfile", 2)}),
    "make-directories-run-each-other": ({**MK, "Makefile": "run:\n\t$(MAKE) -C sub run\n\tpython bot.py\n",
                                         "sub/Makefile": "run:\n\t$(MAKE) -C .. run\n"}, {("DPL006", "sub/Makefile", 2)}),
    "make-include-loop": ({**MK, "Makefile": "include Makefile\ninclude a.mk\nrun:\n\tpython bot.py\n",
                           "a.mk": "include Makefile\ninclude a.mk\n"}, {("DPL101", "Procfile", 2)}),
    "make-eval-and-shell": ({**MK, "Makefile": "define R\nrun:\n\tpython bot.py\nendef\n$(eval $(R))\n"
                             "$(foreach x,$(shell seq 1 100000),$(eval t$(x): ; python bot.py))\n"}, {("DPL101", "Procfile", 2)}),
    # a script that runs itself (five ways per pass: 5^12 walks before)
    "script-runs-itself": ({**SH, "start.sh": "bash start.sh\nsh ./start.sh &\n. ./start.sh\nsource start.sh\npython bot.py\n"},
                           {("DPL006", "start.sh", 1), ("DPL006", "start.sh", 2)}),
    "written-script-runs-itself": ({**SH, "start.sh": "cat > /app/run.sh <<'EOF'\nsh /app/run.sh &\npython bot.py &\nEOF\n"
                                    "sh /app/run.sh\n"}, {("DPL006", "start.sh", 2)}),
    # 60,000 background starts: every pair was compared (DPL103), minutes; 200 long-running ones are kept
    "script-echoes-3000": ({**SH, "start.sh": 'echo "checking"\n' * 3000 + "python bot.py &\npython bot.py\n"},
                           {("DPL101", "start.sh", 3002)}),  # short commands do not count against the 200
    "script-starts-60000": ({**SH, "start.sh": "python bot.py &\n" * 60000}, {("DPL006", "start.sh", 201)}),
    "heredoc-starts-100000": ({**SH, "start.sh": "cat > /r.sh <<'EOF'\n" + "python bot.py &\n" * 100000 + "EOF\nsh /r.sh\n"},
                              {("DPL006", "start.sh", 202)}),
    "if-chain-3000": ({**SH, "start.sh": "".join(f'if [ "$A{i}" ]; then python bot.py & else python bot.py & fi\n'
                                                 for i in range(3000))}, {("DPL006", "start.sh", 101)}),
    "case-20000-arms": ({**SH, "start.sh": 'case "$M" in\n' + "".join(f"  m{i}) python bot.py & ;;\n" for i in range(20000))
                         + "esac\n"}, {("DPL006", "start.sh", 202)}),
    # A="$A$A" sixty times: 2^60 characters
    "shell-variable-doubles": ({**SH, "start.sh": "A=x\n" + 'A="$A$A"\n' * 60 + "python bot.py $A\n"}, set()),
    "brace-range-huge": ({**SH, "start.sh": "for i in {1..99999999}; do python bot.py & done\n"}, {("DPL102", "start.sh", 1)}),
    "brace-range-5000-digits": ({**SH, "start.sh": "for i in {1.." + "9" * 5000 + "}; do python bot.py & done\n"},
                                {("DPL102", "start.sh", 1)}),
    "seq-1e12": ({**SH, "start.sh": "for i in $(seq 1 1e12); do python bot.py & done\n"}, {("DPL102", "start.sh", 1)}),
    "c-for-huge": ({**SH, "start.sh": "for ((i=0; i<99999999999999999999; i++)); do python bot.py & done\n"},
                   {("DPL102", "start.sh", 1)}),
    "nested-loops-30": ({**SH, "start.sh": "".join(f"for a{k} in {{1..16}}; do\n" for k in range(30)) + "python bot.py &\n"
                         + "done\n" * 30}, {("DPL102", "start.sh", 1)}),
    "functions-double-60": ({**SH, "start.sh": "".join(f"f{i}() {{ f{i + 1}; f{i + 1}; }}\n" for i in range(60))
                             + "f60() { python bot.py & }\nf0\n"}, {("DPL006", "start.sh", 61)}),
    "recursive-function": ({**SH, "start.sh": "f() { python bot.py & f; }\nf\n"}, {("DPL103", "start.sh", 1)}),
    # compose build args into a Dockerfile whose ENV doubles itself thirty times
    "dockerfile-env-doubles": ({"docker-compose.yml": "services:\n  a:\n    build:\n      context: .\n      args:\n"
                                "        COMMAND: ${COMMAND}${COMMAND}\n",
                                "Dockerfile": DOCKERFILE_ARGS.replace("ENV MODE=${COMMAND}", "ENV MODE=${MODE}${MODE}\n" * 30),
                                "start.sh": "python bot.py\n", "bot.py": BOT}, set()),
    "compose-args-wrong-types": ({"docker-compose.yml": "services:\n  a:\n    build:\n      context: .\n      args: 5\n  b:\n"
                                  "    build:\n      context: .\n      args: [[1], {a: b}, null, '=', '==', 'COMMAND']\n",
                                  "Dockerfile": DOCKERFILE_ARGS, "start.sh": "python bot.py\n", "bot.py": BOT},
                                 {("DPL101", "docker-compose.yml", 6)}),
    # Go: 3,000 calls in one function each searched the function's text again
    "go-3000-calls-in-main": ({"Procfile": "worker: go run .\nweb: go run .\n", "go.mod": GOMOD,
                               "main.go": GOMAIN.replace("func main() {", "func main() {\n" + "".join(
                                   f'\tif os.Getenv("A{i}") != "" {{ x.run() }} else {{ y.run() }}\n' for i in range(3000)))},
                              {("DPL101", "Procfile", 2)}),
    "go-import-cycle": ({"Procfile": "worker: go run .\nweb: go run .\n", "go.mod": GOMOD,
                         "main.go": GOMAIN.replace("import tgbotapi", 'import "example.com/bot/a"\nimport tgbotapi')
                         .replace("func main() {", "func main() {\n\ta.A()\n"),
                         "a/a.go": 'package a\nimport "example.com/bot/b"\nfunc A() { b.B() }\n',
                         "b/b.go": 'package b\nimport "example.com/bot/a"\nfunc B() { a.A() }\n'}, {("DPL101", "Procfile", 2)}),
    "go-binary-main": ({"Procfile": "worker: go run .\n", "go.mod": GOMOD, "main.go": b"package main\n\x00\xff\xfe" * 1000},
                       {("DPL001", "main.go", 1)}),
    # Nixpacks: nesting past the parser's depth costs the file, not the scan
    "nixpacks-json-deep": ({"bot.py": BOT, "nixpacks.json": '{"start": ' * 100000 + "1" + "}" * 100000}, {("DPL006", "nixpacks.json", 1)}),
    "nixpacks-toml-deep": ({"bot.py": BOT, "nixpacks.toml": "a = " + "[" * 50000 + "]" * 50000 + "\n"}, {("DPL006", "nixpacks.toml", 1)}),
    # Python loops: counts past any machine are capped (DPL102), never evaluated
    "python-range-10-100": ({"Procfile": "worker: python main.py\n", "main.py": THREADS
                             + "for _ in range(10**100):\n    threading.Thread(target=serve).start()\n"}, {("DPL102", "main.py", 5)}),
    "python-range-power-tower": ({"Procfile": "worker: python main.py\n", "main.py": THREADS
                                  + "for _ in range(9**9**9**9):\n    threading.Thread(target=serve).start()\n"}, {("DPL102", "main.py", 5)}),
    "python-range-shift": ({"Procfile": "worker: python main.py\n", "main.py": THREADS
                            + "for _ in range(1 << 10**9):\n    threading.Thread(target=serve).start()\n"}, {("DPL102", "main.py", 5)}),
    "python-list-times-huge": ({"Procfile": "worker: python main.py\n", "main.py": THREADS
                                + "for _ in ['a'] * 10**15:\n    threading.Thread(target=serve).start()\n"}, {("DPL102", "main.py", 5)}),
    "python-squares-64": ({"Procfile": "worker: python main.py\n", "main.py": THREADS + "N0 = 2\n" + "".join(
        f"N{i + 1} = N{i} * N{i}\n" for i in range(64)) + "for _ in range(N64):\n    threading.Thread(target=serve).start()\n"},
        {("DPL102", "main.py", 70)}),
    # 300 processes of one program whose poller is 500 calls deep: the evidence trace was merged quadratically
    "celery-receiver-loops": ({"Procfile": "worker: celery -A tasks worker -c 4\n", "tasks.py":
                               "from celery import Celery\nfrom celery.signals import worker_ready\napp = Celery('t')\n"
                               "@app.task\ndef listen():\n    import telebot\n    telebot.TeleBot('x').infinity_polling()\n"
                               "@worker_ready.connect\ndef go(**kw):\n    for _ in range(10**100):\n        listen.delay()\n"
                               "    go(**kw)\n"}, set()),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_round11_readers_hostile(tmp_path, name):
    files, expected = CASES[name]
    write(tmp_path, files)
    data = report(tmp_path, "--exit-zero")
    found = {(f["code"], f["path"], f["line"]) for f in data["findings"]}
    assert expected <= found, sorted(found)
    result, cpu = run(tmp_path, "--format", "json", "--exit-zero")
    assert result.returncode == 0
    assert cpu < 2, cpu


def test_loader_directory_symlink_loop(tmp_path):
    """A discord.js event loader over a directory holding links to itself and its parent."""
    index = ("const fs = require('fs');\nconst path = require('path');\nconst { Client } = require('discord.js');\n"
             "const client = new Client({intents: []});\nfor (const file of fs.readdirSync(path.join(__dirname, 'events'))) {\n"
             "  const event = require(path.join(__dirname, 'events', file));\n  client.on(event.name, event.execute);\n}\n"
             "client.login(process.env.TOKEN);\n")
    write(tmp_path, {"Procfile": "worker: node index.js\nweb: node index.js\n", "index.js": index,
                     "package.json": '{"dependencies": {"discord.js": "14"}}', "events/ready.js": "module.exports = {};\n"})
    (tmp_path / "events" / "loop").symlink_to(".")
    (tmp_path / "events" / "up").symlink_to("..")
    data = report(tmp_path, "--exit-zero")
    assert ("DPL101", "Procfile", 2) in {(f["code"], f["path"], f["line"]) for f in data["findings"]}
