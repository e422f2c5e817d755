"""Record classes for the data model: the `dataclasses.dataclass` declaration syntax at a
fraction of its import-time cost.

`dataclasses` compiles one piece of generated source per method and class (six for a
frozen class) and inspects every annotation; with ~70 record classes on the start-up
path that was a third of a small scan. Here only `__init__` is compiled, once, after a
class's first COMPILE_AFTER instances (built generically until then); the other methods
are closures. The subset deploylint
uses is supported and behaves like dataclasses:

- `@dataclass` and `@dataclass(frozen=True, eq=True)`; fields from the class's own
  annotations, in order (no inheritance of fields, no ClassVar/InitVar, no kw_only);
- `field(default=..., default_factory=..., repr=..., compare=...)`;
- generated `__init__` (compiled once a class is used a lot; calls `__post_init__`
  when defined), `__repr__`, `__eq__` (plain closures over the field names) and,
  as in dataclasses, `__hash__` over the compared fields for frozen classes and
  `__hash__ = None` for mutable ones with `eq`; a method the class defines itself is
  never replaced;
- frozen instances refuse `setattr`/`delattr` (`FrozenInstanceError`, an AttributeError);
- `replace(obj, **changes)` and `fields(cls_or_obj)`.
"""
from __future__ import annotations

from operator import attrgetter

__all__ = ["FrozenInstanceError", "dataclass", "field", "fields", "replace"]


class FrozenInstanceError(AttributeError):
    """Assignment to a field of a frozen record."""


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()
_FACTORY = _Missing()  # the default of an argument whose field has a default_factory


class Field:
    __slots__ = ("name", "default", "default_factory", "repr", "compare", "init")

    def __init__(self, default=MISSING, default_factory=MISSING, repr=True, compare=True, init=True):  # noqa: A002
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare
        self.init = init

    def __repr__(self) -> str:
        return f"Field(name={self.name!r})"


def field(*, default=MISSING, default_factory=MISSING, repr=True, compare=True, init=True):  # noqa: A002
    return Field(default, default_factory, repr, compare, init)


def dataclass(cls=None, /, *, frozen: bool = False, eq: bool = True, repr: bool = True):  # noqa: A002
    def wrap(cls):
        return _process(cls, frozen, eq, repr)

    return wrap if cls is None else wrap(cls)


def fields(class_or_instance) -> tuple[Field, ...]:
    try:
        return tuple(class_or_instance.__dataclass_fields__.values())
    except AttributeError:
        raise TypeError("must be called with a record class or instance") from None


def replace(obj, /, **changes):
    for item in obj.__dataclass_fields__.values():
        if item.init and item.name not in changes:
            changes[item.name] = getattr(obj, item.name)
    return obj.__class__(**changes)


def _process(cls, frozen: bool, eq: bool, with_repr: bool):
    own = cls.__dict__
    declared: dict[str, Field] = {}
    plain = True  # every field is an __init__ parameter, shown and compared
    seen_default = False
    for name in own.get("__annotations__", {}):
        value = own.get(name, MISSING)
        if isinstance(value, Field):  # as dataclasses: the class attribute is the plain default
            item = value
            if item.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, item.default)
            plain = plain and item.init and item.repr and item.compare
        else:
            item = Field(value)
        item.name = name
        declared[name] = item
        if not item.init:
            continue
        if item.default is not MISSING or item.default_factory is not MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {name!r} follows default argument")
    cls.__dataclass_fields__ = declared
    names = tuple(declared)
    if "__init__" not in own:
        _set(cls, "__init__", _lazy_init(cls, frozen, "__post_init__" in own))
    if with_repr and "__repr__" not in own:
        _set(cls, "__repr__", _repr(names if plain else [item.name for item in declared.values() if item.repr]))
    key = _key(names if plain else [item.name for item in declared.values() if item.compare])
    if eq and "__eq__" not in own:
        _set(cls, "__eq__", _eq(key))
    explicit_hash = "__hash__" in own and own["__hash__"] is not None
    if eq and frozen and not explicit_hash:
        _set(cls, "__hash__", _hash(key))
    elif eq and not explicit_hash:
        cls.__hash__ = None
    if frozen:
        _set(cls, "__setattr__", _refuse(cls, frozenset(names), "assign to"))
        _set(cls, "__delattr__", _refuse(cls, frozenset(names), "delete"))
    cls.__match_args__ = names if plain else tuple(item.name for item in declared.values() if item.init)
    return cls


def _set(cls, name: str, method) -> None:
    method.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, method)


def _key(names: list[str]):
    """A function from an instance to the tuple of its compared fields."""
    if not names:
        return lambda _self: ()
    getter = attrgetter(*names)
    if len(names) == 1:
        return lambda self: (getter(self),)
    return getter


def _eq(key):
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    return __eq__


def _hash(key):
    def __hash__(self):
        return hash(key(self))

    return __hash__


def _repr(names: list[str]):
    def __repr__(self):
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__


