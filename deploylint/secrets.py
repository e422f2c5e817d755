"""Bot tokens: recognise them, find where a repository writes them, never print one.

A Telegram token is `<bot id: 8-10 digits>:<35 characters of [A-Za-z0-9_-]>`. A Discord
bot token is three dot-separated base64url parts: the bot's user id (a 17-20 digit
snowflake, base64 encoded: 23-27 characters starting with M, N or O), a 6-character
timestamp and a 27-38 character HMAC. Every reporter passes all text it writes through
`redact`, and the token rules (DPL201, DPL202) only ever put `redact`ed text into a
finding: a token leaves deploylint as `7012345678:AAH…[redacted]` or
`MTAxMjM0NTY3ODkwMTIzNDU2Nw.GTd…[redacted]` (the public id part stays, to tell tokens apart).

Where tokens are looked for (`token_uses`): files chosen by name, never by content, so a
scan does not read data files or docs: `.env*` (also the ones .gitignore hides, which only
count for DPL202), Procfiles, Dockerfiles, compose/PM2/Railway files, other JSON, YAML and
TOML configs, shell scripts, and Python/JS/TS source. Files are read raw, not through
`Repo.read_text`: a large or Latin-1 file that no process starts is not a DPL001 problem,
and tokens are ASCII, so a replaced byte never hides one. A bytes pre-check skips a file
without a token-shaped string before any decoding.

"Tracked" (DPL201 reports tracked files only; the others are the user's business): a
`.env*` file is untracked when .gitignore hides it (discovery moves it to
`repo.ignored_env_files`) or, when the scanned root is the top of a git work tree, when
`git ls-files` does not list it. Git is asked once, only if a `.env*` file exists; staged
files count as tracked, because the next commit publishes them. Outside a work tree (an
unpacked archive, a sub-directory of a monorepo) a `.env*` file that .gitignore does not
hide is treated as tracked: it is one `git add .` away from being published.
Every other file kind is reported whether git tracks it yet or not.
"""
from __future__ import annotations

import os
import posixpath
import re
from .record import dataclass, field

from .model import Location
from .patterns import WORD_CHARS, lazy_re, plain_name

# `bot<token>` is how Bot API URLs carry it: "bot" may touch the id
TOKEN = lazy_re(r"(?:(?<=bot)|(?<![A-Za-z0-9_-]))(\d{8,10}):([A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])")
# Redaction is wider than recognition: over-redacting a look-alike costs nothing
# (also percent-encoded `%3A`, and a token some step cut short with `…`)
# and a secret whose bot id lost digits (cut or mangled text still holds the secret half)
_REDACT = lazy_re(r"(?<!\d)(\d{8,10})(?::|%3[Aa])([A-Za-z0-9_-]{3})(?:[A-Za-z0-9_-]{12,}|[A-Za-z0-9_-]{4,11}…)"
                     r"|(?<![A-Za-z0-9])(\d{0,7})(?::|%3[Aa])([A-Za-z0-9_-]{3})[A-Za-z0-9_-]{27,42}(?![A-Za-z0-9_-])")
# every shape _REDACT knows has a `:` (or `%3A`) followed by 7+ secret characters; this
# starts at the literal separator, so it is fast where _REDACT (digits first) is not
_MAY_REDACT = lazy_re(r"(?::|%3[Aa])[A-Za-z0-9_-]{7}", needs=(":", "%3"))
# Discord: id part . timestamp . HMAC (the id part of a bot's snowflake encodes as M/N/O...)
DISCORD = lazy_re(r"(?<![A-Za-z0-9_.-])([MNO][A-Za-z0-9_-]{23,27})\.([A-Za-z0-9_-]{6})\.([A-Za-z0-9_-]{27,38})"
                  r"(?![A-Za-z0-9_-])", needs=("M", "N", "O"))
# redaction of a Discord-shaped secret, also one glued to a word or cut short (`…`) inside the HMAC
_DISCORD_REDACT = lazy_re(r"([MNO][A-Za-z0-9_-]{23,27})\.([A-Za-z0-9_-]{3})[A-Za-z0-9_-]{3}"
                          r"\.[A-Za-z0-9_-]*…?")
