"""``python -m validator report|run|import``: see validator.cli."""
import sys

from .cli import main

sys.exit(main())
