"""The cli layer: the ``conflictkit`` command, one module per subcommand.

:mod:`~conflictkit.cli.command` builds the parser and dispatches; :mod:`~conflictkit.cli.common` holds
what every subcommand shares (exit statuses, common options, extensions, errors); each subcommand
(``describe``, ``validate``, ``schema``, ``convert``, ``export``) has a module of its own with an
``add_parser(subparsers)`` function. This is the top layer: it may import every other layer, and
nothing in conflictkit imports it.
"""

from conflictkit.cli.command import main

__all__ = ["main"]
