"""One cache of rendered PDFs for `build` and `publish`: build/.cache/pdf/<key>.pdf.

A PDF is a function of the HTML it is rendered from, its title, subject, signature fields,
dates, the folder its relative URLs resolve against, the files the render reads (images,
stylesheets in the project) and the tool itself (protogen's code, templates, fonts and
libraries: cache.tool_digest). The key covers all but the files read, which are only known
after rendering: each entry lists them with their digests (<key>.json), and an entry is used
only when every one of them is unchanged and the PDF's own digest still matches. So a public
protocol whose HTML equals the internal one is taken from what `build` made, and the other
way round, and a damaged entry is rendered again, never used.

Entries nothing uses any more are removed by :func:`prune`: each command records the keys it
used (build in its manifest, publish in site.keys), and only entries neither uses are deleted.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from protogen.cache import cache_dir, digest_of, epoch_setting, reads_still_match, tool_digest

FOLDER = "pdf"
SITE_KEYS = "site.keys"  # the keys the last publish used


@dataclass
class Rendered:
    data: bytes
    blocked: list[str]
    reads: dict[str, str] | None  # None: a file read could not be digested (never cached)


@dataclass
class PdfCache:
    root: Path
    reading: bool = True  # False for `build --alltid`: render everything, store the results
    writing: bool = True
    used: list[str] = field(default_factory=list)
    hits: int = 0
    misses: int = 0

    @property
    def folder(self) -> Path:
        return cache_dir(self.root) / FOLDER

    def unusable(self) -> str | None:
        """Why the cache cannot be used (build/.cache is a link, say); then it is not."""
        from protogen.output import OutputError, safe_path

        try:
            safe_path(self.root, self.folder)
        except OutputError as err:
            self.reading = self.writing = False
            return str(err)
        return None

    def key(self, html: str, **facts: object) -> str:
        return digest_of("protogen-pdf", 1, tool_digest(), epoch_setting(), html, facts)

    def get(self, key: str) -> Rendered | None:
        self.used.append(key)
        if not self.reading:
            self.misses += 1
            return None
        try:
            info = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            data = (self.folder / f"{key}.pdf").read_bytes()
        except (OSError, ValueError):
            self.misses += 1
            return None
        ok = (isinstance(info, dict) and info.get("sha256") == hashlib.sha256(data).hexdigest()
              and isinstance(info.get("blocked"), list)
              and all(isinstance(b, str) for b in info["blocked"])
              and reads_still_match(info.get("reads"), self.root))
        if not ok:
            self.misses += 1
            return None
        self.hits += 1
        return Rendered(data, list(info["blocked"]), dict(info["reads"]))

    def put(self, key: str, rendered: Rendered) -> None:
        """Store an entry; a cache that cannot be written only costs time."""
        from protogen.output import OutputError, write_atomic

        if rendered.reads is None or not self.writing:
            return
        info = {"sha256": hashlib.sha256(rendered.data).hexdigest(),
                "blocked": rendered.blocked, "reads": rendered.reads}
        try:  # the PDF first: an entry is only valid once its description names its digest
            write_atomic(self.root, self.folder / f"{key}.pdf", rendered.data)
            write_atomic(self.root, self.folder / f"{key}.json",
                         json.dumps(info, ensure_ascii=False).encode("utf-8"))
        except (OSError, OutputError):
            self.writing = False


def prune(root: Path, keep: set[str]) -> None:
    """Remove every entry whose key is not in `keep`."""
    from protogen.output import OutputError, remove

    folder = cache_dir(root) / FOLDER
    if not folder.is_dir() or folder.is_symlink():
        return
    try:
        for path in folder.iterdir():
            if path.suffix in (".pdf", ".json") and path.stem not in keep:
                remove(root, path)
    except (OSError, OutputError):
        pass


def site_keys(root: Path) -> set[str]:
    try:
        text = (cache_dir(root) / SITE_KEYS).read_text(encoding="utf-8")
    except OSError:
        return set()
    return {line for line in text.split() if line}


def save_site_keys(root: Path, keys: set[str]) -> None:
    from protogen.output import OutputError, write_atomic

    try:
        write_atomic(root, cache_dir(root) / SITE_KEYS, "\n".join(sorted(keys)).encode())
    except (OSError, OutputError):
        pass
