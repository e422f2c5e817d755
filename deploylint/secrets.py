"""Telegram bot tokens: recognise them, and never print one.

A token is `<bot id: 8-10 digits>:<35 characters of [A-Za-z0-9_-]>`. Every reporter
passes all text it writes through `redact`.
"""
from __future__ import annotations

import re

TOKEN = re.compile(r"(?<![A-Za-z0-9_-])(\d{8,10}):([A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])")


def redact(text: str) -> str:
    """`7012345678:AAH…[redacted]`: the bot id and three characters stay, to tell tokens apart."""
    return TOKEN.sub(lambda m: f"{m.group(1)}:{m.group(2)[:3]}…[redacted]", text)
