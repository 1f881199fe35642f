"""`python -m desktop` runs the same entry point as `fractional-desk`."""

import sys

from desktop.cli import main

sys.exit(main())
