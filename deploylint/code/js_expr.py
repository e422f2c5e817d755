"""Reading the few expressions the detectors care about: what a call calls, which
environment variable a value comes from, which constant an argument stands for.

Values themselves come from the one static evaluator every format shares
(js_static/js_eval: PM2 files, Railway IaC, and `static_value` here)."""
from __future__ import annotations

import posixpath
from ..record import dataclass

from ..treesitter import node_text
from .js_static import DirPath, Unknown, truth
from .js_module import Binding, Module, call_source, descendants, is_process_env, name_of, string_value, strip
from ..patterns import lazy_re


@dataclass(frozen=True)
class Callee:
    """`a.b.c(...)` as root `a` (and what it is imported as), path ("b",), method "c"."""

    binding: Binding | None
    root: str  # the root identifier, "this", or "" (a call result, a `new`...)
    path: tuple[str, ...]
    method: str
    root_node: object

    @property
    def package(self) -> str | None:
        if self.binding is None or self.binding.relative:
            return None
        return self.binding.source.removeprefix("node:")

    @property
    def qualified(self) -> str:
        """The called name inside the package: "schedule", "CronJob.from", "promises.open"."""
        base = self.binding.name if self.binding and self.binding.name not in (None, "default") else ""
        if not self.path and self.method == self.root:  # a bare identifier call
            return base or "default"
        return ".".join(part for part in (base, *self.path, self.method) if part)

    @property
    def names(self) -> list[str]:
        """Receiver names without `this`: `this.bot.telegram.setWebhook` -> [bot, telegram]."""
        return ([self.root] if self.root and self.root != "this" else []) + list(self.path)


def callee_of(module: Module, node) -> Callee | None:
    return named_by(module, node.child_by_field_name("function") or node.child_by_field_name("constructor"))


def named_by(module: Module, target) -> Callee | None:
    """What the expression `a.b.c` names (a callee, a class after `extends`)."""
    target = strip(target)
    parts: list[str] = []
    while target is not None and target.type == "member_expression":
        prop = name_of(target.child_by_field_name("property"))
        if prop is None:
            return None
        parts.append(prop)
        target = strip(target.child_by_field_name("object"))
    if target is None:
        return None
    parts.reverse()
    source = call_source(target)
    if source:
        binding, root = Binding(source, None), ""
    elif target.type == "identifier":
        root = node_text(target)
        binding = module.imports.get(root)
    else:
        binding, root = None, "this" if target.type == "this" else ""
    if not parts:
        return Callee(binding, root, (), root, target)
    return Callee(binding, root, tuple(parts[:-1]), parts[-1], target)


def arguments(node) -> list:
    args = node.child_by_field_name("arguments")
    if args is None or args.type != "arguments":
        return []
    return [strip(a) for a in args.named_children if a.type != "comment"]


def value_of(module: Module, node, depth: int = 0):
    """The expression a local constant was assigned, followed a few times."""
    node = strip(node)
    while node is not None and node.type == "identifier" and depth < 5:
        value = module.values.get(node_text(node))
        if value is None:
            break
        node, depth = strip(value), depth + 1
    return node


def object_entries(node) -> dict[str, object]:
    """{key: value node} of an object literal (shorthand entries map to themselves)."""
    entries: dict[str, object] = {}
    if node is None or node.type != "object":
        return entries
    for child in node.named_children:
        if child.type == "pair":
            key = child.child_by_field_name("key")
            entries[string_value(key) or node_text(key)] = strip(child.child_by_field_name("value"))
        elif child.type == "shorthand_property_identifier":
            entries[node_text(child)] = child
    return entries


def is_false(node) -> bool:
    """A literal that is falsy in JavaScript (`false`, `null`, `0`, `""`, `!1`...)."""
    if node is None:
        return False
    if node.type in ("false", "undefined", "null"):
        return True
    from .js_eval import Evaluator

    value = Evaluator("", "").value(node)
    return not isinstance(value, Unknown) and truth(value) is False


def static_value(module: Module, node, scope=None):
    """What `node` evaluates to without running anything: literals, constants of the
    module, `__dirname` paths, small functions of the file; else an Unknown."""
    from .js_eval import Evaluator

    evaluator = module.__dict__.get("_evaluator")
    if evaluator is None:
        evaluator = Evaluator(module.path, module.source.decode("utf-8", errors="replace"))
        evaluator.consts = module.values  # the module's first value per name, looked up when asked
        module.__dict__["_evaluator"] = evaluator
    return evaluator.value(node, scope=scope)