_MAY_REDACT_DISCORD = lazy_re(r"\.[A-Za-z0-9_-]{6}\.", needs=(".",))
# cheap pre-checks on raw bytes, each starting at a literal (the ':' of a Telegram token,
# the '.' before Discord's timestamp part) so the regex engine skips ahead (a leading
# class would be tried at every position: 20x slower); Discord's id part is checked
# behind the match (23+ characters), since `.config.some_long_attribute_name` has the same tail
class _AnyOf:
    def __init__(self, *patterns):
        self.patterns = patterns

    def search(self, data: bytes) -> bool:
        return any(pattern.search(data) for pattern in self.patterns)


class _DiscordShape:
    """`rb"\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27}"` with 23 token characters before the match
    (what a look-behind would say: that pattern cost a tenth of a small scan's own patterns
    to compile; tests/test_startup.py checks that both agree)."""

    tail = lazy_re(rb"\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27}")

    def search(self, data: bytes) -> bool:
        start = 0
        while (match := self.tail.search(data, start)) is not None:
            begin = match.start()
            if begin >= 23 and not data[begin - 23:begin].translate(None, _TOKEN_BYTES):
                return True
            start = begin + 1
        return False


_TOKEN_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
_QUICK = _AnyOf(lazy_re(rb":[A-Za-z0-9_-]{35}"), _DiscordShape())


def redact(text: str) -> str:
    """`7012345678:AAH…[redacted]`: the bot id and three characters stay, to tell tokens apart
    (`MTAx…Nw.GTd…[redacted]` for Discord). Also any run of 12+ characters of a secret this
    scan found in the repository, which no pattern recognises once the text around it is
    gone (`app:AAH...` read as module:app)."""
    if _may_redact(text):  # a cheap necessary condition: most text has no token shape at all
        text = _REDACT.sub(lambda m: f"{m.group(1) or m.group(3) or ''}:{m.group(2) or m.group(4)}…[redacted]", text)
    if _may_redact_discord(text):
        text = _DISCORD_REDACT.sub(lambda m: f"{m.group(1)}.{m.group(2)}…[redacted]", text)
    return _scrub_known(text) if _KNOWN_GRAMS else text


_TOKEN_CHARS = WORD_CHARS | {"-"}
_SHORT = 4096  # a longer text (a whole plan, a diff) asks the patterns


def _may_redact(text: str) -> bool:
    """`_MAY_REDACT.search(text)` (`:` or `%3A` and 7 token characters) for a short text,
    without compiling it: commands and messages hold colons (`gunicorn app:app`)."""
    if len(text) > _SHORT:
        return _MAY_REDACT.search(text) is not None
    for marker in (":", "%3A", "%3a"):
        index = text.find(marker)
        while index != -1:
            tail = text[index + len(marker):index + len(marker) + 7]
            if len(tail) == 7 and _TOKEN_CHARS.issuperset(tail):
                return True
            index = text.find(marker, index + 1)
    return False


def _may_redact_discord(text: str) -> bool:
    """`_MAY_REDACT_DISCORD.search(text)` (`.`, 6 token characters, `.`) for a short text."""
    if len(text) > _SHORT:
        return _MAY_REDACT_DISCORD.search(text) is not None
    index = text.find(".")
    while index != -1:
        if text[index + 7:index + 8] == "." and _TOKEN_CHARS.issuperset(text[index + 1:index + 7]):
            return True
        index = text.find(".", index + 1)
    return False


_GRAM = 12
_KNOWN_GRAMS: set[str] = set()  # every 12-character piece of the secrets found so far
_RUN = lazy_re(r"[A-Za-z0-9_-]{12,}")


def remember(secret: str) -> None:
    """A secret found in the scanned files: `redact` removes pieces of it from any text."""
    _KNOWN_GRAMS.update(secret[i:i + _GRAM] for i in range(len(secret) - _GRAM + 1))


