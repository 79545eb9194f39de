"""Mall: the template a board picks with `mall:` exists.

`mall: <namn>` looks in `mallar/<namn>/` and then among protogen's built-in looks
(`standard`, `beslut-forst`). A name that is neither would silently give the standard look,
so it is a fel, with the closest name suggested.

Passes::

    mall: beslut-forst      # built in
    mall: kommunen          # with a folder mallar/kommunen/

Fails::

    mall: beslut-först
    → mallen beslut-först finns varken i mallar/ eller bland de inbyggda (menar du beslut-forst?)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from protogen.findings import Pos, did_you_mean, shown
from protogen.limits import links_out, outside_message, plain_name
from protogen.model import Organ
from protogen.rules.base import Context, Problem, fel

ID = "mall"

# The built-in looks live beside the package; listing the folder keeps Jinja out of `check`.
BUILTIN = Path(__file__).resolve().parent.parent / "templates"


def _looks(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def check_organ(organ: Organ, ctx: Context) -> Iterator[Problem]:
    name = organ.template
    known = _looks(ctx.root / "mallar") + _looks(BUILTIN)
    if name and not plain_name(name):
        yield fel(organ.at("mall"), f"mall ska vara namnet på en mapp i mallar/, inte en "
                                    f"sökväg ({shown(name)})")
        return
    if name and (ctx.root / "mallar" / name).is_dir():
        yield from outside_links(ctx.root, name, organ.at("mall"))
        return
    if not name or name in known:
        return
    yield fel(
        organ.at("mall"),
        f"mallen {name} finns varken i mallar/ eller bland de inbyggda"
        + (did_you_mean(name, known) or f" ({', '.join(_looks(BUILTIN))})"),
    )


def outside_links(root: Path, name: str, pos: Pos) -> Iterator[Problem]:
    """A fel for each file or folder under mallar/<name>/ that leads out of mallar/."""
    user = root / "mallar"
    for path in links_out(user / name, user):
        rel = path.relative_to(root).as_posix()
        yield fel(pos, outside_message(f"mallfilen {rel}"))
