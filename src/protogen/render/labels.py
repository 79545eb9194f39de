"""The words protogen writes around the data outside a document's own template: the time's
"kl.", the kallelse's bookmarks, the site's page titles, the Atom and iCalendar texts.

They are macros of two templates, `etiketter.txt` (documents) and `site/etiketter.txt` (the
site), built in under templates/standard/ and overridden in `mallar/<mall>/` like any
template (copy the file, change the words). `label` renders one macro as plain text (no HTML
escaping: the caller escapes for its own format, XML or iCalendar), within the same bounds
as any template; a broken one is a `TemplateFault` naming its file and line.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template

from protogen.render.templates import (
    LABELS,
    environment,
    guarded,
)

SITE_LABELS = "site/" + LABELS

__all__ = ["LABELS", "SITE_LABELS", "label"]


def label(root: Path | None, look: str, template: str, name: str, *args: Any) -> str:
    """The macro `name` of `template` (LABELS or SITE_LABELS) of the look, called with
    `args`, as plain text. The site's words get the public sandbox, as its templates do."""
    env = _plain(environment(root, look, template.startswith("site/")))
    return guarded(root, template, lambda: _caller(env, template, name).generate(args=args))


@lru_cache(maxsize=32)
def _plain(env: Environment) -> Environment:
    """The look's environment without HTML escaping (a cache of its own: a template compiled
    for escaping must not be reused here)."""
    return env.overlay(autoescape=False, cache_size=64)


@lru_cache(maxsize=256)
def _caller(env: Environment, template: str, name: str) -> Template:
    return env.from_string(f'{{% from "{template}" import {name} %}}{{{{ {name}(*args) }}}}')
