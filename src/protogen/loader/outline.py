"""What a check of one meeting needs from the other meetings of its board, without parsing them.

`protogen check protokoll/<board>/<meeting>` shows the findings of that meeting (and of the
board's organ.yaml) only, but they depend on the board's other meetings in three ways: the
meetings' order (by `datum`, or the folder's date when there is none), the § numbers (a
meeting's first § follows the previous meeting's last one unless `första_paragraf` is written,
and a meeting's last § is its first plus its count of item files) and, for the
sammanträdesplan, the days meetings were held. A meeting outside the scope is therefore read
only "in outline": its item files are listed, not read, and its sammanträde.yaml is not parsed
when its text proves that parsing it could give neither another date than the folder's nor a
`första_paragraf` (`proves_plain`). Anything this test cannot prove makes the loader parse the
file as before, so the outline is exact or it is not used.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from protogen.limits import MAX_TEXT_BYTES

#: A key at the top of the document (column 0) named datum, and its value on the same line.
_DATUM = re.compile(r"^datum[ \t]*:(?P<value>.*)$", re.MULTILINE)
_PLAIN_DATE = re.compile(r"^[ \t]+(?P<date>\d{4}-\d{2}-\d{2})[ \t]*(?:[ \t]#.*)?$")
#: The top-level mapping's keys stand at column 0 (its first line does not begin with a
#: blank: `_INDENTED`), each at the start of its line, unless something at the start of a line
#: makes a key otherwise: a flow mapping ({), a complex key (?), a quoted key (escapes could
#: spell any key), an anchor, alias or tag (&, *, !), a directive (%) or another document
#: (---, ...); or a merge key (<<) anywhere, a byte order mark, or a line break other than \n
#: (YAML readers also break lines at \r, NEL, LS and PS).
_UNPROVABLE = re.compile(r"^[ \t]*[{?\"'&*!]|^(?:%|---|\.\.\.)|<<|[\r\ufeff\x85\u2028\u2029]",
                         re.MULTILINE)
_INDENTED = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]")
#: A line at column 0 that mentions första_paragraf (as a key it can only stand there).
_NUMBERED = re.compile(r"^\S[^\n]*paragraf", re.MULTILINE)


def proves_plain(path: Path, folder_date: str) -> bool:
    """Whether sammanträde.yaml at `path` provably gives, when parsed, no `första_paragraf` and
    either no date or `folder_date` (the folder name's date): the meeting then sorts and
    numbers as its folder says, whatever else the file holds. False whenever in doubt (a
    symbolic link, a large or unreadable file, not UTF-8, any construct above)."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_TEXT_BYTES:
            return False
        with open(path, "rb") as handle:
            data = handle.read(MAX_TEXT_BYTES + 1)
        text = data.decode("utf-8").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return False
    if _UNPROVABLE.search(text) or _INDENTED.match(text) or _NUMBERED.search(text):
        return False
    lines = _DATUM.findall(text)
    if not lines:
        return True  # no datum at the top: the folder's date stands
    if len(lines) > 1:
        return False
    match = _PLAIN_DATE.match(lines[0])
    return match is not None and match["date"] == folder_date