def _scrub_known(text: str) -> str:
    def scrub(match):
        run = match.group()
        if any(run[i:i + _GRAM] in _KNOWN_GRAMS for i in range(len(run) - _GRAM + 1)):
            return run[:3] + "…[redacted]"
        return run

    return _RUN.sub(scrub, text)


# -- placeholders ------------------------------------------------------------------------
# Documentation tokens (python-telegram-bot's `123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11`,
# Telegram's `110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw`) have a short id or a 34-char
# secret and never match TOKEN. What does match and is still no token: made-up values
# (`1234567890:AAAAAAAA...`, `...your_token_here...`). A real secret is 35 random
# characters: ~27 distinct ones, no long runs, no words.
_WORDS = lazy_re(r"(?i)example|your|token|here|xxxx|dummy|fake|placeholder|sample|changeme|secret|test")


def is_placeholder(token: str) -> bool:
    bot_id, _, secret = token.partition(":")
    return (
        len(set(bot_id)) <= 2
        or bot_id in "01234567890123456789" or bot_id in "98765432109876543210"
        or len(set(secret)) < 12
        or re.search(r"(.)\1{4}", secret) is not None
        or _WORDS.search(secret) is not None
        or _has_sequence(secret, 5)
        or _has_sequence(secret[0::2], 5) or _has_sequence(secret[1::2], 5)  # `AAH1a2b3c4d5e6...`: two runs interleaved
    )


def is_discord_placeholder(token: str) -> bool:
    """`MTIz...XXXXXX.YYYYYY.ZZZZ...`, `your.token.here`-like values: not drawn at random."""
    secret = token.rsplit(".", 1)[-1]
    return (len(set(secret)) < 12 or re.search(r"(.)\1{4}", secret) is not None
            or _WORDS.search(token) is not None or _has_sequence(secret, 5))


def _has_sequence(text: str, length: int) -> bool:
    """`abcde`, `12345`: typed by a person, not drawn at random."""
    run = 1
    for before, after in zip(text, text[1:]):
        run = run + 1 if ord(after) - ord(before) == 1 else 1
        if run >= length:
            return True
    return False


# -- which files ------------------------------------------------------------------------
SOURCE_EXTENSIONS = (".py", ".js", ".cjs", ".mjs", ".jsx", ".ts", ".cts", ".mts", ".tsx")
CONFIG_EXTENSIONS = (".json", ".yml", ".yaml", ".toml")
_LOCKFILES = lazy_re(r"(?i).*(-lock\.(json|ya?ml)|\.lock\.json|\.min\.js|\.map)$", needs=("lock.", ".min.js", ".map"))
_COMPOSE = lazy_re(r"(?i)^(docker-)?compose([.-][\w.-]+)?\.ya?ml$", needs=("compose",))
_COMPOSE_TAIL = WORD_CHARS | {".", "-"}


def _compose_named(name: str) -> bool:
    """`_COMPOSE.match(name)`, answered without compiling it for a plain name."""
    if not plain_name(name):
        return bool(_COMPOSE.match(name))
    lower = name.lower()
    rest = lower[7:] if lower.startswith("docker-") else lower
    if not rest.startswith("compose"):
        return False
    rest = rest[7:]
    for suffix in (".yml", ".yaml"):
        if rest.endswith(suffix):
            middle = rest[:-len(suffix)]
            if not middle or (len(middle) > 1 and middle[0] in ".-" and _COMPOSE_TAIL.issuperset(middle[1:])):
                return True
    return False
_PM2 = lazy_re(r"(?i)^(ecosystem([.-][\w.-]+)?|pm2([.-][\w.-]+)?|process)\.(config\.)?(c?js|mjs|json|ya?ml)$",
              needs=("ecosystem", "pm2", "process"))
# kinds whose files describe an environment the bot runs in (DPL202); source code does not
ENVIRONMENT_KINDS = frozenset({"env-file", "procfile", "dockerfile", "compose", "pm2", "railway", "config", "script"})


