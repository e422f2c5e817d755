"""Does a project's own Django management command return, or keep running?

`python manage.py create_admin && python manage.py runserver`: Django's own one-shot
commands are listed in runners/python.py; a project's command is read from
`<app>/management/commands/<name>.py`. It is a one-shot (it loads every AppConfig.ready(),
does its work and exits, like `migrate`) when its Command class never loops (`while`),
never calls anything that blocks or serves (`run`, `start_polling`, `idle`, `sleep`,
`serve_forever`, `call_command`...), and never calls a function imported from the
project's own modules (which may do either). Anything else, and commands that are not in
the repository (installed apps' `process_tasks`, `rqworker`...), stay long-running.
"""
from __future__ import annotations

import ast

from ..repo import Repo

# calls that block, serve, loop or start other work: a command making one keeps running
_BLOCKING = frozenset({
    "run", "run_polling", "start_polling", "infinity_polling", "polling", "idle", "run_forever",
    "run_until_complete", "run_until_disconnected", "serve_forever", "serve", "start", "join", "sleep",
    "main", "call_command", "execute_from_command_line", "Popen", "system", "call", "check_call", "run_app",
    "consume", "listen", "wait", "gather", "create_task", "run_webhook", "start_webhook", "work",
    "add_job", "every", "schedule", "spawn", "fork", "exec", "execv", "execvp", "loop", "forever",
})
_WORDS = ("poll", "bot", "loop", "worker", "serve", "listen", "schedul", "daemon", "watch", "consum", "forever")
MAX_BYTES = 200_000


def returns(repo: Repo, command: str) -> bool:
    """True when the project's `command` is a management command that does its work and exits."""
    if not command or not command.replace("_", "").isalnum():
        return False
    paths = [p for p in repo.with_name(f"{command}.py") if "/management/commands/" in f"/{p}"]
    if len(paths) != 1:
        return False  # not the project's (an installed app's), or ambiguous
    return bool(repo.memo(("django-command-returns", paths[0]), lambda: _returns(repo, paths[0])))


def _returns(repo: Repo, path: str) -> bool:
    text = repo.peek(path)
    if not text or len(text) > MAX_BYTES:
        return False
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    imported: set[str] = set()
    command = None
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.level or not _third_party(node.module or "")):
            imported.update(a.asname or a.name for a in node.names)
        elif isinstance(node, ast.ClassDef) and node.name == "Command":
            command = node
    if command is None:
        return False
    try:
        nodes = list(ast.walk(command))
    except RecursionError:
        return False
    for node in nodes:
        if isinstance(node, (ast.While, ast.AsyncFunctionDef, ast.Await)):
            return False
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else (
                node.func.id if isinstance(node.func, ast.Name) else "")
            lowered = name.lower()
            if name in _BLOCKING or any(word in lowered for word in _WORDS) or name in imported:
                return False
    return True


# packages whose functions a one-shot command calls for its work (the ORM, settings, auth...)
_LIBRARIES = ("django", "rest_framework", "datetime", "os", "sys", "json", "csv", "pathlib", "typing", "logging",
              "decimal", "uuid", "random", "string", "collections", "itertools", "re", "secrets", "hashlib")


def _third_party(module: str) -> bool:
    return module.split(".")[0] in _LIBRARIES
