"""python -m tinnhiem.cli: the `tinnhiem` command."""

import sys

from tinnhiem.cli.main import main

sys.exit(main())
