"""Which compose files combine (`docker compose -f a -f b`), and how the merge resolves paths."""
from __future__ import annotations

from deploylint.discover import discover
from deploylint.formats import compose
from deploylint.formats.compose_projects import _file_options, projects

BASE = "services:\n  bot:\n    build: .\n"
DOCKERFILE = "FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"bot.py\"]\n"


def lists(tree, files):
    repo = discover(tree(files))
    return repo, [p.files for p in projects(repo)]


def test_override_in_subdirectory_merges_with_base_without_evidence(tree):
    repo, found = lists(tree, {"docker-compose.yml": BASE, "Dockerfile": DOCKERFILE,
                               "deploy/docker-compose.ha.yml": "services:\n  bot:\n    scale: 2\n"})
    assert found == [("docker-compose.yml",), ("docker-compose.yml", "deploy/docker-compose.ha.yml")]
    merged = compose.targets(repo)[1]
    bot = merged.launches[0]
    assert bot.copies.count == 2
    assert "no `-f` list found" in bot.steps[0].note and bot.steps[0].location.path == "deploy/docker-compose.ha.yml"


def test_override_that_defines_its_own_images_stays_a_project_of_its_own(tree):
    _, found = lists(tree, {"docker-compose.yml": BASE, "Dockerfile": DOCKERFILE,
                            "deploy/docker-compose.prod.yml": "services:\n  bot:\n    image: ghcr.io/x/bot:1\n"})
    assert ("deploy/docker-compose.prod.yml",) in found
    assert ("docker-compose.yml", "deploy/docker-compose.prod.yml") not in found


def test_nearest_base_with_the_services_wins(tree):
    _, found = lists(tree, {
        "docker-compose.yml": "services:\n  web:\n    image: nginx\n",
        "bot/docker-compose.yml": BASE, "bot/Dockerfile": DOCKERFILE,
        "bot/deploy/compose.ha.yml": "services:\n  bot:\n    scale: 2\n"})
    assert ("bot/docker-compose.yml", "bot/deploy/compose.ha.yml") in found
    assert not any(p[0] == "docker-compose.yml" and len(p) > 1 for p in found)


def test_makefile_f_list_is_evidence_for_a_custom_name(tree):
    repo, found = lists(tree, {"docker-compose.yml": BASE, "Dockerfile": DOCKERFILE, "ops/ha.yml": "services:\n  bot:\n    scale: 3\n",
                               "Makefile": "up:\n\tdocker compose -p bot -f docker-compose.yml \\\n\t  --file=ops/ha.yml up -d\n"})
    assert ("docker-compose.yml", "ops/ha.yml") in found
    target = next(t for t in compose.targets(repo) if t.name == "docker-compose.yml + ops/ha.yml")
    assert target.launches[0].steps[0].location.path == "Makefile" and target.launches[0].steps[0].location.line == 2


def test_ci_workflow_and_compose_file_env(tree):
    _, found = lists(tree, {
        "docker-compose.yml": BASE, "Dockerfile": DOCKERFILE,
        "deploy/prod.yml": "services:\n  bot:\n    scale: 2\n",
        "deploy/staging.yml": "services:\n  bot:\n    restart: always\n",
        ".github/workflows/deploy.yml": "jobs:\n  d:\n    steps:\n      - run: docker-compose -f docker-compose.yml -f deploy/prod.yml up -d\n",
        ".env": "COMPOSE_FILE=docker-compose.yml:deploy/staging.yml\n"})
    assert ("docker-compose.yml", "deploy/prod.yml") in found
    assert ("docker-compose.yml", "deploy/staging.yml") in found


def test_evidence_relative_to_the_script_directory(tree):
    _, found = lists(tree, {"docker-compose.yml": BASE, "Dockerfile": DOCKERFILE, "deploy/ha.yml": "services:\n  bot:\n    scale: 2\n",
                            "scripts/up.sh": "#!/bin/sh\ndocker compose -f ../docker-compose.yml -f ../deploy/ha.yml up\n"})
    assert ("docker-compose.yml", "deploy/ha.yml") in found


def test_lists_with_variables_or_missing_files_are_ignored(tree):
    _, found = lists(tree, {"docker-compose.yml": BASE, "Dockerfile": DOCKERFILE,
                            "Makefile": "up:\n\tdocker compose -f docker-compose.yml -f $(ENV).yml up\n"
                                        "down:\n\tdocker compose -f docker-compose.yml -f gone.yml down\n"})
    assert found == [("docker-compose.yml",)]


def test_file_options():
    assert _file_options(" -f a.yml --file b.yml -fc.yml --file=d.yml up -d && docker compose -f e.yml") == \
        ["a.yml", "b.yml", "c.yml", "d.yml"]
    assert _file_options(" -f 'unterminated quote") == ["unterminated"]  # falls back to plain words, never raises


def test_override_paths_resolve_against_the_project_directory(tree):
    repo = discover(tree({"docker-compose.yml": BASE, "Dockerfile": DOCKERFILE, "bot.py": "print(1)\n",
                          "deploy/docker-compose.workers.yml": ("services:\n  bot:\n    restart: always\n"
                                                                "  poller:\n    build: .\n    volumes: ['./:/app']\n")}))
    merged = next(t for t in compose.targets(repo) if len(t.name.split(" + ")) == 2)
    poller = next(l for l in merged.launches if l.name == "poller")
    assert poller.command is not None and poller.command.argv == ("python", "bot.py")
    assert poller.cwd == ""
    assert not any(f.code in ("DPL002", "DPL003") for f in repo.findings), repo.findings


