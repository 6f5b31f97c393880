"""``python -m conflictkit``: see :mod:`conflictkit.cli`."""

import sys

from conflictkit.cli import main

sys.exit(main())
