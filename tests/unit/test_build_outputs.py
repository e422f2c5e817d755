"""Round 11 (platforms): what builds produce and where they build, Nixpacks' start command,
supervisord configs written by scripts, host paths of a systemd checkout. Every reader gets
hostile input too: it must answer None/empty, never raise."""
from __future__ import annotations

from deploylint.discover import discover
from deploylint.formats import nixpacks
from deploylint.formats.compose_projects import projects
from deploylint.formats.docker_build import _invocation, build_contexts, compiled, script_outputs
from deploylint.formats.platform_common import checkout_path, host_paths, local_paths


def test_docker_build_invocations():
    assert _invocation(" -f build/Dockerfile -t bot:1 .") == ("build/Dockerfile", ".")
    assert _invocation(" --file=docker/Dockerfile --build-arg X=1 ./app && docker push x") == ("docker/Dockerfile", "./app")
    assert _invocation(" -t x --target prod .") == (None, ".")
    assert _invocation(" -t x") is None  # no context: not a build we can place
    assert _invocation(" -f x 'unclosed .") == ("x", "'unclosed")  # broken quoting: split on blanks, no exception


def test_build_contexts_from_ci_and_scripts(tree):
    repo = discover(tree({
        "build/Dockerfile": "FROM python:3.12\nCOPY main.py /\nCMD [\"python\", \"/main.py\"]\n",
        "main.py": "",
        "docker/Dockerfile": "FROM python:3.12\n",
        "Makefile": "image:\n\tdocker build -f docker/Dockerfile -t x .\n",
        ".github/workflows/ci.yml": "jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n"
                                    "        with:\n          file: build/Dockerfile\n          push: true\n",
    }))
    found = build_contexts(repo)
    assert found == {"docker/Dockerfile": "", "build/Dockerfile": ""}
    assert repo.exists("build/Dockerfile")  # admitted although discovery skips build/


def test_build_contexts_ignore_variables_and_escapes(tree):
    repo = discover(tree({
        "Dockerfile": "FROM x\n",
        "deploy.sh": "docker build -f $DOCKERFILE $CTX\ndocker build -f ../../etc/Dockerfile ..\n" + "docker build \\\n" * 500,
    }))
    assert build_contexts(repo) == {}


def test_compiled_names():
    assert compiled("./kbot") and compiled("bin/server") and compiled("app.jar") and compiled("/app/bot")
    assert not compiled("bot.py") and not compiled("start.sh") and not compiled("") and not compiled("..")


def test_script_outputs_are_compile_outputs_only(tree):
    repo = discover(tree({
        "build.sh": "set -o pipefail\ngo build -o bin/relay ./cmd/relay\ncurl -o /tmp/x https://e\n",
        "Makefile": "all:\n\tgcc -O2 -o tool tool.c\n",
    }))
    found = script_outputs(repo)
    assert "bin/relay" in found and "*/bin/relay" in found and "tool" in found
    assert not any("pipefail" in p or "/tmp/x" in p for p in found)


def test_nixpacks_start_command(tree):
    repo = discover(tree({"nixpacks.toml": "[phases.setup]\nnixPkgs = ['python311']\n\n[start]\ncmd = 'python bot.py'\n"}))
    command, where, what = nixpacks.start_command(repo, "")
    assert command == "python bot.py" and where.line == 5 and what == "nixpacks.toml [start] cmd"
    command, _, what = nixpacks.start_command(repo, "", {"NIXPACKS_START_CMD": "python other.py"})
    assert (command, what) == ("python other.py", "NIXPACKS_START_CMD")


def test_nixpacks_hostile_files(tree):
    for text in ("[start]\ncmd = 3\n", "[start\ncmd='x'", "start = 'x'\n", "[start]\ncmd = ''\n", "[" * 5000):
        repo = discover(tree({"nixpacks.toml": text}))
        assert nixpacks.start_command(repo, "") is None
    repo = discover(tree({"nixpacks.json": '{"start": {"cmd": ["python", "x"]}}'}))
    assert nixpacks.start_command(repo, "") is None
    repo = discover(tree({"nixpacks.json": '{"start": {"cmd": "node index.js"}}'}))
    assert nixpacks.start_command(repo, "")[0] == "node index.js"


