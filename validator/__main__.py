"""``python -m validator report|run``: see validator.cli."""
import sys

from .cli import main

sys.exit(main())
