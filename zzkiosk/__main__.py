"""`python -m zzkiosk`: the same as the zzkiosk command."""

import sys

from zzkiosk.cli import main

sys.exit(main())
