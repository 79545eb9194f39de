"""The digital anslagstavla: on each day exactly the notices that are up — from the posting
day through the take-down day, gone the day after — for the justering of a protocol and for
the §§ adjusted at the meeting; none from a board without anslag."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from siteproject import NOTICES, expected_on, run_publish, write_site_project

from protogen.checker import check_project
from protogen.public import public_view
from protogen.site.anslagstavla import all_notices, notices_on

ONE = dt.timedelta(days=1)
BOUNDARIES = sorted({day for n in NOTICES for day in (n.up - ONE, n.up, n.down, n.down + ONE)})


def shown(site: Path) -> set[str]:
    page = (site / "anslagstavla" / "index.html").read_text(encoding="utf-8")
    return set(re.findall(r'data-anslag="([^"]+)"', page))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site_project(tmp_path_factory.mktemp("anslag"))


def test_every_notice_and_its_dates(project: Path) -> None:
    loaded = check_project(project, today=dt.date(2024, 6, 1)).project
    notices = {n.key: (n.posted, n.taken_down)
               for n in all_notices(loaded.organs, public_view, others=loaded.notices)}
    assert notices == {n.key: (n.up, n.down) for n in NOTICES}


@pytest.mark.parametrize("day", BOUNDARIES, ids=str)
def test_up_exactly_on_each_boundary_day(project: Path, day: dt.date) -> None:
    loaded = check_project(project, today=day).project
    notices = all_notices(loaded.organs, public_view, others=loaded.notices)
    up = {n.key for n in notices_on(notices, day)}
    assert up == expected_on(day)


@pytest.mark.parametrize("notice", [NOTICES[0], NOTICES[2]], ids=lambda n: n.key)
def test_published_board_shows_exactly_the_notices_up(project: Path, notice) -> None:  # noqa: ANN001
    """Day before up, first day, last day, day after: through `publish` and the page."""
    site = project / "build" / "site"
    for day in (notice.up - ONE, notice.up, notice.down, notice.down + ONE):
        code, out = run_publish(project, day)
        assert code == 0, out
        assert shown(site) == expected_on(day), day
        assert (notice.key in shown(site)) == (notice.up <= day <= notice.down)


def test_a_notice_tells_what_the_law_asks(site: Path) -> None:
    page = (site / "anslagstavla" / "index.html").read_text(encoding="utf-8")
    article = re.search(r'<article[^>]*data-anslag="bun/2024-03-14/protokoll".*?</article>',
                        page, re.S)
    assert article
    text = re.sub(r"<[^>]+>", " ", article.group(0))
    for fact in ("Barn- och utbildningsnämnden", "Sammanträdesdatum", "2024-03-14",
                 "Justeringsdatum", "2024-03-21", "Anslaget uppsatt", "2024-03-22",
                 "Anslaget tas ned", "2024-04-12", "Förvaringsplats", "Skolkontoret"):
        assert fact in text
    assert 'href="../bun/2024-03-14/index.html"' in article.group(0)


def test_omedelbart_justerad_paragraf_of_a_draft_is_up_without_the_protocol(site: Path) -> None:
    page = (site / "anslagstavla" / "index.html").read_text(encoding="utf-8")
    article = re.search(r'<article[^>]*data-anslag="bun/2024-04-10/paragrafer".*?</article>',
                        page, re.S)
    assert article and "§ 2 Brådskande skolskjuts" in article.group(0)  # after § 1 in March
    assert "bun/2024-04-10/index.html" not in article.group(0)  # a draft is not published
    assert not (site / "bun" / "2024-04-10").exists()


def test_a_board_without_anslag_has_no_notices(project: Path) -> None:
    organs = check_project(project, today=dt.date(2024, 3, 20)).project.organs
    assert not [n for n in all_notices(organs, public_view) if n.organ.id == "ek"]


def test_no_notices_says_so(tmp_path: Path) -> None:
    root = write_site_project(tmp_path)
    code, out = run_publish(root, dt.date(2024, 1, 1))
    assert code == 0, out
    page = (root / "build/site/anslagstavla/index.html").read_text(encoding="utf-8")
    assert "Inga anslag är uppsatta" in page
    assert "<article" not in page