def test_service_only_in_override_is_not_cannot_start(tree):
    repo = discover(tree({"docker-compose.yml": BASE, "Dockerfile": DOCKERFILE,
                          "deploy/docker-compose.prod.yml": "services:\n  bot:\n    restart: always\n  metrics:\n    environment: {A: '1'}\n"}))
    compose.targets(repo)
    assert not [f for f in repo.findings if f.code == "DPL002"], repo.findings


def test_service_without_image_in_the_base_is_still_reported(tree):
    repo = discover(tree({"docker-compose.yml": "services:\n  bot:\n    restart: always\n"}))
    compose.targets(repo)
    assert [f for f in repo.findings if f.code == "DPL002"]


def test_include_and_extends_across_directories_still_work(tree):
    repo = discover(tree({
        "compose.yml": "include:\n  - infra/compose.yml\nservices:\n  bot:\n    extends:\n      file: common/base.yml\n      service: app\n",
        "common/base.yml": "services:\n  app:\n    build: ..\n    scale: 2\n",
        "infra/compose.yml": "services:\n  cache:\n    image: redis\n",
        "Dockerfile": DOCKERFILE}))
    target = compose.targets(repo)[0]
    names = {l.name: l for l in target.launches}
    assert set(names) == {"cache", "bot"}
    assert names["bot"].copies.count == 2 and names["bot"].command.argv == ("python", "bot.py")


def test_project_directory_option_moves_the_base_of_relative_paths(tree):
    repo = discover(tree({"deploy/docker-compose.yml": "services:\n  bot:\n    build: .\n", "Dockerfile": DOCKERFILE,
                          "bot.py": "print(1)\n",
                          "README.md": "Run:\n\n    docker compose -f deploy/docker-compose.yml --project-directory . up\n"}))
    found = projects(repo)
    assert [(p.files, p.directory) for p in found] == [(("deploy/docker-compose.yml",), "")]
    bot = compose.targets(repo)[0].launches[0]
    assert bot.command.argv == ("python", "bot.py") and "--project-directory ." in bot.steps[0].note
    assert not [f for f in repo.findings if f.code == "DPL003"], repo.findings


def test_file_options_stop_at_a_separator_glued_to_a_word():
    assert _file_options(" up -d; kubectl apply -f deploy.yaml") == []
    assert _file_options(" -f a.yml up -d&&kubectl apply -f b.yaml") == ["a.yml"]


def test_a_file_named_by_f_is_compose_whatever_its_name_when_it_holds_services(tree):
    repo, found = lists(tree, {"docker-base.yaml": BASE, "docker-live.yaml": "services:\n  bot:\n    scale: 2\n",
                               "Dockerfile": DOCKERFILE,
                               "Makefile": "live:\n\tdocker-compose --env-file .env -f docker-base.yaml -f docker-live.yaml up\n"})
    assert found == [("docker-base.yaml", "docker-live.yaml")]
    assert compose.targets(repo)[0].launches[0].copies.count == 2


def test_a_file_named_by_f_that_is_no_compose_document_is_left_out_quietly(tree):
    """A YAML list, an empty or list-valued `services:` are other tools' files: left out
    without a finding. A top-level `services:` that does not parse is a broken compose
    file: kept, and compose reports it (DPL001)."""
    repo, found = lists(tree, {"docker-compose.yml": BASE, "Dockerfile": DOCKERFILE,
                               "list.yaml": "- a\n- b\n", "bad.yaml": "services:\n  bot: {scale: 2\n",
                               "empty.yaml": "services:\n", "other.yaml": "name: x\nservices: [a]\n",
                               "Makefile": "up:\n\tdocker compose -f docker-compose.yml -f list.yaml -f bad.yaml"
                                           " -f empty.yaml -f other.yaml up\n"
                                           "only:\n\tdocker compose -f list.yaml up\n"})
    assert found == [("docker-compose.yml", "bad.yaml"), ("docker-compose.yml",)]
    compose.targets(repo)
    assert [(f.code, f.location.path) for f in repo.findings] == [("DPL001", "bad.yaml")]


def test_lists_of_commands_that_start_nothing_are_not_projects(tree):
    _, found = lists(tree, {"base.yaml": BASE, "dev.yaml": BASE, "prod.yaml": BASE, "Dockerfile": DOCKERFILE,
                            "Makefile": "down:\n\tdocker compose --env-file .env -p app -f base.yaml -f dev.yaml -f prod.yaml down\n"
                                        "logs:\n\tdocker compose -f base.yaml -f dev.yaml logs -f\n"
                                        "prod:\n\tdocker compose -f base.yaml -f prod.yaml --profile web up -d\n"})
    assert found == [("base.yaml", "prod.yaml")]


def test_docker_stack_deploy_names_compose_files(tmp_path):
    """Swarm's `docker stack deploy -c a.yml -c b.yml STACK` (also `--compose-file=`)
    combines compose files like `docker compose -f`; `docker stack rm` names none."""
    from conftest import write_tree
    from deploylint.discover import discover
    from deploylint.formats.compose_projects import projects

    service = "services:\n  bot:\n    image: x\n"
    write_tree(tmp_path, {
        "deploy.sh": "docker stack deploy -c stack.yml --compose-file=stack.prod.yml bot\ndocker stack rm -c other.yml bot\n",
        "stack.yml": service, "stack.prod.yml": service, "other.yml": service,
    })
    found = projects(discover(tmp_path))
    stacks = [p for p in found if p.why is not None and "docker stack deploy" in p.why.note]
    assert [p.files for p in stacks] == [("stack.yml", "stack.prod.yml")]
    assert "`docker stack deploy -c stack.yml -c stack.prod.yml`" in stacks[0].why.note
    assert not any("other.yml" in p.files for p in found)