def file_kind(path: str) -> str | None:
    """What a file is, for token purposes; None: not read at all."""
    name = posixpath.basename(path)
    lower = name.lower()
    if name.startswith(".env") or lower.endswith(".env"):
        return "env-file"
    if name == "Procfile" or name.startswith("Procfile."):
        return "procfile"
    if name.startswith(("Dockerfile", "Containerfile")) or name == "dockerfile" or lower.endswith(".dockerfile"):
        return "dockerfile"
    if _LOCKFILES.match(name):
        return None
    if _compose_named(name):
        return "compose"
    if _PM2.match(name):
        return "pm2"
    if name in ("railway.json", "railway.toml"):
        return "railway"
    if name.startswith("railway.") and posixpath.basename(posixpath.dirname(path)) == ".railway" and \
            lower.endswith((".ts", ".mts", ".js", ".mjs", ".py", ".go")):
        return "railway"  # Infrastructure as Code: its `env` is the service's environment
    if lower.endswith((".sh", ".bash")):
        return "script"
    if lower.endswith(CONFIG_EXTENSIONS):
        return "config"
    if lower.endswith(SOURCE_EXTENSIONS):
        return "source"
    return None


# -- where tokens are written -------------------------------------------------------------
@dataclass(frozen=True)
class TokenUse:
    """One token literal in one file. `token` is the raw secret: never format it into
    text (it is left out of repr); use `redacted`."""

    token: str = field(repr=False)
    location: Location  # the token's own span
    kind: str  # file_kind()
    tracked: bool  # False: a .env* file git does not track (only DPL202 counts it)
    variable: str = ""  # the key it is assigned to, "" if none is written next to it
    environment: str = ""  # "docker-compose.yml (services.bot)"; "" for source code
    environment_key: tuple = ()  # identity of that environment: (path, line of its key)
    service: str = "telegram"  # or "discord"

    @property
    def redacted(self) -> str:
        return redact(self.token)

    @property
    def bot_id(self) -> str:
        return self.token.partition(":")[0] if self.service == "telegram" else self.token.partition(".")[0]

    @property
    def where(self) -> str:
        return f"{self.location.path}:{self.location.line}"


def token_uses(repo) -> list[TokenUse]:
    """Every non-placeholder token literal in the files worth reading, in path order."""
    return repo.memo(("secrets", "token-uses"), lambda: _token_uses(repo))


def _token_uses(repo) -> list[TokenUse]:
    candidates = [(p, k) for p in repo.files if (k := file_kind(p)) is not None]
    env_files = [p for p, k in candidates if k == "env-file"]
    untracked = set(repo.ignored_env_files) | _untracked(repo, env_files)
    candidates += [(p, "env-file") for p in repo.ignored_env_files]
    uses: list[TokenUse] = []
    for path, kind in sorted(candidates):
        uses.extend(_scan_file(repo, path, kind, tracked=path not in untracked))
    return uses


def _untracked(repo, env_files: list[str]) -> set[str]:
    """The .env* files git does not list, when the scanned root is a work tree's top."""
    if not env_files or not os.path.exists(os.path.join(repo.root, ".git")):
        return set()
    import subprocess  # only when a .env file asks whether git tracks it

    try:
        result = subprocess.run([*GIT, "-C", repo.root, "ls-files", "-z", "--", *env_files],
                                capture_output=True, timeout=15, env=git_environment(), stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return set()  # no git: fall back to .gitignore alone
    if result.returncode != 0:
        return set()
    listed = set(result.stdout.decode("utf-8", errors="replace").split("\0"))
    return {p for p in env_files if p not in listed}


# The scanned tree is untrusted: its .git/config must not run anything. Every setting
# that names a program git might start is overridden on the command line (which wins
# over the repository's config); system config is not read; no pager, no prompts.
GIT = ("git", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "core.pager=cat",
       "-c", "core.sshCommand=false", "-c", "core.askPass=false", "-c", "credential.helper=",
       "-c", "diff.external=", "-c", "core.untrackedCache=false", "-c", "protocol.allow=never",
       "-c", "core.gitProxy=", "-c", "uploadpack.packObjectsHook=", "-c", "safe.directory=",
       "--no-pager", "--no-replace-objects")


def git_environment() -> dict:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_TERMINAL_PROMPT="0", GIT_PAGER="cat", PAGER="cat",
               GIT_OPTIONAL_LOCKS="0", GIT_ASKPASS="false", SSH_ASKPASS="false")
    return env