def env_name(module: Module, node, depth: int = 0) -> str:
    """NAME when `node` reads `process.env.NAME` (directly, through a constant, or `|| default`)."""
    node = strip(node)
    if node is None or depth > 5:
        return ""
    if node.type == "binary_expression" and node.child_by_field_name("operator") is not None \
            and node_text(node.child_by_field_name("operator")) in ("||", "??"):
        return env_name(module, node.child_by_field_name("left"), depth + 1)
    if node.type == "member_expression" and is_process_env(node.child_by_field_name("object")):
        return name_of(node.child_by_field_name("property")) or ""
    if node.type == "member_expression":  # config.token, with `const config = { token: process.env.X }`
        holder = value_of(module, node.child_by_field_name("object"), depth + 1)
        if parses_env(holder):  # `const env = cleanEnv(process.env, {...})`, `schema.parse(process.env)`
            return name_of(node.child_by_field_name("property")) or ""
        entries = object_entries(holder)
        value = entries.get(name_of(node.child_by_field_name("property")) or "")
        return env_name(module, value, depth + 1)
    if node.type == "subscript_expression" and is_process_env(node.child_by_field_name("object")):
        return string_value(node.child_by_field_name("index")) or ""
    if node.type in ("identifier", "shorthand_property_identifier", "shorthand_property_identifier_pattern"):
        name = node_text(node)
        if name in module.env_aliases:
            return module.env_aliases[name]
        return env_name(module, module.values.get(name), depth + 1)
    return ""


def parses_env(node) -> bool:
    """A call that reads the environment as a whole into an object of the same keys:
    `envalid.cleanEnv(process.env, spec)`, `EnvSchema.parse(process.env)` (zod, valibot)."""
    node = strip(node)
    if node is None or node.type != "call_expression":
        return False
    args = node.child_by_field_name("arguments")
    return args is not None and any(is_process_env(a) for a in args.named_children[:2])


def is_env_condition(module: Module, condition) -> bool:
    """Whether a branch condition reads the environment (directly or via a constant)."""
    if condition is None:
        return False
    if "process.env" in node_text(condition):
        return True
    return any(n.type == "identifier" and node_text(n) in module.env_names
               for n in (condition, *descendants(condition)))


def env_test(module: Module, condition, depth: int = 0, follow=None) -> tuple[str, str, str, bool] | None:
    """(NAME, op, value, polarity) for a condition that is one test of one environment
    variable: `process.env.NODE_ENV === 'production'` -> ("NODE_ENV", "==", "production", True),
    `!process.env.WEBHOOK_URL` -> ("WEBHOOK_URL", "truthy", "", False), through constants
    (`const isProd = process.env.NODE_ENV === 'production'`) and config values
    (`config.useWebhook` of `const config = { useWebhook: process.env.X === 'true' }`; with
    `follow`, js_values.resolve, also of a config module `require`d or imported). None for
    anything else (two variables, `&&`, a call)."""
    node = strip(condition)
    if node is None or depth > 5:
        return None
    if node.type == "unary_expression" and node_text(node).startswith("!"):
        inner = env_test(module, node.child_by_field_name("argument"), depth + 1, follow)
        return (*inner[:3], not inner[3]) if inner is not None else None
    if node.type in ("identifier", "shorthand_property_identifier") and node_text(node) not in module.env_aliases:
        value = module.values.get(node_text(node))
        if value is None and follow is not None and node_text(node) in module.imports:
            found = follow(module, node)  # `import { useWebhook } from './config'`
            return env_test(found[0], found[1], depth + 1, follow) if found and found[1] is not None else None
        return env_test(module, value, depth + 1, follow) if value is not None else None
    if node.type in ("member_expression", "subscript_expression") and not is_process_env(node.child_by_field_name("object")):
        found = _config_value(module, node, follow)  # `config.polling`, `settings.bot.useWebhook`
        if found is not None:
            return env_test(found[0], found[1], depth + 1, follow)
    if node.type == "binary_expression":
        operator = node_text(node.child_by_field_name("operator")) if node.child_by_field_name("operator") else ""
        if operator not in ("===", "==", "!==", "!="):
            return None
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        for var, literal in ((left, right), (right, left)):
            name, value = _plain_env(module, var, follow), string_value(strip(literal))
            if name and value is not None:
                return name, "==", value, operator in ("===", "==")
        return None
    name = _plain_env(module, node, follow)
    return (name, "truthy", "", True) if name else None


def _config_value(module: Module, node, follow):
    """(module, value node) a config property read stands for: through `follow` (across
    modules) when given, else an object literal of this module; None when not followed."""
    if follow is not None:
        found = follow(module, node)
        return found if found is not None and found[1] is not None and found[1] is not node else None
    obj = node.child_by_field_name("object")
    key = name_of(node.child_by_field_name("property")) if node.type == "member_expression" \
        else string_value(node.child_by_field_name("index"))
    value = object_entries(value_of(module, obj)).get(key or "") if obj is not None and obj.type == "identifier" else None
    return (module, value) if value is not None and value is not node else None


