"""Run eark-validator on one package, offline; print its errors as JSON lines.

Run with the validator's own interpreter path (scripts/setup.sh installs eark-validator 1.1.3
and its pinned lxml into .cache/eark-validator, apart from protogen's environment):

    PYTHONPATH=.cache/eark-validator python tests/archive/earkcheck.py PACKAGE

eark-validator 1.1.3 downloads four CSIP vocabularies when it is imported; the same files ship
in the package (ipxml/resources/vocabs/), so urlopen is pointed at those before the import.
Any other URL fails: the validation never touches the network.
"""

from __future__ import annotations

import json
import sys
import urllib.request
from importlib.util import find_spec
from pathlib import Path


def _local_urlopen(url, *args, **kwargs):  # type: ignore[no-untyped-def]
    spec = find_spec("eark_validator")
    assert spec is not None and spec.origin is not None
    vocabs = Path(spec.origin).parent / "ipxml" / "resources" / "vocabs"
    name = str(url).rsplit("/", 1)[-1]
    local = vocabs / name
    if not str(url).startswith("https://earkcsip.dilcis.eu/schema/") or not local.is_file():
        raise OSError(f"offline: no local copy of {url}")
    return open(local, "rb")  # noqa: SIM115 - the caller iterates and drops it


urllib.request.urlopen = _local_urlopen  # type: ignore[assignment]


def main(path: str) -> int:
    from eark_validator.packages import PackageValidator

    report = PackageValidator(Path(path)).validation_report
    problems = []
    for message in report.structure.messages:
        if str(message.severity.value).lower() == "error":
            problems.append({"where": "structure", "id": message.rule_id, "message": message.message})
    if report.metadata is not None:
        for part in ("schema_results", "schematron_results"):
            results = getattr(report.metadata, part)
            for message in results.messages:
                if str(message.severity.value).lower() == "error":
                    problems.append({"where": part, "id": getattr(message, "rule_id", None),
                                     "message": message.message,
                                     "location": str(getattr(message, "location", ""))})
    print(json.dumps({"status": str(report.structure.status.value), "errors": problems},
                     ensure_ascii=False, indent=1))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
