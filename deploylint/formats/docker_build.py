"""What a Dockerfile's RUN steps create, so a start command that runs a build output
(`next build`'s standalone server.js, `tsc` output, a script a RUN writes) is not reported
as a missing file (DPL003)."""
from __future__ import annotations

import posixpath
from ..patterns import lazy_re

_JS_BUILD = lazy_re(r"\b(next\s+build|(npm|pnpm|bun)\s+run\s+build|(yarn|pnpm)\s+build|tsc\b|nest\s+build|vite\s+build|"
                       r"webpack\b|esbuild\b|rollup\b|turbo\s+(run\s+)?build|nx\s+build|ncc\s+build|swc\b|"
                       r"rush\s+(re)?build|lerna\s+run\s+build)",
                   needs=("build", "tsc", "webpack", "esbuild", "rollup", "swc"))
_CREATED = lazy_re(r"(?:>>?|\btouch|\btee(?:\s+-a)?|\s-[oO]|--output[=\s])\s*([^\s;&|<>]+)"
                      r"|\b(?:cp|mv|ln)\s+(?:-\w+\s+)*([^\s;&|]+)\s+([^\s;&|<>]+)",
                   needs=(">", "touch", "tee", "-o", "-O", "cp", "mv", "ln"))


def built_by(stages_up_to: list) -> tuple[str, ...]:
    """What the RUN steps of these stages create: JavaScript output of a build tool
    (`next build` standalone server.js, `tsc` outDir), and files a RUN writes or copies."""
    patterns: list[str] = []
    for stage in stages_up_to:
        for item in stage.instructions:
            if item.keyword != "RUN":
                continue
            if _JS_BUILD.search(item.value):
                patterns.extend(("*.js", "*.mjs", "*.cjs"))
            for match in _CREATED.finditer(item.value):
                target = (match.group(1) or match.group(3) or "").strip("\"'")
                if match.group(3) and (target in (".", "./") or target.endswith("/")):
                    target = match.group(2).strip("\"'")  # `cp dist/server.js .`: its own name
                name = posixpath.basename(target.rstrip("/"))
                if name and not name.startswith(("$", "-")) and name not in ("null", "stdout", "stderr") \
                        and ("." in name or "/" in target):
                    patterns.append(f"*{name}")
    return tuple(dict.fromkeys(p for p in patterns if p and p != "*"))