def _scan_file(repo, path: str, kind: str, tracked: bool) -> list[TokenUse]:
    text = repo.peek(path, _QUICK)
    if text is None:
        return []
    lines = text.splitlines()
    uses = []
    test_file = _TEST_PATH.search(path) is not None
    for index, line in enumerate(lines):
        found = [(m, "telegram") for m in TOKEN.finditer(line) if not is_placeholder(m.group(0))]
        if "." in line:
            found += [(m, "discord") for m in DISCORD.finditer(line) if not is_discord_placeholder(m.group(0))]
        for match, service in found:
            remember(match.group(2) if service == "telegram" else match.group(3))
            if test_file and _published(lines, index):
                continue  # a test bot's token its project publishes on purpose ("public fallbacks")
            number = index + 1
            location = Location(path, number, match.start() + 1, number, match.end() + 1)
            environment, key = _environment(path, kind, lines, index)
            uses.append(TokenUse(match.group(0), location, kind, tracked, _variable(line[: match.start()], lines, index),
                                 environment, key, service))
    uses.sort(key=lambda use: (use.location.line, use.location.column))
    return uses


_TEST_PATH = lazy_re(r"(?:^|/)(?:tests?|spec|__tests__)/|(?:^|/)(?:test_[^/]*|[^/]*_test)\.py$|\.(?:test|spec)\.[jt]sx?$")
_PUBLIC_NOTE = lazy_re(r"(?i)(?:#|//|/\*|\*).*\bpublic(?:ly)?\b.*\b(?:tokens?|bots?|fallbacks?|tests?|credentials?)\b")


def _published(lines: list[str], index: int) -> bool:
    """A comment up to 12 lines above says the value is public (`# Provide some public
    fallbacks so contributors can run the tests`)."""
    return any(len(lines[n]) <= 500 and _PUBLIC_NOTE.search(lines[n]) for n in range(max(index - 12, 0), index))


_VARIABLE = lazy_re(r"""(?<![\w./-])([A-Za-z_][A-Za-z0-9_]*)["'\]]?\s*(?:[:=]|,|\s)\s*["'(]?\s*$""")
_NOT_NAMES = frozenset({"ENV", "ARG", "export", "set", "const", "let", "var", "http", "https"})


# words before a literal that are syntax, not a name: `X = getenv("X") or "<token>"` is X's
_KEYWORDS = frozenset({"or", "and", "else", "if", "return", "in", "is", "not", "await", "yield", "default",
                       "case", "then", "echo", "print"})
# `- key: BOT_TOKEN` + `value: <token>` (Render, Kubernetes `name:`), `"BOT_TOKEN": {"value": ...}` (app.json)
_VALUE_KEYS = frozenset({"value", "default"})
_ASSIGNED = lazy_re(r"""^\s*(?:export\s+|const\s+|let\s+|var\s+|self\.|this\.)?([A-Za-z_][A-Za-z0-9_]*)\s*(?::[^=]*)?=(?!=)""")
_SIBLING_NAME = lazy_re(r"""[ \t]*(?:-[ \t]*)?["']?(?:key|name)["']?[ \t]*:[ \t]*["']?([A-Za-z_][A-Za-z0-9_]*)["']?[ \t]*,?[ \t]*$""")