def _refuse(cls, names: frozenset, verb: str):
    base = super(cls, cls)
    if verb == "assign to":
        def __setattr__(self, name, value):
            if self.__class__ is cls or name in names:
                raise FrozenInstanceError(f"cannot assign to field {name!r}")
            base.__setattr__(self, name, value)

        return __setattr__

    def __delattr__(self, name):
        if self.__class__ is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        base.__delattr__(self, name)

    return __delattr__


COMPILE_AFTER = 64  # instances of a class built by the generic __init__ before it is compiled


def _lazy_init(cls, frozen: bool, post_init: bool):
    """An `__init__` that fills fields generically for a class's first COMPILE_AFTER
    instances, then compiles the real one and puts it in its place: a small scan (a few
    instances of each of ~30 classes) compiles nothing, a large one pays one compile per
    class for a faster `__init__`."""
    built = 0
    plan: tuple | None = None  # the field list as the generic __init__ reads it, made on first use

    def __init__(self, *args, **kwargs):
        nonlocal built, plan
        built += 1
        if built <= COMPILE_AFTER:
            if plan is None:
                plan = _init_plan(cls)
            _generic_init(cls, self, args, kwargs, frozen, post_init, plan)
            return
        real = _compile_init(cls, frozen, post_init)
        _set(cls, "__init__", real)
        real(self, *args, **kwargs)

    return __init__


def _init_plan(cls) -> tuple:
    """(the parameter names, the field names, then per field: name, whether it is a parameter, default, factory)."""
    declared = cls.__dataclass_fields__.values()
    return (tuple(item.name for item in declared if item.init), tuple(item.name for item in declared),
            tuple((item.name, item.init, item.default, item.default_factory) for item in declared))


def _generic_init(cls, self, args: tuple, kwargs: dict, frozen: bool, post_init: bool, plan: tuple) -> None:
    """What the compiled `__init__` does, read from the field list (same errors)."""
    params, names, items = plan
    if len(args) > len(params):
        _too_many(cls, params, len(args))
    given = dict(zip(params, args)) if len(args) < len(params) or kwargs else None
    for key, value in kwargs.items():
        if key not in params:
            raise TypeError(f"{cls.__qualname__}.__init__() got an unexpected keyword argument {key!r}")
        if key in given:
            raise TypeError(f"{cls.__qualname__}.__init__() got multiple values for argument {key!r}")
        given[key] = value
    values, missing = [], None
    position = 0
    for name, init, default, factory in items:
        if init and given is None:  # every parameter given by position
            values.append(args[position])
            position += 1
        elif init and name in given:
            values.append(given[name])
        elif factory is not MISSING:
            values.append(factory())
        elif default is not MISSING:
            values.append(default)
        else:
            missing = (missing or []) + [repr(name)]
    if missing:
        _missing(cls, missing)
    assign = object.__setattr__ if frozen else setattr
    for name, value in zip(names, values):
        assign(self, name, value)
    if post_init:
        self.__post_init__()


def _too_many(cls, params: tuple, given: int) -> None:
    declared = cls.__dataclass_fields__.values()
    required = sum(1 for item in declared if item.init and item.default is MISSING and item.default_factory is MISSING)
    takes = f"from {required + 1} to {len(params) + 1}" if required < len(params) else f"{len(params) + 1}"
    raise TypeError(f"{cls.__qualname__}.__init__() takes {takes} positional arguments but {given + 1} were given")


def _missing(cls, missing: list[str]) -> None:
    listed = missing[0] if len(missing) == 1 else (
        f"{missing[0]} and {missing[1]}" if len(missing) == 2 else ", ".join(missing[:-1]) + f", and {missing[-1]}")
    raise TypeError(f"{cls.__qualname__}.__init__() missing {len(missing)} required positional "
                    f"argument{'s' if len(missing) > 1 else ''}: " + listed)


def _compile_init(cls, frozen: bool, post_init: bool):
    namespace: dict[str, object] = {"_FACTORY": _FACTORY}
    params, body = ["self"], []
    for item in cls.__dataclass_fields__.values():
        if item.default_factory is not MISSING:
            namespace[f"_f_{item.name}"] = item.default_factory
        elif item.default is not MISSING:
            namespace[f"_d_{item.name}"] = item.default
        if not item.init:
            value = f"_f_{item.name}()" if item.default_factory is not MISSING else f"_d_{item.name}"
        elif item.default_factory is not MISSING:
            params.append(f"{item.name}=_FACTORY")
            value = f"_f_{item.name}() if {item.name} is _FACTORY else {item.name}"
        elif item.default is not MISSING:
            params.append(f"{item.name}=_d_{item.name}")
            value = item.name
        else:
            params.append(item.name)
            value = item.name
        body.append(f"  _set(self, {item.name!r}, {value})" if frozen else f"  self.{item.name} = {value}")
    if post_init:
        body.append("  self.__post_init__()")
    lines = [f"def __init__({', '.join(params)}):"]
    if frozen:
        lines.append("  _set = object.__setattr__")
    lines.extend(body or ["  pass"])
    exec("\n".join(lines), namespace)  # noqa: S102 - our own generated method, never file text
    return namespace["__init__"]
