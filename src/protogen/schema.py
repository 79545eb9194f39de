"""JSON Schemas (draft 2020-12) for editors, made from the reader's own key declarations.

`protogen schema MAPP` writes `organ.schema.json`, `sammanträde.schema.json`,
`ärende.schema.json` and `webbplats.schema.json`; an editor with the YAML language server
completes keys, shows their Swedish descriptions and marks wrong values as the secretary types.
The schemas come from `protogen.loader.fields`, the same declarations the reader takes its keys
from, so they cannot drift apart. The check still has the last word: the schema knows the
shape of a file, not the law (who is a member, which deadline applies).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from protogen import __version__
from protogen.loader.fields import DEFS, FILES, JSON, Key, Shape

DIALECT = "https://json-schema.org/draft/2020-12/schema"
FOLDER = "schema"  # where `protogen new` keeps them in a project


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def schema_for(kind: str) -> JSON:
    """The whole schema of one file kind ("organ", "sammanträde", "ärende", "webbplats")."""
    shape = FILES[kind]
    schema: JSON = {
        "$schema": DIALECT,
        "title": shape.title,
        "description": f"Skapat av protogen {__version__} från läsarens egna nycklar.",
    }
    schema |= _shape(shape)
    defs = DEFS[kind]
    if defs:
        schema["$defs"] = {name: _shape(part) for name, part in defs.items()}
    return schema


def _shape(shape: Shape) -> JSON:
    body: JSON = {
        "type": "object",
        "properties": {name: _key(key) for name, key in shape.keys.items()},
        "additionalProperties": False,
    }
    required = [name for name, key in shape.keys.items() if key.required]
    if required:
        body["required"] = required
    return body | shape.extra


def _key(key: Key) -> JSON:
    kind: Any = _shape(key.kind) if isinstance(key.kind, Shape) else dict(key.kind)
    if key.required:
        if "string" in kind.get("type", ()) and "pattern" not in kind and "enum" not in kind:
            kind["pattern"] = r"\S"  # the reader takes a blank value as left out
        return {"description": key.doc} | kind
    return {"description": key.doc} | _nullable(kind)


def _nullable(kind: JSON) -> JSON:
    """The reader takes an empty value (`tid:`) as left out. Null is added where the kind
    already branches, so that a validator still reports a wrong value at its own key."""
    kind = dict(kind)
    if "type" in kind:
        types = kind["type"] if isinstance(kind["type"], list) else [kind["type"]]
        kind["type"] = [*types, "null"]
    elif "anyOf" in kind:
        kind["anyOf"] = [*kind["anyOf"], {"type": "null"}]
    elif "enum" in kind:
        kind["enum"] = [*kind["enum"], None]
    elif "not" in kind:  # a date: every JSON type but a string was excluded
        kind["not"] = {"type": [t for t in kind["not"]["type"] if t != "null"]}
    else:
        kind = {"anyOf": [kind, {"type": "null"}]}
    return kind


def write_schemas(folder: Path) -> list[Path]:
    """Write the four schema files into `folder` (created when missing); returns their paths."""
    from protogen.authoring.files import write_text

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in FILES:
        path = folder / file_name(kind)
        text = json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"
        write_text(None, path, text)
        written.append(path)
    return written
