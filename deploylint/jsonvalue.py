"""`json.loads` for a scan that reads little JSON (a schema, a Dockerfile's exec-form CMD).

Importing the `json` package (its encoder, decoder and their patterns) costs ~2 % of a
small scan; the C scanner `json.loads` itself parses with is a built-in module. Formats
that read JSON files (package.json, railway.json) import `json` as usual.
"""
from __future__ import annotations


class _Decoding:
    """What `json`'s own C scanner reads its options from: json.loads's defaults."""
    strict = True
    object_hook = object_pairs_hook = None
    parse_float, parse_int = float, int
    parse_constant = {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}.__getitem__


def json_value(text: str):
    """`json.loads(text)`, parsed by the C scanner json.loads itself uses. Anything but a
    clean parse by that scanner (another Python, an error to report) goes to json.loads,
    which decides and raises what it raises."""
    try:
        from _json import make_scanner

        start = len(text) - len(text.lstrip(" \t\n\r"))
        value, end = make_scanner(_Decoding)(text, start)
        if not text[end:].strip(" \t\n\r"):
            return value
    except Exception:  # noqa: BLE001 - json.loads decides (and raises what it raises)
        pass
    import json

    return json.loads(text)
