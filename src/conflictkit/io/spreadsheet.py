r"""CSV cells that are safe to open in a spreadsheet: the OWASP rule against CSV (formula) injection.

A spreadsheet program that opens a CSV file runs a cell beginning with ``=``, ``+``, ``-`` or
``@`` as a formula, and a tab or carriage return at the start can hide such a cell; a quote
written in a news report (``=HYPERLINK(...)``, ``@everyone``, ``-2+3+cmd|' /C calc'!A0``) must not
become one. The OWASP "CSV Injection" guidance says: make sure no cell begins with one of ``=``,
``+``, ``-``, ``@``, tab (``0x09``) or carriage return (``0x0D``), by putting a single quote
``'`` before it, which spreadsheets show as text and do not evaluate.

conflictkit follows that rule with two refinements, so that nothing is lost:

- a cell that is a plain decimal number (``-33.5``, ``+7``, ``-1e3``) is left as written: a
  spreadsheet reads it as the number it is, and a negative latitude stays a number;
- a cell that already begins with quotes followed by one of those characters (``'=x``) gets one
  more quote, so that :func:`restore` can take exactly one off again and every cell comes back as
  it was.

>>> neutralise("=SUM(A1:A9)"), neutralise("-33.5"), neutralise("'=x"), neutralise("Taliban")
("'=SUM(A1:A9)", '-33.5', "''=x", 'Taliban')
>>> [restore(neutralise(cell)) for cell in ["=1+1", "@x", "\tx", "'=x", "-5", "- a list"]]
['=1+1', '@x', '\tx', "'=x", '-5', '- a list']
"""

from __future__ import annotations

import re

__all__ = ["TRIGGERS", "neutralise", "restore"]

TRIGGERS = "=+-@\t\r"
"""The characters a cell must not begin with, by the OWASP rule: ``= + - @``, tab, carriage return."""

_RISKY = re.compile(r"'*[=+\-@\t\r]")
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def neutralise(cell: str) -> str:
    """``cell`` with a single quote in front if it begins (after any quotes) with a trigger."""
    if cell and _RISKY.match(cell) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """The cell :func:`neutralise` was given: one leading quote taken off where it put one."""
    if cell.startswith("'") and _RISKY.match(cell, 1) and not _NUMBER.fullmatch(cell, 1):
        return cell[1:]
    return cell
