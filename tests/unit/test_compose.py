"""Compose: services -> Launches (commands, builds, copies, profiles, extends, merges)."""
from __future__ import annotations

import time

from deploylint.discover import discover
from deploylint.formats import compose


def targets(tree, files):
    repo = discover(tree(files))
    return repo, compose.targets(repo)


def launches(tree, files):
    repo, found = targets(tree, files)
    assert len(found) == 1, [t.name for t in found]
    return repo, {launch.name: launch for launch in found[0].launches}


def test_command_string_is_split_without_a_shell_and_list_is_exec(tree):
    _, by_name = launches(tree, {"compose.yaml": (
        "services:\n"
        "  bot:\n    image: python:3.12\n    command: python bot.py --token \"$$TOKEN\" && echo hi\n"
        "  web:\n    image: python:3.12\n    command: [\"sh\", \"-c\", \"python web.py & python bot.py\"]\n")})
    bot, web = by_name["bot"], by_name["web"]
    assert bot.command.argv == ("python", "bot.py", "--token", "$TOKEN", "&&", "echo", "hi")
    assert bot.command.shell is None
    assert (bot.command.location.line, bot.command.location.column) == (4, 14)
    assert web.command.argv == ("sh", "-c", "python web.py & python bot.py")
    assert bot.label == "compose service `bot`" and bot.location.line == 2
    assert bot.role == "worker"


def test_build_inherits_the_dockerfile_cmd_and_consumes_the_dockerfile(tree):
    repo, by_name = launches(tree, {
        "docker-compose.yml": "services:\n  bot:\n    build: ./svc\n    ports: ['8080:8080']\n",
        "svc/Dockerfile": 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nENV MODE=poll\nCMD ["python", "/app/bot.py"]\n',
        "svc/bot.py": "",
    })
    bot = by_name["bot"]
    assert bot.command.argv == ("python", "bot.py")
    assert bot.command.location.path == "svc/Dockerfile"
    assert bot.cwd == "svc"
    assert bot.env == {"MODE": "poll"}
    assert bot.role == "web"
    assert "svc/Dockerfile" in repo.consumed


def test_build_context_dockerfile_and_target(tree):
    _, by_name = launches(tree, {
        "deploy/compose.yml": ("services:\n  bot:\n    build:\n      context: ..\n"
                               "      dockerfile: docker/Bot.dockerfile\n      target: poller\n"),
        "docker/Bot.dockerfile": ('FROM python:3.12 AS poller\nCMD ["python", "poll.py"]\n'
                                  'FROM python:3.12\nCMD ["python", "web.py"]\n'),
    })
    assert by_name["bot"].command.argv == ("python", "poll.py")
    assert by_name["bot"].cwd == ""


def test_unknown_build_target_is_dpl002(tree):
    repo, _ = launches(tree, {
        "compose.yml": "services:\n  bot:\n    build:\n      context: .\n      target: nope\n",
        "Dockerfile": 'FROM python:3.12 AS base\nCMD ["python", "bot.py"]\n',
    })
    [finding] = [f for f in repo.findings if f.code == "DPL002"]
    assert "`nope`" in finding.message and finding.location.line == 5


def test_command_replaces_cmd_but_keeps_the_image_entrypoint(tree):
    _, by_name = launches(tree, {
        "compose.yml": "services:\n  bot:\n    build: .\n    command: [\"worker.py\"]\n",
        "Dockerfile": 'FROM python:3.12\nENTRYPOINT ["python", "-u"]\nCMD ["web.py"]\n',
    })
    assert by_name["bot"].command.argv == ("python", "-u", "worker.py")


def test_entrypoint_drops_the_image_cmd(tree):
    repo, found = targets(tree, {
        "compose.yml": "services:\n  bot:\n    build: .\n    entrypoint: python poll.py\n",
        "Dockerfile": 'FROM python:3.12\nCMD ["python", "web.py"]\n',
    })
    [target] = found
    assert target.launches[0].command.argv == ("python", "poll.py")
    [shadow] = target.shadows
    assert shadow.location.path == "Dockerfile" and shadow.location.line == 2
    assert "never runs" in shadow.message


def test_replicas_scale_and_global_mode(tree):
    _, by_name = launches(tree, {"compose.yml": (
        "services:\n"
        "  a:\n    image: x\n    command: python a.py\n    deploy:\n      replicas: 3\n"
        "  b:\n    image: x\n    command: python b.py\n    scale: 2\n"
        "  c:\n    image: x\n    command: python c.py\n    deploy:\n      mode: global\n"
        "  d:\n    image: x\n    command: python d.py\n    deploy:\n      replicas: ${BOT_REPLICAS:-4}\n"
        "  e:\n    image: x\n    command: python e.py\n    deploy:\n      replicas: 0\n")})
    a, b, c, d, e = (by_name[n] for n in "abcde")
    assert (a.copies.count, a.copies.reason, a.copies.location.line) == (3, "deploy.replicas = 3", 6)
    assert (b.copies.count, b.copies.reason) == (2, "scale = 2")
    assert c.copies.count == 2 and c.copies.assumed and "global" in c.copies.reason
    assert d.copies.count == 4 and d.copies.assumed
    assert e.runs is False and "replicas = 0" in e.note
    assert a.runs and b.runs and c.runs


