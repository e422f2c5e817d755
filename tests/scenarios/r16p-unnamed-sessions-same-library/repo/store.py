import json
import os


def load(kind: str) -> dict:
    with open(os.environ.get("ACCOUNTS", "accounts.json")) as handle:
        return json.load(handle)[kind]
