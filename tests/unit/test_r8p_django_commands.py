"""A project's own Django management command: one-shot or long-running (runners.django_commands)."""
from deploylint.repo import Repo
from deploylint.runners.django_commands import returns

HEAD = "from django.core.management.base import BaseCommand\n{imports}\n\nclass Command(BaseCommand):\n" \
       "    def handle(self, *args, **options):\n"


def _repo(tmp_path, body, imports="", name="seed"):
    path = tmp_path / "app" / "management" / "commands" / f"{name}.py"
    path.parent.mkdir(parents=True)
    path.write_text(HEAD.format(imports=imports) + "".join(f"        {line}\n" for line in body))
    return Repo(str(tmp_path), [f"app/management/commands/{name}.py"])


def test_plain_work_returns(tmp_path):
    assert returns(_repo(tmp_path, ["for x in range(3):", "    self.stdout.write(str(x))"]), "seed")


def test_loops_and_blocking_calls_keep_running(tmp_path):
    cases = [["while True:", "    pass"], ["bot.infinity_polling()"], ["asyncio.run(main())"], ["time.sleep(5)"],
             ["call_command('runserver')"], ["scheduler.start()"], ["start_bot()"], ["client.run_until_disconnected()"]]
    for index, body in enumerate(cases):
        assert not returns(_repo(tmp_path / str(index), body), "seed"), body


def test_project_functions_may_block(tmp_path):
    assert not returns(_repo(tmp_path / "a", ["sync_all()"], "from app.services import sync_all"), "seed")
    assert returns(_repo(tmp_path / "b", ["get_user_model().objects.count()"],
                         "from django.contrib.auth import get_user_model"), "seed")


def test_missing_ambiguous_or_odd_commands_keep_running(tmp_path):
    repo = _repo(tmp_path, ["pass"])
    assert not returns(repo, "process_tasks")  # an installed app's command: not in the repository
    assert not returns(repo, "../seed") and not returns(repo, "")
    broken = tmp_path / "x" / "management" / "commands" / "broken.py"
    broken.parent.mkdir(parents=True)
    broken.write_text("class Command(:\n")
    assert not returns(Repo(str(tmp_path), ["x/management/commands/broken.py"]), "broken")
