"""pytest set-up shared by the unit tables, the doctests and the builds."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

# Running `python -m news_digest` is the CLI, not a module to import.
collect_ignore = ["plugins/news_digest/__main__.py", "tasks.py", "pelicanconf.py", "publishconf.py", "tests/fuzz"]