def _variable(before: str, lines: list[str] = (), index: int = 0) -> str:
    """The name a token is assigned to: `TOKEN=`, `TOKEN: "`, `"TOKEN": "`, `getenv("TOKEN", "`."""
    # another token earlier on the line is no name (its secret must not be quoted)
    text = _DISCORD_REDACT.sub("\0", _REDACT.sub("\0", before[-200:]))
    match = _VARIABLE.search(text)
    if match and "," in match.group(0) and not text[:match.start(1)].endswith(("'", '"')):
        return ""  # `re.match(PATTERN, "...")`: an argument beside a variable, not a value of it
    name = match.group(1) if match and match.group(1) not in _NOT_NAMES else ""
    if name in _VALUE_KEYS and lines:
        return _named_entry(lines, index)
    if name in _KEYWORDS or text.rstrip().rstrip("\"'`(").rstrip().endswith(("||", "??")):
        # `X = getenv("X") or "<token>"`; `const X = process.env.X || "<token>"`
        assigned = _ASSIGNED.match(text.rsplit("\n", 1)[-1])
        return assigned.group(1) if assigned and assigned.group(1) not in _KEYWORDS else ""
    return name


def _named_entry(lines: list[str], index: int) -> str:
    """The variable a `value:` line belongs to: the `key:`/`name:` of its list item (a few
    lines up, at the same indentation), else the mapping key that encloses it."""
    indent = _indent(lines[index])
    for number in range(index - 1, max(index - 4, -1), -1):
        sibling = _SIBLING_NAME.match(lines[number]) if len(lines[number]) <= 500 else None
        if sibling and _indent(lines[number].replace("-", " ", 1)) == indent:
            return sibling.group(1)
    chain = _enclosing_keys(lines, index)
    return chain[-1][0] if chain and chain[-1][0] not in _VALUE_KEYS else ""


# Keys that start a separate environment inside one file: compose services, Railway
# environments, PM2 `env`/`env_production`, CI jobs, and common stage names.
_ENVIRONMENT_KEY = lazy_re(
    r"(?i)^(env|env_[\w-]+|environment|production|prod|development|dev|staging|stage|test|testing|preview|local)$")
_GROUPS = frozenset({"services", "environments", "jobs", "apps"})


def _environment(path: str, kind: str, lines: list[str], index: int) -> tuple[str, tuple]:
    """The environment (label, identity) a token line belongs to; ("", ()) for source code."""
    if kind not in ENVIRONMENT_KINDS:
        return "", ()
    if kind == "procfile":  # each process type is its own dyno
        name = lines[index].split(":", 1)[0].strip()
        return f"{path} `{name}`", (path, index + 1)
    if kind in ("env-file", "dockerfile", "script"):
        return path, (path, 0)
    chain = _enclosing_keys(lines, index)
    for depth, (key, line) in enumerate(chain):
        parent = chain[depth - 1][0] if depth else ""
        if _ENVIRONMENT_KEY.match(key) or parent in _GROUPS:
            return f"{path} ({'.'.join(k for k, _ in chain[: depth + 1])})", (path, line)
    return path, (path, 0)


_KEY = lazy_re(r"""^\s*["']?([A-Za-z_$][\w$.-]*)["']?\s*:""")
_TABLE = lazy_re(r"^\s*\[+\s*([^\]]+?)\s*\]+\s*$")


def _enclosing_keys(lines: list[str], index: int) -> list[tuple[str, int]]:
    """The mapping keys that enclose line `index`, outermost first, with their lines.

    Read from indentation, which YAML requires and formatted JSON, JS object literals
    and TOML tables follow; a list item (`- name: x`) is a position, not a key."""
    indent = _indent(lines[index])
    chain: list[tuple[str, int]] = []
    for number in range(index - 1, -1, -1):
        text = lines[number]
        stripped = text.strip()
        if not stripped or stripped.startswith(("#", "//")):
            continue
        table = _TABLE.match(text)
        if table:  # TOML: the nearest table header encloses everything below it
            chain.extend((part.strip().strip('"'), number + 1) for part in reversed(table.group(1).split(".")))
            break
        level = _indent(text)
        if level >= indent:
            continue
        indent = level
        key = _KEY.match(text)
        if key and not stripped.startswith("-"):
            chain.append((key.group(1), number + 1))
        if level == 0:
            break
    return chain[::-1]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))
