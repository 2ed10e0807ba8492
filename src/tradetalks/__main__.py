"""`python -m tradetalks ...`, the same as the `tradetalks` command: see `cli`."""

import sys

from .cli import main

sys.exit(main())