def test_profiles_do_not_start_by_default(tree):
    _, by_name = launches(tree, {"compose.yml": (
        "services:\n  bot:\n    image: x\n    command: python bot.py\n    profiles: [debug, tools]\n"
        "  web:\n    image: x\n    command: python web.py\n")})
    assert by_name["bot"].runs is False and "`debug`" in by_name["bot"].note
    assert by_name["web"].runs is True


def test_extends_in_the_same_file(tree):
    _, by_name = launches(tree, {"compose.yml": (
        "services:\n"
        "  base:\n    image: x\n    command: python bot.py\n    environment:\n      - MODE=poll\n"
        "  bot:\n    extends: base\n    environment:\n      LEVEL: debug\n"
        "  other:\n    extends:\n      service: base\n    command: python other.py\n")})
    bot, other = by_name["bot"], by_name["other"]
    assert bot.command.argv == ("python", "bot.py")
    assert bot.env == {"MODE": "poll", "LEVEL": "debug"}
    assert bot.location.line == 7  # the extending service, not its base
    assert other.command.argv == ("python", "other.py")


def test_extends_from_another_file(tree):
    _, by_name = launches(tree, {
        "compose.yml": "services:\n  bot:\n    extends:\n      file: common/base.yml\n      service: app\n    scale: 2\n",
        "common/base.yml": "services:\n  app:\n    build: .\n",
        "common/Dockerfile": 'FROM python:3.12\nCMD ["python", "bot.py"]\n',
    })
    bot = by_name["bot"]
    assert bot.command.argv == ("python", "bot.py")
    assert bot.cwd == "common"  # the context is relative to the file that declares it
    assert bot.copies.count == 2


def test_extends_missing_file_and_cycle_do_not_raise(tree):
    repo, by_name = launches(tree, {"compose.yml": (
        "services:\n"
        "  a:\n    extends:\n      file: nowhere.yml\n      service: x\n    command: python a.py\n"
        "  b:\n    extends: c\n  c:\n    extends: b\n")})
    assert by_name["a"].command.argv == ("python", "a.py")
    codes = {f.code for f in repo.findings}
    assert "DPL003" in codes and "DPL002" in codes


def test_anchors_merge_keys_and_x_fields(tree):
    repo, by_name = launches(tree, {"compose.yml": (
        "x-bot: &bot\n  image: python:3.12\n  command: python bot.py\n  deploy:\n    replicas: 2\n"
        "services:\n  bot:\n    <<: *bot\n    x-note: internal\n  bot2:\n    <<: *bot\n    command: python bot2.py\n")})
    assert by_name["bot"].command.argv == ("python", "bot.py")
    assert by_name["bot"].command.location.line == 3  # where the anchored value is written
    assert by_name["bot"].copies.count == 2
    assert by_name["bot2"].command.argv == ("python", "bot2.py")
    assert not [f for f in repo.findings if f.code == "DPL002"]


def test_override_file_is_merged_onto_the_base(tree):
    _, found = targets(tree, {
        "docker-compose.yml": ("services:\n  bot:\n    image: x\n    command: python bot.py\n"
                               "    ports: ['80:80']\n    environment:\n      A: '1'\n"),
        "docker-compose.override.yml": ("services:\n  bot:\n    command: [python, bot.py, --dev]\n"
                                        "    environment:\n      - B=2\n    deploy:\n      replicas: 2\n"
                                        "  extra:\n    image: x\n    command: python extra.py\n"),
    })
    [target] = found
    assert target.name == "docker-compose.yml + docker-compose.override.yml"
    by_name = {launch.name: launch for launch in target.launches}
    bot = by_name["bot"]
    assert bot.command.argv == ("python", "bot.py", "--dev")
    assert bot.command.location.path == "docker-compose.override.yml"
    assert bot.location.path == "docker-compose.yml"
    assert bot.env == {"A": "1", "B": "2"} and bot.copies.count == 2 and bot.role == "web"
    assert "extra" in by_name


