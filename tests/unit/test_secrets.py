"""deploylint.secrets: token recognition, placeholders, redaction, where tokens are written."""
from __future__ import annotations

import random
import string
import subprocess

import pytest

from deploylint.discover import discover
from deploylint.secrets import TOKEN, file_kind, is_placeholder, redact, token_uses

ALPHABET = string.ascii_letters + string.digits + "_-"


def fake_token(bot_id: str = "7012345678", seed: int = 1) -> str:
    """A token-shaped random value (built at run time: no secret-looking literal in the test)."""
    rng = random.Random(seed)
    while True:
        token = f"{bot_id}:AA" + "".join(rng.choice(ALPHABET) for _ in range(33))
        if not is_placeholder(token):
            return token


def build(tmp_path, files):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return discover(tmp_path)


def test_token_shape():
    token = fake_token()
    assert TOKEN.fullmatch(token)
    assert not TOKEN.search("x" + token)  # glued to other token characters: not a token
    assert not TOKEN.search(token + "A")
    assert not TOKEN.search("1234567:" + token.split(":")[1])  # 7-digit id


@pytest.mark.parametrize("value", [
    "123456789:ABCdefGhIJKlmnoPQRsTUVwxyZ123456789",  # sequential id and letters
    "1234567890:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "8888888888:AAAAbbbbCCCCddddEEEEffffGGGGhhhh123",
    "7012345678:your_bot_token_here_from_botfather1",
    "7012345678:EXAMPLEtokenq9Wc3vB7nM2xK5pL8rT4yZ1",
])
def test_placeholders_are_not_tokens(value):
    assert len(value.split(":")[1]) == 35
    assert TOKEN.fullmatch(value), value
    assert is_placeholder(value)


def test_documentation_tokens_never_match():
    # python-telegram-bot's and Telegram's own examples: 6-digit id / 34-char secret
    assert not TOKEN.search("123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11")
    assert not TOKEN.search("110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")


def test_redact_keeps_id_and_three_characters():
    token = fake_token()
    text = redact(f"TOKEN={token} and https://api.telegram.org/bot{token}/getUpdates")
    assert token not in text
    assert text.count(f"7012345678:{token.split(':')[1][:3]}…[redacted]") == 2
    assert text.endswith("/getUpdates")


def test_token_in_a_bot_api_url_is_found():
    token = fake_token()
    assert TOKEN.search(f"https://api.telegram.org/bot{token}/sendMessage").group(0) == token


@pytest.mark.parametrize("path, kind", [
    (".env", "env-file"), ("deploy/.env.production", "env-file"), ("prod.env", "env-file"),
    ("Procfile", "procfile"), ("Dockerfile.prod", "dockerfile"), ("docker-compose.override.yml", "compose"),
    ("compose.yaml", "compose"), ("ecosystem.config.js", "pm2"), ("railway.toml", "railway"),
    ("start.sh", "script"), ("config/settings.yaml", "config"), ("bot.py", "source"), ("src/index.ts", "source"),
    ("package-lock.json", None), ("README.md", None), ("data.csv", None), ("bot.log", None),
])
def test_file_kinds(path, kind):
    assert file_kind(path) == kind


def test_environments_in_structured_files(tmp_path):
    token = fake_token()
    repo = build(tmp_path, {
        "docker-compose.yml": f"services:\n  bot:\n    environment:\n      TELEGRAM_TOKEN: {token}\n"
                              f"  worker:\n    environment:\n      - TELEGRAM_TOKEN={token}\n",
        "ecosystem.config.js": "module.exports = {\n  apps: [\n    {\n      name: 'bot',\n"
                               f"      env_production: {{\n        BOT_TOKEN: '{token}',\n      }},\n"
                               f"      env_development: {{\n        BOT_TOKEN: '{token}',\n      }},\n    }},\n  ],\n}};\n",
        "railway.toml": f"[environments.staging.variables]\nTOKEN = \"{token}\"\n",
        "Procfile": f"web: python web.py\nworker: TELEGRAM_TOKEN={token} python bot.py\n",
        "bot.py": f'TOKEN = os.getenv("TELEGRAM_TOKEN", "{token}")\n',
    })
    uses = {(u.location.path, u.location.line): u for u in token_uses(repo)}
    assert uses[("docker-compose.yml", 4)].environment == "docker-compose.yml (services.bot)"
    assert uses[("docker-compose.yml", 4)].variable == "TELEGRAM_TOKEN"
    assert uses[("docker-compose.yml", 7)].environment == "docker-compose.yml (services.worker)"
    assert uses[("docker-compose.yml", 7)].variable == "TELEGRAM_TOKEN"
    assert uses[("ecosystem.config.js", 6)].environment == "ecosystem.config.js (apps.env_production)"
    assert uses[("ecosystem.config.js", 9)].environment == "ecosystem.config.js (apps.env_development)"
    assert uses[("railway.toml", 2)].environment == "railway.toml (environments.staging)"
    assert uses[("Procfile", 2)].environment == "Procfile `worker`"
    assert uses[("Procfile", 2)].location.column == len("worker: TELEGRAM_TOKEN=") + 1
    assert uses[("bot.py", 1)].environment == "" and uses[("bot.py", 1)].variable == "TELEGRAM_TOKEN"
    assert token not in repr(uses[("bot.py", 1)])


