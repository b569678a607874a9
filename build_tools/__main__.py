"""``python -m build_tools``: see :mod:`build_tools.cli`."""

import sys

from build_tools.cli.main import main

sys.exit(main())