def test_environment_variant_is_its_own_target(tree):
    _, found = targets(tree, {
        "docker-compose.yml": "services:\n  bot:\n    image: x\n    command: python bot.py\n",
        "docker-compose.prod.yml": "services:\n  bot:\n    deploy:\n      replicas: 3\n",
    })
    by_name = {t.name: t for t in found}
    assert set(by_name) == {"docker-compose.yml", "docker-compose.yml + docker-compose.prod.yml"}
    assert by_name["docker-compose.yml"].launches[0].copies.count == 1
    prod = by_name["docker-compose.yml + docker-compose.prod.yml"].launches[0]
    assert prod.copies.count == 3 and prod.command.argv == ("python", "bot.py")
    assert all(t.platform == "compose" for t in found)


def test_start_first_update_order_is_an_overlap(tree):
    _, by_name = launches(tree, {"compose.yml": (
        "services:\n  bot:\n    image: x\n    command: python bot.py\n"
        "    deploy:\n      update_config:\n        order: start-first\n")})
    [overlap] = by_name["bot"].overlaps
    assert overlap.reason == "deploy.update_config.order: start-first" and overlap.location.line == 7


def test_bind_mount_and_working_dir_map_container_paths(tree):
    _, by_name = launches(tree, {
        "ops/compose.yml": ("services:\n  bot:\n    image: python:3.12\n    working_dir: /code\n"
                            "    volumes: ['../src:/code']\n    command: python /code/bot.py\n"),
        "src/bot.py": "",
    })
    assert by_name["bot"].cwd == "src"
    assert by_name["bot"].command.argv == ("python", "bot.py")


def test_replica_typo_is_dpl002_with_did_you_mean(tree):
    repo, _ = launches(tree, {"compose.yml": (
        "services:\n  bot:\n    image: x\n    command: python bot.py\n    deploy:\n      replica: 2\n")})
    [finding] = [f for f in repo.findings if f.code == "DPL002"]
    assert "unknown key `replica`" in finding.message and finding.hint == "did you mean `replicas`?"
    assert (finding.location.path, finding.location.line, finding.location.column) == ("compose.yml", 6, 7)


def test_unknown_service_key_is_dpl002(tree):
    repo, _ = launches(tree, {"compose.yml": "services:\n  bot:\n    image: x\n    comand: python bot.py\n"})
    [finding] = [f for f in repo.findings if f.code == "DPL002"]
    assert "`comand`" in finding.message and "`command`" in finding.hint


def test_bad_yaml_is_dpl001_with_line(tree):
    repo, found = targets(tree, {"compose.yml": "services:\n  bot:\n    image: x\n   command: [oops\n"})
    assert found == []
    [finding] = repo.findings
    assert finding.code == "DPL001" and finding.location.line >= 3


def test_alias_bomb_is_dpl001_quickly(tree):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        prev, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    lines.append("services:\n  bot:\n    image: x\n    command: *j")
    started = time.perf_counter()
    repo, found = targets(tree, {"compose.yml": "\n".join(lines) + "\n"})
    assert time.perf_counter() - started < 2
    assert found == []
    assert [f.code for f in repo.findings] == ["DPL001"]
    assert "alias" in repo.findings[0].message


def test_image_only_service_has_an_unknown_command(tree):
    # a stock image runs its own program: unknown command, but no DPL004 noise
    repo, by_name = launches(tree, {"compose.yml": (
        "services:\n  redis:\n    image: redis:7\n  bot:\n    image: python:3.12\n    command: python bot.py\n")})
    assert by_name["redis"].command is None
    assert repo.findings == []


def test_own_image_without_command_is_dpl004(tree):
    # an image this project builds, run by another service without a command of its own
    repo, by_name = launches(tree, {"compose.yml": (
        "services:\n  bot:\n    build: .\n    image: shop/bot\n    command: python bot.py\n"
        "  tasks:\n    image: shop/bot\n"), "Dockerfile": "FROM python:3.12\nCOPY . /app\n"})
    assert by_name["tasks"].command is None
    [finding] = [f for f in repo.findings if f.code == "DPL004"]
    assert "`shop/bot`" in finding.message and finding.location.line == 6


def test_missing_dockerfile_is_dpl003(tree):
    repo, by_name = launches(tree, {"compose.yml": "services:\n  bot:\n    build:\n      context: app\n"})
    assert by_name["bot"].command is None
    assert [f.code for f in repo.findings] == ["DPL003"]
    assert "app/Dockerfile" in repo.findings[0].message


def test_env_files_in_the_repository_feed_the_launch_environment(tree):
    _, by_name = launches(tree, {
        "deploy/compose.yaml": (
            "services:\n"
            "  a:\n    image: node:22\n    env_file: [a.env, {path: missing.env, required: false}]\n"
            "    environment: {MODE: web}\n"
            "  b:\n    image: node:22\n    env_file: /etc/b.env\n"),
        "deploy/a.env": "# comment\nexport TOKEN='one'\nMODE=worker\nNOT A LINE\nEMPTY=\n"})
    assert by_name["a"].env == {"TOKEN": "one", "MODE": "web", "EMPTY": ""}
    assert by_name["b"].env == {}
