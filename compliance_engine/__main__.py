"""Run the command line: ``python -m compliance_engine scan ...``."""

import sys

from compliance_engine.cli import main

sys.exit(main())