def test_supervisord_config_written_by_heredoc_echo_or_copy(tree):
    """The config a script writes is read from the shell analysis' one record of written
    files (commands/shell_files.Written): a heredoc, `echo`/`echo -e`/`$'...'` (appended
    after an unknown start too), `tee FILE <<EOF`, a copied or rendered repository file."""
    from deploylint.commands import Context
    from deploylint.model import Location

    repo = discover(tree({
        "a.sh": "cat > /etc/s.conf <<'EOF'\n[program:bot]\ncommand=python bot.py\nnumprocs=2\nEOF\nsupervisord -c /etc/s.conf\n",
        "b.sh": "echo $'[program:bot]\\ncommand=python bot.py' > /etc/s.conf\nsupervisord -c /etc/s.conf\n",
        "c.sh": "cp deploy/tpl.conf /etc/s.conf\nsupervisord -c /etc/s.conf\n",
        "deploy/tpl.conf": "[program:bot]\ncommand=python bot.py\n",
        "d.sh": "cat <<EOF\nunterminated [program:x]\n" * 100 + "supervisord -c /etc/s.conf\n",
        "e.sh": "echo_supervisord_conf > /etc/s.conf\necho '[program:bot]' >> /etc/s.conf\n"
                "echo 'command=python bot.py' >> /etc/s.conf\nsupervisord -c /etc/s.conf\n",
        "f.sh": "tee /etc/s.conf <<EOF\n[program:bot]\ncommand=python bot.py\nEOF\nsupervisord -c /etc/s.conf\n",
        "g.sh": "printf '[program:bot]\\ncommand=python bot.py\\n' > /etc/s.conf\nsupervisord -c /etc/s.conf\n",
    }))

    def started(script):
        return [(p.argv, p.location.path, p.location.line, p.copies.count)
                for p in Context(repo).analyse_argv(("sh", script), Location("Procfile", 1, 1)).processes if p.argv[0] == "python"]

    assert started("a.sh") == [(("python", "bot.py"), "a.sh", 3, 2)]
    assert started("b.sh") == [(("python", "bot.py"), "b.sh", 2, 1)]
    assert started("c.sh") == [(("python", "bot.py"), "deploy/tpl.conf", 2, 1)]
    assert started("e.sh") == [(("python", "bot.py"), "e.sh", 3, 1)]  # the tail after echo_supervisord_conf
    assert started("f.sh") == [(("python", "bot.py"), "f.sh", 3, 1)]
    before = len([f for f in repo.findings if f.code == "DPL004"])
    assert started("g.sh") == []  # printf's text is not worked out: generated at run time (DPL004)
    assert [f.location.path for f in repo.findings if f.code == "DPL004"][before:] == ["g.sh"]
    assert started("d.sh") == []


def test_host_paths_of_a_checkout(tree):
    repo = discover(tree({"start.sh": "", "main.py": "", "pkg/mod.py": ""}))
    paths = host_paths(repo, "", "/home/me/bot/start.sh --flag", ())
    assert paths.to_repo(repo, "/home/me/bot/main.py") == "main.py"
    assert paths.to_repo(repo, "/home/me/bot/pkg/mod.py") == "pkg/mod.py"
    assert paths.to_repo(repo, "/home/me/bot/../../etc/passwd") is None
    # one mechanism (platform_common.checkout_file): past the learned prefix, the tail match
    # the runners fell back to (checkout_path) for every host path
    assert paths.to_repo(repo, "/home/other/main.py") == "main.py"
    assert paths.to_repo(repo, "/home/other/nothing.py") is None
    assert checkout_path(repo, "", "systemd", "/srv/x/pkg/mod.py") == "pkg/mod.py"
    assert checkout_path(repo, "", "docker", "/srv/x/pkg/mod.py") is None  # a container: the image's COPY rules
    assert checkout_path(repo, "", "systemd", "/srv/x/pkg") is None  # a directory is no file to run
    assert local_paths(repo, "", "python /srv/x/main.py /srv/x/pkg/ /etc/x") == "python main.py pkg /etc/x"
    assert host_paths(repo, "", "/usr/bin/python3 -m x", ()) is None  # nothing of the checkout in it


def test_base_compose_completed_only_by_its_overlay_is_not_planned_alone(tree):
    repo = discover(tree({
        "docker-compose.yml": "services:\n  bot:\n    build:\n      context: .\n",
        "docker-compose.prod.yml": "services:\n  bot:\n    build:\n      dockerfile: docker/Dockerfile\n",
        "docker/Dockerfile": "FROM python:3.12\n",
    }))
    assert [p.files for p in projects(repo)] == [("docker-compose.yml", "docker-compose.prod.yml")]
