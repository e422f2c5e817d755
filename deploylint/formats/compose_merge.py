"""Compose services as merged data: the Compose merge rules for override files and
`extends` (https://docs.docker.com/compose/how-tos/multiple-compose-files/merge/):
mappings merge, `command`/`entrypoint` and scalars replace, other sequences append,
`environment`/`labels` merge by name, `!reset` removes and `!override` replaces. Each
service remembers where its keys are written and which directory its paths are
relative to."""
from __future__ import annotations

from ..record import dataclass, field

from ..model import Location
from .. import yamlfile

_REPLACE = {"command", "entrypoint", "test"}  # sequences that replace instead of appending
_BY_NAME = {"environment", "labels", "annotations", "sysctls", "args", "extra_hosts"}  # list or map, merged by name


# -- one service, merged from its files -------------------------------------------------
@dataclass
class Service:
    name: str
    data: dict
    location: Location  # the service's key in the file that first defines it
    keys: dict[tuple, Location] = field(default_factory=dict)  # key path -> key location
    values: dict[tuple, Location] = field(default_factory=dict)  # key path -> value location
    dirs: dict[str, str] = field(default_factory=dict)  # top-level key -> dir its paths are relative to

    def key(self, *path) -> Location:
        return _nearest(self.keys, path, self.location)

    def value(self, *path) -> Location:
        return self.values.get(tuple(path)) or self.key(*path)

    def get(self, *path, default=None):
        node = self.data
        for key in path:
            if not isinstance(node, dict) or key not in node:
                return default
            node = node[key]
        return node


def _nearest(table: dict[tuple, Location], path: tuple, default: Location) -> Location:
    path = tuple(path)
    while path:
        if path in table:
            return table[path]
        path = path[:-1]
    return default


def _key_where(path: str, mapping, key) -> Location:
    """Where `key` is written, also when it comes from a `<<: *anchor` merge."""
    own = getattr(mapping, "_ok", None)
    if own is None or key in own:
        return yamlfile.where(path, mapping, key)
    for item in getattr(mapping, "merge", None) or []:
        source = item[1] if isinstance(item, tuple) else item
        if isinstance(source, dict) and key in source:
            return _key_where(path, source, key)
    return yamlfile.where(path, mapping)


def _value_where(path: str, mapping, key) -> Location:
    own = getattr(mapping, "_ok", None)
    if own is not None and key not in own:
        for item in getattr(mapping, "merge", None) or []:
            source = item[1] if isinstance(item, tuple) else item
            if isinstance(source, dict) and key in source:
                return _value_where(path, source, key)
    return yamlfile.value_where(path, mapping, key)


def _index(path: str, node, prefix: tuple, keys: dict, values: dict, depth: int = 0) -> None:
    if depth > 4:
        return
    if isinstance(node, dict):
        for key, item in node.items():
            keys[prefix + (key,)] = _key_where(path, node, key)
            values[prefix + (key,)] = _value_where(path, node, key)
            _index(path, item, prefix + (key,), keys, values, depth + 1)
    elif isinstance(node, list):
        for number, item in enumerate(node):
            keys[prefix + (number,)] = yamlfile.where(path, node, number)
            _index(path, item, prefix + (number,), keys, values, depth + 1)


def _tag(value) -> str | None:
    return getattr(getattr(value, "tag", None), "value", None)


def merge(base, over, key: str = ""):
    """Compose's merge of `over` onto `base` (override files and `extends`)."""
    if _tag(over) == "!override":
        return _normalise(over, key)
    over = _normalise(over, key)
    base = _normalise(base, key)
    if key in _REPLACE or base is None:
        return over
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for name, item in over.items():
            if _tag(item) == "!reset":
                merged.pop(name, None)
            else:
                merged[name] = merge(base.get(name), item, str(name))
        return merged
    if isinstance(base, list) and isinstance(over, list):
        return [*base, *(item for item in over if item not in base)]
    return over


def _normalise(value, key: str):
    """The long form of short syntaxes, so both sides of a merge match."""
    if key == "build" and isinstance(value, str):
        return {"context": value}
    if key in _BY_NAME and isinstance(value, list):
        pairs = {}
        for item in value:
            name, sep, text = str(item).partition("=")
            pairs[name] = text if sep else None
        return pairs
    if isinstance(value, dict) and not key:
        return {k: v for k, v in value.items() if _tag(v) != "!reset"}
    return value


def _combined(base: Service | None, over: Service, location: Location | None = None) -> Service:
    """`over` merged onto `base`; the service is found at `location` (default: where `base` is)."""
    if base is None:
        return Service(over.name, merge({}, over.data), over.location, dict(over.keys), dict(over.values), dict(over.dirs))
    return Service(over.name, merge(base.data, over.data), location or base.location, {**base.keys, **over.keys},
                   {**base.values, **over.values}, {**base.dirs, **over.dirs})
