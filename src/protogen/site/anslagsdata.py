"""The anslagstavla as open data: `anslagstavla/anslag.json`, one object per notice the site
shows, up today (`uppsatta`) or taken down (`arkiv`); a notice still to go up is not public
yet and is left out. Its JSON Schema is `data/schema/Anslagstavla.json`.

Every notice has its key (`id`), kind (`typ`: protokoll, paragrafer, kungorelse, anslag), a
heading, the board (when it has one), the days it went up and comes down, the last day to
appeal where one applies, and links: the page it stands on, the protocol, the kallelse, its
files. A sekretess item appears by its neutral heading only, as on the page.
"""

from __future__ import annotations

import json
from typing import Any

from protogen.site.anslagstavla import ANNOUNCEMENT, Notice
from protogen.site.content import NOTICE_ARCHIVE, NOTICE_BOARD, Site


def notice_data(site: Site) -> bytes:
    data = {
        "namn": f"{site.name}: anslagstavla",
        "datum": site.today.isoformat(),
        "anslagstavla": site.url(NOTICE_BOARD),
        "arkiv": site.url(NOTICE_ARCHIVE),
        "uppsatta": [_notice(site, n, NOTICE_BOARD) for n in site.up],
        "nedtagna": [_notice(site, n, NOTICE_ARCHIVE) for _, found in site.archive
                     for n in found],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _notice(site: Site, notice: Notice, page: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": notice.key,
        "typ": notice.kind,
        "rubrik": notice.heading,
        "uppsatt": notice.posted.isoformat(),
        "nedtaget": notice.taken_down.isoformat(),
        "webb": site.url(page),
    }
    if notice.organ is not None:
        data["organ"] = {"id": notice.organ.id, "namn": notice.organ.name}
    if notice.appeal_last_day:
        data["sistaDagFörÖverklagande"] = notice.appeal_last_day.isoformat()
        data["överklagande"] = "laglighetsprövning enligt 13 kap. kommunallagen (2017:725)"
    meeting = notice.meeting
    if meeting is not None and notice.meeting_date:
        data["sammanträde"] = {"datum": notice.meeting_date.isoformat()}
        if notice.kind == ANNOUNCEMENT:
            if meeting.time:
                data["sammanträde"]["tid"] = meeting.time
            if meeting.place:
                data["sammanträde"]["plats"] = meeting.place
        if notice.adjusted:
            data["justerat"] = notice.adjusted.isoformat()
        shown = site.page_of(meeting)
        if shown:
            data["protokoll"] = site.url(shown.path)
        invitation = site.invitation_of(meeting)
        if invitation and notice.kind == ANNOUNCEMENT:
            data["kallelse"] = site.url(invitation)
    if notice.items:
        key = "ärenden" if notice.kind == ANNOUNCEMENT else "paragrafer"
        data[key] = [{"nummer": i.number, "rubrik": i.title} for i in notice.items]
    if notice.files:
        data["filer"] = [{"namn": f.title, "url": site.url(f.path)} for f in notice.files]
    return data
