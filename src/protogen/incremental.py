"""What makes `protogen build` incremental: each meeting's key and the manifest under build/.

A meeting's outputs are a function of

- every file in its folder (sammanträde.yaml, the items, attachments, images),
- its board's organ.yaml (and the other files beside it),
- its § numbers, which is all that the previous meeting in the series gives it,
- the look's templates in `mallar/<look>/` (the built-in ones are in the tool digest),
- the project files the last render of it read (an image named by a template, say),
- protogen itself (version, code, built-in templates, fonts, libraries: cache.tool_digest)
  and SOURCE_DATE_EPOCH.

`key` is a digest of all of that. The manifest, `build/.cache/manifest.json`, records for each
meeting the key its outputs were made from and the digest of every output file; a meeting
whose key is unchanged and whose files are all there with those digests is not rendered
again. The manifest is written atomically after a build; one that cannot be read, or was
written by another protogen, is treated as empty (a full build), never trusted in part.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protogen.cache import (
    cache_dir,
    digest_of,
    epoch_setting,
    file_digest,
    reads_still_match,
    tool_digest,
)
from protogen.model import Meeting

MANIFEST = "manifest.json"
FORMAT = "protogen-build-manifest"
VERSION = 1


def _tree(folder: Path, root: Path) -> list[tuple[str, str | None]]:
    """(project-relative path, sha256) of every file under `folder`, sorted."""
    if not folder.is_dir():
        return []
    return [(p.relative_to(root).as_posix(), file_digest(p))
            for p in sorted(folder.rglob("*")) if p.is_file()]


def meeting_key(meeting: Meeting, root: Path, look_name: str, previous_reads: dict[str, str]
                ) -> str:
    """The digest of everything the meeting's outputs are made from (see the module doc)."""
    from protogen.render.templates import USER_DIR

    organ_files: list[tuple[str, str | None]] = []
    if meeting.organ is not None and meeting.organ.folder.is_dir():
        organ_files = [(p.relative_to(root).as_posix(), file_digest(p))
                       for p in sorted(meeting.organ.folder.iterdir()) if p.is_file()]
    reads = {rel: file_digest(root / rel) for rel in sorted(previous_reads)}
    return digest_of(
        FORMAT, VERSION, tool_digest(), epoch_setting(),
        meeting.folder.relative_to(root).as_posix(),
        _tree(meeting.folder, root), organ_files,
        [item.number for item in meeting.items],
        look_name, _tree(root / USER_DIR / look_name, root),
        reads,
    )


@dataclass
class Entry:
    key: str
    files: dict[str, str]  # output path (relative to the meeting's folder in build/) -> sha256
    reads: dict[str, str] = field(default_factory=dict)
    pdf: list[str] = field(default_factory=list)  # the PDF cache keys the outputs used

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "files": self.files, "reads": self.reads, "pdf": self.pdf}

    def intact(self, folder: Path, root: Path, present: list[str]) -> bool:
        """Every recorded output is in `folder` with its digest, nothing else is (a stale
        file to prune), and the files the last render read are unchanged."""
        if sorted(present) != sorted(self.files):
            return False
        return (all(file_digest(folder / rel) == sha for rel, sha in self.files.items())
                and reads_still_match(self.reads, root))


def _str_map(value: object) -> dict[str, str] | None:
    if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str)
                                       for k, v in value.items()):
        return dict(value)
    return None


def _entry(value: object) -> Entry | None:
    if not isinstance(value, dict):
        return None
    files, reads, pdf = _str_map(value.get("files")), _str_map(value.get("reads")), value.get("pdf")
    key = value.get("key")
    if (not isinstance(key, str) or files is None or reads is None or not isinstance(pdf, list)
            or not all(isinstance(k, str) for k in pdf)):
        return None
    return Entry(key, files, reads, list(pdf))


@dataclass
class Manifest:
    root: Path
    meetings: dict[str, Entry] = field(default_factory=dict)
    boards: dict[str, list[str]] = field(default_factory=dict)  # board id -> PDF cache keys
    damaged: bool = False  # there was a manifest, but it could not be trusted

    @property
    def path(self) -> Path:
        return cache_dir(self.root) / MANIFEST

    @classmethod
    def load(cls, root: Path) -> Manifest:
        from protogen.output import OutputError, safe_path

        manifest = cls(root)
        try:
            safe_path(root, manifest.path)  # never read through a link (build/.cache → …)
            raw = json.loads(manifest.path.read_text(encoding="utf-8"))
        except OutputError:
            manifest.damaged = True
            return manifest
        except FileNotFoundError:
            return manifest
        except (OSError, ValueError):
            manifest.damaged = True
            return manifest
        if (not isinstance(raw, dict) or raw.get("format") != FORMAT
                or raw.get("version") != VERSION or raw.get("tool") != tool_digest()
                or not isinstance(raw.get("meetings"), dict)
                or not isinstance(raw.get("boards"), dict)):
            manifest.damaged = True
            return manifest
        for name, value in raw["meetings"].items():
            entry = _entry(value)
            if entry is None:  # one bad entry: trust nothing of the file
                return cls(root, damaged=True)
            manifest.meetings[name] = entry
        for name, keys in raw["boards"].items():
            if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
                return cls(root, damaged=True)
            manifest.boards[name] = list(keys)
        return manifest

    def pdf_keys(self) -> set[str]:
        keys = {k for entry in self.meetings.values() for k in entry.pdf}
        return keys | {k for keys in self.boards.values() for k in keys}

    def save(self) -> None:
        from protogen.output import write_atomic

        data = {"format": FORMAT, "version": VERSION, "tool": tool_digest(),
                "meetings": {name: self.meetings[name].as_json() for name in sorted(self.meetings)},
                "boards": {name: sorted(self.boards[name]) for name in sorted(self.boards)}}
        write_atomic(self.root, self.path,
                     json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
