"""One truth for config structure: the quick pass in deploylint/schema.py (which spares
importing jsonschema for ordinary files) must never accept a value that jsonschema
rejects. Property-based: hypothesis generates values guided by each shipped schema
(known keys, enum words, numbers around the bounds, strings near the patterns) and
random JSON besides; whenever the quick pass says "fits", jsonschema must agree."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
import jsonschema  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from deploylint import schema as quick  # noqa: E402

SCHEMAS = sorted(p.name.removesuffix(".schema.json")
                 for p in (Path(quick.__file__).parent / "schemas").glob("*.schema.json"))

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.integers(), st.floats(allow_nan=True),
                    st.sampled_from(["", "max", "maxx", "-1", "0", "2", "fork", "cluster", "always", "on-failure",
                                     "NIXPACKS", "DOCKERFILE", "RAILPACK", "ON_FAILURE", "NEVER", "x" * 3]),
                    st.text(max_size=8))
any_json = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                        max_leaves=12)


def guided(spec, root, depth=0):
    """Values shaped like `spec`, with some noise."""
    if not isinstance(spec, dict) or depth > 6:
        return any_json
    spec_options = []
    if "$ref" in spec:
        spec_options.append(guided(quick._resolve(spec, root), root, depth + 1))
    for key in ("anyOf", "oneOf", "allOf"):
        spec_options += [guided(option, root, depth + 1) for option in spec.get(key, [])]
    if "enum" in spec:
        spec_options.append(st.sampled_from(spec["enum"]))
    kinds = spec.get("type", [])
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if "integer" in kinds or "number" in kinds or "minimum" in spec:
        low = spec.get("minimum", 0)
        spec_options.append(st.one_of(st.integers(low - 3, low + 3), st.floats(low - 2, low + 2), st.integers()))
    if "string" in kinds or "pattern" in spec:
        spec_options.append(st.one_of(st.text(max_size=10), st.from_regex(spec["pattern"], fullmatch=False)
                                      if "pattern" in spec else st.text(max_size=3)))
    props = spec.get("properties", {})
    if props or "object" in kinds:
        known = st.fixed_dictionaries({}, optional={k: guided(v, root, depth + 1) for k, v in props.items()})
        noisy = st.dictionaries(st.sampled_from([*props, "unknown", "Replicas"]) if props else st.text(max_size=5),
                                st.deferred(lambda: guided(spec.get("additionalProperties", {}), root, depth + 1)),
                                max_size=3)
        spec_options += [known, known, known, noisy]
    if "items" in spec or "array" in kinds:
        spec_options.append(st.lists(guided(spec.get("items", {}), root, depth + 1), max_size=3))
    # mostly well-shaped values (so deep keys are reached), sometimes anything at all
    return st.one_of(*(spec_options * 3), scalars) if spec_options else any_json


def leaves(spec, root, path=(), depth=0):
    """(key path, schema) of every place a value sits, walking properties, maps and lists."""
    spec = quick._resolve(spec, root) if isinstance(spec, dict) else spec
    if not isinstance(spec, dict) or depth > 8:
        return
    yield path, spec
    for key, child in spec.get("properties", {}).items():
        yield from leaves(child, root, path + (key,), depth + 1)
    if isinstance(spec.get("additionalProperties"), dict):
        yield from leaves(spec["additionalProperties"], root, path + ("production",), depth + 1)
    if isinstance(spec.get("items"), dict):
        yield from leaves(spec["items"], root, path + (0,), depth + 1)
    for option in spec.get("anyOf", []) + spec.get("allOf", []):
        yield from leaves(option, root, path, depth + 1)


def build(path, value, required):
    """A document with `value` at `path` (lists of one item; required keys filled in)."""
    for key in reversed(path):
        value = [value] if key == 0 else {key: value}
        if isinstance(value, dict):
            value.update({k: "x" for k in required.get(path[: path.index(key)], ()) if k not in value})
    return value


def at_one_place(spec):
    places = list(leaves(spec, spec))
    required = {}
    for path, node in places:
        required.setdefault(path, node.get("required", []))
    return st.sampled_from(places).flatmap(
        lambda place: st.one_of(guided(place[1], spec), scalars).map(lambda v: build(place[0], v, required)))


@pytest.mark.parametrize("name", SCHEMAS)
def test_quick_pass_never_accepts_what_jsonschema_rejects(name):
    spec = quick.schema(name)
    validator = jsonschema.Draft202012Validator(spec)
    accepted = []

    @settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(st.one_of(at_one_place(spec), at_one_place(spec), guided(spec, spec), any_json))
    def check(value):
        if quick._plausible(value, spec, spec):
            accepted.append(value)
            assert validator.is_valid(value), (
                f"{name}: quick pass accepted {json.dumps(value, default=str)[:300]} but jsonschema says: "
                f"{next(iter(validator.iter_errors(value))).message}")

    check()


@pytest.mark.parametrize("name,document", [
    ("railway", {"deploy": {"numReplicas": -1}}),
    ("railway", {"deploy": {"numReplicas": 1.5}}),
    ("pm2", {"apps": [{"name": "bot", "script": "bot.js", "instances": "maxx"}]}),
    ("pm2", {"apps": [{"name": "bot", "script": "bot.js", "instances": True}]}),
])
def test_values_the_issue_named_are_handed_to_jsonschema(name, document):
    spec = quick.schema(name)
    if jsonschema.Draft202012Validator(spec).is_valid(document):
        pytest.skip(f"the {name} schema allows {document}")
    assert not quick._plausible(document, spec, spec)


def test_ordinary_documents_stay_on_the_quick_path():
    spec = quick.schema("railway")
    assert quick._plausible({"deploy": {"startCommand": "python bot.py", "numReplicas": 1}}, spec, spec)
