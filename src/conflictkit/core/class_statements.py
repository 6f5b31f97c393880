"""What the ``class`` statement creating a class will do with it: decorate it, or just name it.

Python creates a class before it applies the decorators written above the ``class`` statement, and
tells the class nothing about them. A subclass of a conflictkit type needs ``@attrs.frozen``; to
refuse one that lacks it when it is defined, rather than when it is first used, conflictkit reads
the bytecode of the statement being run: if the instruction after the one building the class
stores it under its name, no decorator is applied.

The answer is only "yes" when that is certain. Anything else (a class made by calling ``type()``, a
decorator of any kind, bytecode this reading does not recognise) answers "no", and the class is
then checked when its first instance is made.
"""

from __future__ import annotations

import dis
import sys
import types

__all__ = ["stored_undecorated"]

_FRAMES_SEARCHED = 8  # __init_subclass__ methods of intermediate bases may sit in between
_STORES = frozenset({"STORE_NAME", "STORE_FAST", "STORE_GLOBAL", "STORE_DEREF"})


def stored_undecorated(cls: type) -> bool:
    """Whether the ``class`` statement now creating ``cls`` binds it to its name without a decorator.

    Call it from ``__init_subclass__``.
    """
    frame: types.FrameType | None = sys._getframe(1)
    for _ in range(_FRAMES_SEARCHED):
        if frame is None:
            return False
        verdict = _verdict(frame, cls.__name__)
        if verdict is not None:
            return verdict
        frame = frame.f_back
    return False


def _verdict(frame: types.FrameType, name: str) -> bool | None:
    """True or False if ``frame`` is running the class statement for ``name``, else None."""
    try:
        instructions = list(dis.get_instructions(frame.f_code))
    except Exception:  # bytecode this version of dis cannot read: say nothing
        return None
    current = next((index for index, op in enumerate(instructions) if op.offset == frame.f_lasti), None)
    if current is None or current + 1 >= len(instructions):
        return None
    if not _builds_class(instructions[:current], name):
        return None
    following = instructions[current + 1]
    return following.opname in _STORES and following.argval == name


def _builds_class(before: list[dis.Instruction], name: str) -> bool:
    # The call in progress is the class statement's own when, since the last LOAD_BUILD_CLASS, the
    # class body's code object (named after the class) has been loaded.
    for op in reversed(before):
        if op.opname == "LOAD_BUILD_CLASS":
            return False
        if op.opname == "LOAD_CONST" and isinstance(op.argval, types.CodeType) and op.argval.co_name == name:
            return any(earlier.opname == "LOAD_BUILD_CLASS" for earlier in before)
    return False
