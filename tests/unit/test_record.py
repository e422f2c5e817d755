"""deploylint.record behaves like dataclasses for the subset the data model uses."""
from __future__ import annotations

import dataclasses

import pytest

from deploylint import record


@pytest.fixture(autouse=True, params=["generic", "compiled"])
def init_kind(request, monkeypatch):
    """Every test runs with the generic `__init__` (a class's first instances) and with
    the compiled one (a class used a lot)."""
    monkeypatch.setattr(record, "COMPILE_AFTER", 10**9 if request.param == "generic" else 0)
    return request.param


def _pair(frozen: bool):
    """The same declaration through dataclasses and through record."""
    made = []
    for module in (dataclasses, record):
        @module.dataclass(frozen=frozen)
        class Point:
            """A point."""

            x: int
            y: int = 2
            tags: tuple = module.field(default_factory=tuple)
            note: str = module.field(default="", repr=False, compare=False)

        made.append(Point)
    return made


@pytest.mark.parametrize("frozen", [True, False])
def test_same_init_repr_eq_hash(frozen):
    ref, ours = _pair(frozen)
    for args, kwargs in [((1,), {}), ((1, 3), {"note": "n"}), ((), {"x": 5, "tags": (1,)})]:
        a, b = ref(*args, **kwargs), ours(*args, **kwargs)
        assert repr(a) == repr(b)
        assert (a.x, a.y, a.tags, a.note) == (b.x, b.y, b.tags, b.note)
    assert ours(1) == ours(1, note="other")  # compare=False field ignored
    assert ours(1) != ours(2)
    assert ours(1).__eq__(object()) is NotImplemented
    assert ours(1).tags == ()
    if frozen:
        assert hash(ours(1, 2)) == hash(ours(1, 2, note="x"))
        with pytest.raises(record.FrozenInstanceError):
            ours(1).x = 3
        with pytest.raises(AttributeError):
            del ours(1).x
    else:
        assert ours.__hash__ is None and ref.__hash__ is None
        point = ours(1)
        point.x = 4
        assert point.x == 4


def test_class_attributes_and_match_args_like_dataclasses():
    ref, ours = _pair(True)
    assert ours.y == ref.y == 2
    assert not hasattr(ours, "tags") and not hasattr(ref, "tags")
    assert ours.__match_args__ == ref.__match_args__
    assert [f.name for f in record.fields(ours)] == [f.name for f in dataclasses.fields(ref)]


def test_replace_keeps_other_fields_and_reruns_init():
    _, ours = _pair(True)
    point = ours(1, 5, tags=(1,), note="n")
    moved = record.replace(point, x=9)
    assert (moved.x, moved.y, moved.tags, moved.note) == (9, 5, (1,), "n")


def test_own_methods_are_kept_and_post_init_runs():
    calls = []

    @record.dataclass
    class Box:
        size: int = 0

        def __repr__(self) -> str:
            return "box"

        def __post_init__(self) -> None:
            calls.append(self.size)

    assert repr(Box(3)) == "box" and calls == [3]

    @record.dataclass(frozen=True, eq=False)
    class Handle:
        name: str

    first, second = Handle("a"), Handle("a")
    assert first != second and len({first, second}) == 2  # identity semantics, as dataclasses


def test_non_default_after_default_is_refused():
    with pytest.raises(TypeError):
        @record.dataclass
        class Bad:
            a: int = 1
            b: int


@pytest.mark.parametrize("frozen", [True, False])
def test_same_errors_for_bad_arguments(frozen):
    ref, ours = _pair(frozen)
    for args, kwargs in (((), {}), ((1, 2, (), "", 5), {}), ((1,), {"x": 1}), ((1,), {"z": 1}),
                         ((), {"y": 1}), ((1,), {"tags": [1]})):
        try:
            expected = ref(*args, **kwargs)
        except TypeError as error:
            with pytest.raises(TypeError) as ours_error:
                ours(*args, **kwargs)
            assert str(ours_error.value).split("()", 1)[1] == str(error).split("()", 1)[1]
        else:
            got = ours(*args, **kwargs)
            assert (got.x, got.y, got.tags, got.note) == (expected.x, expected.y, expected.tags, expected.note)


def test_compiled_after_many_instances(monkeypatch):
    monkeypatch.setattr(record, "COMPILE_AFTER", 3)

    @record.dataclass(frozen=True)
    class Item:
        name: str
        size: int = 0

    lazy = Item.__init__
    items = [Item(str(n), size=n) for n in range(5)]
    assert Item.__init__ is not lazy  # the compiled one took its place
    assert [(i.name, i.size) for i in items] == [(str(n), n) for n in range(5)]


@pytest.mark.parametrize("frozen", [True, False])
def test_plain_classes_and_declaration_errors_like_dataclasses(frozen):
    """A class whose fields are all plain (the start-up path reuses one name tuple for
    repr, compare and __match_args__), and the errors a declaration or a call raises."""
    made = []
    for module in (dataclasses, record):
        @module.dataclass(frozen=frozen)
        class Plain:
            a: int
            b: str = "x"

        made.append(Plain)
    ref, ours = made
    assert ours.__match_args__ == ref.__match_args__ == ("a", "b")
    assert repr(ours(1)) == repr(ref(1)) and ours(1, "y") == ours(1, "y") != ours(1)
    for args, kwargs in [((), {}), ((1, "y", 3), {}), ((1,), {"a": 2}), ((1,), {"c": 2})]:
        with pytest.raises(TypeError) as theirs:
            ref(*args, **kwargs)
        with pytest.raises(TypeError) as mine:
            ours(*args, **kwargs)
        assert str(mine.value).split("() ", 1)[1] == str(theirs.value).split("() ", 1)[1]
    for module in (dataclasses, record):
        with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):
            @module.dataclass(frozen=frozen)
            class Wrong:
                a: int = 1
                b: int
