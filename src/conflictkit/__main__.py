"""``python -m conflictkit``: see :mod:`conflictkit.cli.command`."""

import sys

from conflictkit.cli.command import main

sys.exit(main())
