"""Where a JavaScript/TypeScript import leads: the repository file a specifier names, as
Node or a TypeScript build would find it (relative paths with the extensions Node and
TS try, `index` files, a `.js` specifier compiled from `.ts`, tsconfig/jsconfig `paths`
and `baseUrl`, package.json subpath `imports`). Split from js_module, which re-exports
`resolve`, `alias_target`, `EXTENSIONS` and `JS_OUTPUT`.
"""
from __future__ import annotations

import posixpath

from ..repo import Repo, join

EXTENSIONS = (".js", ".cjs", ".mjs", ".ts", ".tsx", ".mts", ".cts", ".jsx")
JS_OUTPUT = {".js": (".ts", ".tsx"), ".mjs": (".mts",), ".cjs": (".cts",), ".jsx": (".tsx",)}


def resolve(repo: Repo, from_path: str, spec: str) -> str | None:
    """The repo file a relative `require`/`import` names, as Node or a TS build would find it
    (a tsconfig/jsconfig `paths` alias or `baseUrl` import counts as relative to its target)."""
    if not spec.startswith("."):
        return alias_target(repo, from_path, spec)
    return _file(repo, join(posixpath.dirname(from_path), spec))


def alias_target(repo: Repo, from_path: str, spec: str) -> str | None:
    """The repo file `spec` names through the nearest tsconfig.json/jsconfig.json
    (`paths` patterns such as `@/*`, or a bare path under `baseUrl` such as `src/bot`)."""
    if not spec or spec.startswith(("node:", "/")):
        return None
    if spec.startswith("#"):
        found = _subpath_import(repo, from_path, spec)
        if found is not None:
            return found  # else TypeScript's `paths` for the same name, below
    config = _path_config(repo, posixpath.dirname(from_path))
    if config is None:
        return None
    root, paths, has_base = config
    candidates = []
    for pattern, targets in paths.items():
        if not isinstance(targets, list):
            continue
        if pattern.endswith("*") and spec.startswith(pattern[:-1]):
            rest = spec[len(pattern) - 1:]
            candidates += [t.replace("*", rest, 1) for t in targets if isinstance(t, str)]
        elif pattern == spec:
            candidates += [t for t in targets if isinstance(t, str)]
    if has_base:
        candidates.append(spec)
    for candidate in candidates[:20]:
        found = _file(repo, join(root, candidate))
        if found is not None:
            return found
    return None


def _subpath_import(repo: Repo, from_path: str, spec: str) -> str | None:
    """`#utils/app` through the nearest package.json's `imports` (Node subpath imports:
    `"#utils/*": "./src/utils/*.ts"`, or a conditions object such as
    `{"node": "./src/x.js", "default": ...}`)."""
    found = _package_imports(repo, posixpath.dirname(from_path))
    if found is None:
        return None
    root, imports = found
    matches = []  # Node: an exact key first, then the pattern with the longest prefix
    for pattern, target in imports.items():
        if not isinstance(pattern, str):
            continue
        if pattern == spec:
            matches.append((1 << 30, None, target))
        elif pattern.count("*") == 1 and spec.startswith(pattern.split("*")[0]) \
                and spec.endswith(pattern.split("*")[1]) and len(spec) >= len(pattern) - 1:
            head, tail = pattern.split("*")
            matches.append((len(head), spec[len(head):len(spec) - len(tail)], target))
    for _, rest, target in sorted(matches, key=lambda m: -m[0]):
        chosen = _condition_target(target)
        if chosen is None:
            continue
        candidate = chosen.replace("*", rest, 1) if rest is not None else chosen
        found = _file(repo, join(root, candidate))
        if found is None:  # `"#core/*": "./dist/lib/core/*.js"`: the build output's source (tsconfig outDir)
            from ..runners.node import source_for

            found = source_for(repo, join(root, candidate))[0]
        return found
    return None


def _condition_target(target, depth: int = 0) -> str | None:
    """The file a subpath import maps to: a string, or the first of the node/import/
    require/default conditions (nested objects followed a few levels)."""
    if isinstance(target, str):
        return target if target.startswith("./") else None
    if isinstance(target, list):
        return next((t for t in (_condition_target(i, depth + 1) for i in target[:5]) if t), None) if depth < 4 else None
    if isinstance(target, dict) and depth < 4:
        for condition in ("node", "import", "require", "default"):
            if condition in target:
                found = _condition_target(target[condition], depth + 1)
                if found:
                    return found
    return None


def _package_imports(repo: Repo, directory: str):
    """(package directory, its `imports` map) of the nearest package.json, memoised per directory."""
    def find():
        from ..runners.node import read_jsonc

        current = directory
        for _ in range(30):
            path = join(current, "package.json")
            if repo.exists(path):
                data = read_jsonc(repo, path)
                imports = data.get("imports") if isinstance(data, dict) else None
                return (current, imports) if isinstance(imports, dict) and imports else None
            if not current or current in (".", "/"):
                return None
            current = posixpath.dirname(current)
        return None

    return repo.memo(("js-package-imports", directory), find)


def _path_config(repo: Repo, directory: str):
    """(base directory, paths, has baseUrl) of the nearest tsconfig/jsconfig, memoised per directory."""
    def find():
        from ..runners.node import compiler_options

        current = directory
        for _ in range(30):
            for name in ("tsconfig.json", "jsconfig.json"):
                path = join(current, name)
                if repo.exists(path):
                    options = compiler_options(repo, path)
                    base_url = options.get("baseUrl")
                    paths = options.get("paths") if isinstance(options.get("paths"), dict) else {}
                    if not isinstance(base_url, str) and not paths:
                        return None
                    root = join(current, base_url if isinstance(base_url, str) else ".")
                    return root, paths, isinstance(base_url, str)
            if not current or current in (".", "/"):
                return None
            current = posixpath.dirname(current)
        return None

    return repo.memo(("js-path-config", directory), find)


def _file(repo: Repo, base: str) -> str | None:
    stem, ext = posixpath.splitext(base)
    candidates = [base] if ext in EXTENSIONS else []
    candidates += [stem + alt for alt in JS_OUTPUT.get(ext, ())]  # `./bot.js` compiled from bot.ts
    candidates += [base + e for e in EXTENSIONS] + [f"{base}/index{e}" for e in EXTENSIONS]
    return next((c for c in candidates if repo.exists(c)), None)
