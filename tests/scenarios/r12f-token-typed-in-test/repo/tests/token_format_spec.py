import re

PATTERN = r"^\d{6,12}:[A-Za-z0-9_-]{35}$"


def test_realistic_token_accepted():
    assert re.match(PATTERN, "7123456789:AAH1a2b3c4d5e6f7g8h9i0j1k2l3m4n5o6p")
