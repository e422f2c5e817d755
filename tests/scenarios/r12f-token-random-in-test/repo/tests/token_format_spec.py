import re

PATTERN = r"^\d{6,12}:[A-Za-z0-9_-]{35}$"


def test_realistic_token_accepted():
    assert re.match(PATTERN, "6093847152:AA8isSwBv9j6dAS4vUraHZJrzLCHcL24O2R")