def _plain_env(module: Module, node, follow=None) -> str:
    """NAME for `process.env.NAME` read as is (no `|| default`: a default decides nothing here),
    also `env.NAME` of an environment parsed in another module (`import { env } from './env'`)."""
    node = strip(node)
    if node is not None and node.type == "binary_expression":
        return ""
    name = env_name(module, node)
    if not name and follow is not None and node is not None and node.type == "identifier" \
            and node_text(node) in module.imports:  # `import { NODE_ENV } from './config'`
        found = follow(module, node)
        name = env_name(found[0], found[1]) if found is not None and found[1] is not None else ""
    if not name and follow is not None and node is not None and node.type == "member_expression":
        holder = follow(module, node.child_by_field_name("object"))
        if holder is not None and holder[1] is not None and parses_env(holder[1]):
            name = name_of(node.child_by_field_name("property")) or ""
    return name


def env_decides(test: tuple, env) -> bool | None:
    """What `env_test`'s test gives under `env` (a mapping of set variables); None when the
    variable is not set there, or set from elsewhere (`${VAR}`)."""
    name, op, value, polarity = test[:4]
    if name not in env:
        return None
    actual = str(env[name])
    if "$" in actual:
        return None
    result = actual == value if op == "==" else actual != "" if op == "truthy" else None  # JS: "false" is truthy
    if result is None:
        return None
    return result if polarity else not result


_SUBSTITUTION = lazy_re(r"\$\{\s*([^}]*)\}")
_HERE = "\0"  # marks "the script's directory" while a path is assembled
_ROOTS = ("__dirname", "process.cwd()", "__filename", "import.meta.dirname")


def path_text(module: Module, node) -> str | None:
    """A file path an expression spells: a literal, a template, or `path.join('data', 'bot.pid')`.
    Directories of the script itself are dropped; `os.tmpdir()` reads as /tmp."""
    node = value_of(module, node)
    if node is None:
        return None
    literal = string_value(node)
    if literal is not None:
        return literal
    if node.type == "template_string":
        text = _SUBSTITUTION.sub(lambda m: _part(m.group(1).strip()), node_text(node)[1:-1])
        return _clean(text)
    if node.type == "call_expression":
        callee = callee_of(module, node)
        if callee is not None and callee.method in ("join", "resolve") and (callee.package in ("path", "path/posix") or callee.root == "path"):
            parts = [_part(node_text(a)) if string_value(a) is None else string_value(a) for a in arguments(node)]
            return _clean("/".join(p for p in parts if p))
    value = static_value(module, node)  # `__dirname + '/bot.pid'`, `DIR + '/x'`...
    if isinstance(value, DirPath):
        return str(value)
    return value if isinstance(value, str) else None


def _part(expression: str) -> str:
    if expression in _ROOTS:
        return _HERE
    if expression.replace(" ", "") in ("os.tmpdir()", "tmpdir()"):
        return "/tmp"
    return "${" + expression + "}"


def _clean(text: str) -> str:
    """Normalise, making paths under the script's own directory relative."""
    relative = text.startswith(_HERE)
    text = posixpath.normpath(text.replace(_HERE, "")) if text.replace(_HERE, "") else ""
    return text.lstrip("/") if relative else text


def source_of(module: Module, node) -> str | None:
    """`call_source`, and the specifier a computed `require`/`import()` argument spells
    statically: `require(path.join(__dirname, 'bot'))` -> './bot', `path.resolve(__dirname,
    '..', 'lib')` -> '../lib', `` require(`./${name}.js`) `` with `const name = 'jobs'`
    -> './jobs.js' (the one JS value reader, js_expr.static_value). None otherwise."""
    source = call_source(node)
    if source is not None:
        return source
    node = strip(node)
    if node is None or node.type != "call_expression":
        return None
    callee, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
    if callee is None or args is None or not args.named_children or not (
            callee.type == "import" or (callee.type == "identifier" and node_text(callee) == "require")):
        return None
    argument = strip(args.named_children[0])
    if argument is None or argument.type not in ("call_expression", "template_string", "binary_expression", "identifier"):
        return None
    value = static_value(module, argument)
    if isinstance(value, DirPath):  # relative to the file's directory
        text = str(value).lstrip("/")
        return text if text.startswith("../") else "./" + text if text else None
    if isinstance(value, str) and value.startswith(("./", "../")) and len(value) <= 400:
        return value  # a relative specifier (a cwd-relative `path.resolve('src/bot')` is not one)
    return None