def test_gitignored_env_files_are_untracked(tmp_path):
    token = fake_token()
    repo = build(tmp_path, {".gitignore": ".env\n", ".env": f"TOKEN={token}\n", ".env.example": f"TOKEN={token}\n"})
    tracked = {u.location.path: u.tracked for u in token_uses(repo)}
    assert tracked == {".env": False, ".env.example": True}


def test_git_ls_files_decides_in_a_work_tree(tmp_path):
    token = fake_token()
    repo_files = {".env.staging": f"TOKEN={token}\n", ".env.local": f"TOKEN={token}\n"}
    build(tmp_path, repo_files)
    try:
        subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
        subprocess.run(["git", "-C", str(tmp_path), "add", ".env.staging"], check=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("git is not available")
    tracked = {u.location.path: u.tracked for u in token_uses(discover(tmp_path))}
    assert tracked == {".env.staging": True, ".env.local": False}


def test_large_binary_and_unlisted_files_are_not_read(tmp_path):
    token = fake_token()
    (tmp_path / "dump.json").write_bytes(b"\0" + token.encode())
    (tmp_path / "notes.md").write_text(token)
    (tmp_path / "big.py").write_text("# " + "x" * 2_100_000 + token)
    repo = discover(tmp_path)
    assert token_uses(repo) == []
    assert repo.findings == []  # reading for tokens never reports DPL001


# -- Discord bot tokens ---------------------------------------------------------------------
def fake_discord_token(seed: int = 3) -> str:
    import base64

    from deploylint.secrets import is_discord_placeholder

    rng = random.Random(seed)
    while True:
        token = (base64.b64encode(b"1109876543210987654").decode().rstrip("=") + "."
                 + "".join(rng.choice(ALPHABET) for _ in range(6)) + "."
                 + "".join(rng.choice(ALPHABET) for _ in range(38)))
        if not is_discord_placeholder(token):
            return token


def test_a_discord_token_is_recognised_and_redacted_keeping_only_the_public_id_part():
    from deploylint.secrets import DISCORD

    token = fake_discord_token()
    identity, stamp, secret = token.split(".")
    assert DISCORD.search(f"TOKEN = '{token}'").group(0) == token
    for text in (f"python bot.py {token}", f"python bot.py {token[:40]}…", f"x{token}y", f"{token}.py"):
        shown = redact(text)
        assert secret[:8] not in shown and stamp[3:] not in shown, shown
        assert identity in shown and "[redacted]" in shown


def test_discord_look_alikes_and_placeholders_are_not_tokens():
    from deploylint.secrets import DISCORD, is_discord_placeholder

    assert not DISCORD.search("settings.config_section.send_emergency_notification_to_the_admins")
    assert not DISCORD.search("NODE_ENV_PRODUCTION_SETTINGS.config.value")
    assert is_discord_placeholder("MTAwMDAwMDAwMDAwMDAwMDAwMA.XXXXXX.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")
    assert is_discord_placeholder("NzkyNzE1NDU0MTk2MDg4ODQy.abcdef.your_token_here_replace_me_with_it")
    assert redact("app.main:app, a.b.c and NODE_ENV_PRODUCTION_SETTINGS.config") == \
        "app.main:app, a.b.c and NODE_ENV_PRODUCTION_SETTINGS.config"


def test_discord_token_uses_carry_their_service_and_no_file_name_as_variable(tmp_path):
    token = fake_discord_token(4)
    repo = build(tmp_path, {"Procfile": f"worker: python bot.py {token}\n",
                            "bot.py": f"import discord\nTOKEN = \"{token}\"\n"})
    uses = token_uses(repo)
    assert [(u.location.path, u.service, u.variable) for u in uses] == [
        ("Procfile", "discord", ""), ("bot.py", "discord", "TOKEN")]
    assert uses[0].bot_id == token.split(".")[0]


@pytest.mark.parametrize("before, name", [
    ('BOT_TOKEN = os.getenv("BOT_TOKEN") or os.getenv("TELEGRAM_BOT_TOKEN") or "', "BOT_TOKEN"),
    ('    self.token = settings.token or "', "token"),
    ('token: str = env.get("T") or "', "token"),
    ('const TOKEN = process.env.TOKEN || "', "TOKEN"),
    ('TOKEN = x if y else "', "TOKEN"),
    ('    return "', ""),
    ('if token == x or "', ""),
    ('print("', ""),
])
def test_the_name_is_the_statement_target_not_an_operator(before, name):
    from deploylint.secrets import _variable

    assert _variable(before) == name
