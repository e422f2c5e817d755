"""The Go reader (code/go.py, code/go_signatures.py, code/go_env.py) and Go binaries
(runners/go_build.py): real behaviour on tiny repositories, and hostile input."""
from __future__ import annotations

import textwrap
import time

from conftest import write_tree

from deploylint.code.go import scan
from deploylint.discover import discover
from deploylint.model import Location, Process
from deploylint.runners.go_build import binary_named, binaries

GO_MOD = "module github.com/x/bot\n\ngo 1.22\n"


def run(tmp_path, files: dict[str, str], entry: str = "main.go"):
    write_tree(tmp_path, {"go.mod": GO_MOD, **{name: textwrap.dedent(text) for name, text in files.items()}})
    repo = discover(tmp_path)
    process = Process(argv=("./bot",), location=Location("Procfile", 1, 1), kind="go", entry=entry, language="go")
    return repo, scan(repo, process)


def summary(found):
    return sorted((e.kind, e.singleton, e.location.path, e.location.line, e.token) for e in found)


def test_tgbotapi_token_through_a_variable(tmp_path):
    _, found = run(tmp_path, {"main.go": """\
        package main

        import (
        \t"os"
        \ttgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
        )

        func main() {
        \ttoken := os.Getenv("MY_BOT_TOKEN")
        \tbot, _ := tgbotapi.NewBotAPI(token)
        \tfor u := range bot.GetUpdatesChan(tgbotapi.NewUpdate(0)) {
        \t\t_ = u
        \t}
        }
    """})
    assert summary(found) == [("polling", "Telegram polling (go-telegram-bot-api)", "main.go", 11, "MY_BOT_TOKEN")]


def test_telebot_long_poller_and_webhook_settings(tmp_path):
    _, found = run(tmp_path, {"main.go": """\
        package main

        import (
        \t"os"
        \t"time"
        \ttele "gopkg.in/telebot.v3"
        )

        func main() {
        \tb, _ := tele.NewBot(tele.Settings{Token: os.Getenv("TB_TOKEN"), Poller: &tele.LongPoller{Timeout: 10 * time.Second}})
        \tb.Start()
        }
    """})
    assert summary(found) == [("polling", "Telegram polling (telebot)", "main.go", 11, "TB_TOKEN")]
    _, found = run(tmp_path, {"main.go": """\
        package main

        import tele "gopkg.in/telebot.v3"

        func main() {
        \tb, _ := tele.NewBot(tele.Settings{Poller: &tele.Webhook{Listen: ":8080"}})
        \tb.Start()
        }
    """})
    assert [e.kind for e in found] == ["webhook"]


def test_discordgo_open_reached_through_a_goroutine_and_a_package(tmp_path):
    _, found = run(tmp_path, {
        "main.go": """\
            package main

            import "github.com/x/bot/internal/gateway"

            func main() {
            \tgo gateway.Connect()
            \tselect {}
            }
        """,
        "internal/gateway/gateway.go": """\
            package gateway

            import (
            \t"os"
            \t"github.com/bwmarrin/discordgo"
            )

            func Connect() {
            \tdg, _ := discordgo.New("Bot " + os.Getenv("DISCORD_BOT_TOKEN"))
            \tdg.Open()
            }
        """})
    assert summary(found) == [("gateway", "Discord gateway (discordgo)", "internal/gateway/gateway.go", 10, "DISCORD_BOT_TOKEN")]
    assert "calls `Connect()`" in found[0].trace[1].note


def test_unreached_function_and_test_files_are_not_read(tmp_path):
    _, found = run(tmp_path, {
        "main.go": """\
            package main

            func main() {}
        """,
        "poll.go": """\
            package main

            import "github.com/PaulSonOfLars/gotgbot/v2/ext"

            func unused(u *ext.Updater) { u.StartPolling(nil, nil) }
        """,
        "main_test.go": """\
            package main

            import "github.com/PaulSonOfLars/gotgbot/v2/ext"

            func TestX(u *ext.Updater) { main(); u.StartPolling(nil, nil) }
        """})
    assert found == []


def test_mutual_recursion_and_import_cycles_end(tmp_path):
    files = {"main.go": "package main\n\nimport \"github.com/x/bot/a\"\n\nfunc main() { a.F() }\n"}
    for name, other in (("a", "b"), ("b", "a")):
        files[f"{name}/{name}.go"] = (f"package {name}\n\nimport \"github.com/x/bot/{other}\"\n\n"
                                      f"func F() {{ {other}.F(); G() }}\nfunc G() {{ F() }}\n")
    _, found = run(tmp_path, files)
    assert found == []


def test_hostile_nesting_and_size_stay_bounded(tmp_path):
    deep = "package main\n\nfunc main() {\n" + "if true {\n" * 3000 + "}\n" * 3000 + "}\n"
    many = "package main\n\n" + "".join(f"func f{i}() {{ f{i + 1}() }}\n" for i in range(6000)) + "func main() { f0() }\n"
    start = time.monotonic()
    run(tmp_path, {"main.go": deep})
    run(tmp_path, {"main.go": many, "broken.go": "package main\nfunc (( {{{ \x00 \"unterminated"})
    assert time.monotonic() - start < 60


def test_binaries_from_build_steps_and_default_names(tmp_path):
    write_tree(tmp_path, {
        "go.mod": "module github.com/x/mybot/v3\n",
        "main.go": "package main\n\nfunc main() {}\n",
        "cmd/worker/main.go": "package main\n\nfunc main() {}\n",
        "Makefile": "OUT = relay\nbuild:\n\tCGO_ENABLED=0 go build -ldflags \"-s -w\" -o bin/$(OUT) ./cmd/worker\n",
        "Dockerfile": "FROM golang\nRUN go build \\\n  -o /srv/app .\nRUN go install ./...\nRUN go build -o\n",
    })
    repo = discover(tmp_path)
    assert binary_named(repo, "bin/relay").package == "cmd/worker"
    assert binary_named(repo, "/srv/app").package == ""
    assert binary_named(repo, "mybot").package == ""  # the module's last element, /v3 dropped
    assert binary_named(repo, "./worker").package == "cmd/worker"
    assert binary_named(repo, "./other") is None
    assert binary_named(repo, "run.sh") is None
    assert len(binaries(repo)) < 10


def test_no_go_sources_no_binaries(tmp_path):
    write_tree(tmp_path, {"Dockerfile": "FROM golang\nRUN go build -o /bot .\n"})
    assert binary_named(discover(tmp_path), "/bot") is None


def test_start_of_another_packages_value_is_not_telebot(tmp_path):
    _, found = run(tmp_path, {"main.go": """\
        package main

        import (
        \t"github.com/robfig/cron/v3"
        \ttele "gopkg.in/telebot.v3"
        )

        func main() {
        \tc := cron.New()
        \tc.Start()
        \tb, _ := tele.NewBot(tele.Settings{Poller: &tele.Webhook{Listen: ":8080"}})
        \tb.Start()
        }
    """})
    assert [(e.kind, e.location.line) for e in found] == [("webhook", 12)]


def test_build_step_in_the_trace_is_redacted(tmp_path):
    token = "7012345678:" + "AAH" + "x" * 32
    write_tree(tmp_path, {
        "go.mod": GO_MOD,
        "main.go": "package main\n\nfunc main() {}\n",
        "Dockerfile": f"FROM golang\nRUN go build -ldflags \"-X main.token={token}\" -o /srv/bot .\nCMD [\"/srv/bot\"]\n",
    })
    found = binary_named(discover(tmp_path), "/srv/bot")
    assert found is not None and token not in found.how and "7012345678" in found.how
