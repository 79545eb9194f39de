import sys
from pathlib import Path

# Tests import their helper modules (helpers.py, people_helpers.py, …) by name; with
# --import-mode=importlib, test files in different folders may share a base name.
_TESTS = Path(__file__).parent
for folder in [_TESTS, *sorted(p for p in _TESTS.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))]:
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
