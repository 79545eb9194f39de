import os
import sys
from pathlib import Path

# Tests import their helper modules (helpers.py, people_helpers.py, …) by name; with
# --import-mode=importlib, test files in different folders may share a base name.
_TESTS = Path(__file__).parent
for folder in [_TESTS, *sorted(p for p in _TESTS.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))]:
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

# The parse cache (protogen.loader.parsecache) lives in the user's cache folder; the suite
# leaves it alone, except the tests that turn it on for themselves (tests/test_parsecache.py).
os.environ.setdefault("PROTOGEN_CACHE", "av")
