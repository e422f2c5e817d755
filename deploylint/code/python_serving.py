"""Statements that serve until the process stops: `uvicorn.run(app)`, Flask's `app.run()`,
aiohttp's `web.run_app(app)`, `httpd.serve_forever()`, `waitress.serve(app)`.

A statement written after one of them in the same block runs only once the server
returns (it was stopped or crashed): a poller there is a fallback, down while the server
serves (DPL109), not a copy running beside it. Only a call that is a statement of its
own counts (`app.run()`, `await site.serve_forever()`): a call passed to a thread or an
executor (`Thread(target=app.run)`, `lambda: app.run()`) does not block the block.
"""
from __future__ import annotations

import ast

from . import python_signatures as sig

# module-level functions that run a server until it stops (qualified names)
SERVE_FUNCTIONS = frozenset({
    "uvicorn.run", "aiohttp.web.run_app", "web.run_app", "waitress.serve", "bjoern.run", "hypercorn.run",
    "eventlet.wsgi.server", "werkzeug.serving.run_simple", "werkzeug.run_simple", "cheroot.wsgi.Server.start",
    "tornado.ioloop.IOLoop.current.start",
})
# app classes whose `.run()` serves HTTP until stopped (FastAPI/Starlette have no `.run`)
SERVING_APPS = frozenset({"Flask", "Quart", "Sanic", "Dash", "SocketIO", "Bottle", "APIFlask"})
SERVE_METHODS = frozenset({"run", "run_server"})
WEB_MODULES = ("flask", "quart", "sanic", "dash", "bottle", "flask_socketio")


def blocking_server(stmt: ast.stmt, facts: sig.Facts) -> str | None:
    """The call text when `stmt` serves until stopped, else None."""
    if not isinstance(stmt, ast.Expr):
        return None
    call = stmt.value.value if isinstance(stmt.value, ast.Await) else stmt.value
    if not isinstance(call, ast.Call):
        return None
    text = f"{sig.short(call.func, 40)}({'…' if call.args or call.keywords else ''})"
    name, receiver = sig.callee(call)
    qualified = facts.qualified(call.func)
    if qualified in SERVE_FUNCTIONS or name == "run_app" and qualified.startswith("aiohttp"):
        return text
    if name == "serve_forever" and receiver is not None:
        return text
    if name in SERVE_METHODS and receiver is not None and _serving_app(receiver, facts):
        return text
    return None


def _serving_app(receiver: ast.expr, facts: sig.Facts) -> bool:
    """`app` was made by Flask(...)/Quart(...)/SocketIO(...)...; or, when the module does not
    say where it comes from, it is named like a web app in a module that imports a web framework."""
    try:
        made = [sig.last(owner.qualified(call.func)) for call, owner in sig.origins_with(receiver, facts, 2)]
    except RecursionError:
        return False
    if made:
        return any(kind in SERVING_APPS for kind in made)
    words = sig.chain_words(receiver)
    if words[-1:] not in (["app"], ["server"], ["socketio"], ["sio"]):
        return False
    return any(facts.mentions(f"import {module}") or facts.mentions(f"from {module}") for module in WEB_MODULES)
