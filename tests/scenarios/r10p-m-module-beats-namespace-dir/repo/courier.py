"""Old single-file version, kept for reference: `python -m courier` no longer runs it."""
DEFAULT_CHAT = 0


def describe():
    return "legacy courier"
