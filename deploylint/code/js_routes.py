"""Code that runs when one route is requested, not at start-up: HTTP route callbacks.

`app.post('/start', (req, res) => bot.launch())` (Express, Koa routers, Fastify, Hono),
`router.route('/x').get(handler)`, `app.use('/admin', handler)`. A poller, gateway login or
session that starts there starts when someone calls that route, in the copy that receives
the call: never at boot, so it is no start-up duplicate of the process's copies
(Evidence.on_request; the plan shows it, the duplicate rules do not count it).

Handlers of every request are not tagged: `http.createServer((req, res) => ...)`,
`app.use(fn)`, `app.all('*', fn)`, `app.use('/', fn)`, nor health-check routes (`/health`,
`/healthz`, `/ping`, `/ready`...). Health checks and load-balancer probes reach each copy as
soon as it serves, so what those start runs in every copy (counted as start-up, as before).

The reachability walk (js_reach) tags the callback's unit and everything it calls, and
walks those units only after every unit start-up code reaches: a function that start-up
code calls too keeps its start-up trace.
"""
from __future__ import annotations

from ..treesitter import node_text
from .js_module import Module, name_of, string_value, strip

# methods that register a handler for a path (Express, Koa router, Fastify, Hono, Restify)
ROUTE_METHODS = frozenset({"get", "post", "put", "patch", "delete", "del", "all", "head", "options", "use"})
_EVERY = frozenset({"/", "/*", "*", "/(.*)", "(.*)", "/:path*", "/*path"})  # every request's handler
# what platforms and load balancers probe in every copy, on their own schedule
_PROBED = frozenset({"health", "healthz", "healthcheck", "health-check", "_health", "status", "ping", "ready",
                     "readyz", "readiness", "live", "livez", "liveness", "alive"})


def route(module: Module, call, target) -> str:
    """"`POST /start`" when `target`, reached from `call`, is the handler `call` registers
    for requests; "" otherwise."""
    callee = strip(call.child_by_field_name("function"))
    if callee is None or callee.type != "member_expression":
        return ""
    method = name_of(callee.child_by_field_name("property"))
    if method not in ROUTE_METHODS:
        return ""
    args = call.child_by_field_name("arguments")
    first = strip(args.named_children[0]) if args is not None and args.named_children else None
    path = _path(first) if first is not None and first != strip(target) else None
    if path is None:  # `router.route('/orders').post(handler)`
        owner = strip(callee.child_by_field_name("object"))
        inner = strip(owner.child_by_field_name("function")) if owner is not None and owner.type == "call_expression" else None
        if inner is None or inner.type != "member_expression" or name_of(inner.child_by_field_name("property")) != "route" \
                or method == "use":
            return ""
        owner_args = owner.child_by_field_name("arguments")
        path = _path(owner_args.named_children[0]) if owner_args is not None and owner_args.named_children else None
        if path is None:
            return ""
    if method == "use" and path is None:
        return ""
    return f"`{path}` requests" if method == "use" else f"`{method.upper()} {path}`"


def _path(node) -> str | None:
    """A route path argument: '/start', '/sessions/:id' (None for '*' and '/': every request)."""
    node = strip(node)
    text = string_value(node)
    if text is None and node is not None and node.type == "template_string":
        text = node_text(node)[1:-1]
    if text is None or not text.startswith("/") or len(text) > 200 or text in _EVERY \
            or text.rstrip("/").rsplit("/", 1)[-1].lower() in _PROBED:
        return None  # not a path, every request's, or a health check the platform calls in each copy
    return text
