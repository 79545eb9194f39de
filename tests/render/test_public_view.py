"""The public protocol keeps nothing of a sekretess item but its § number and ground."""

from helpers import item_text, meeting_data, project

from protogen.checker import check_project
from protogen.public import public_view
from protogen.render import protokoll
from protogen.render.base import RenderContext


def test_public_protocol_has_no_word_of_a_secret_item(tmp_path):
    folder = project(tmp_path, meeting_data(), items=[
        {"rubrik": "Öppet ärende"},
        item_text({"rubrik": "Hemligrubrik Zyxwv", "dnr": "KS 2024/999",
                   "sekretess": "OSL 26 kap. 1 §", "beslut": "Hemligbeslut Qwerty"},
                  body="Hemligtext Plugh\n"),
    ])
    result = check_project(tmp_path)
    meeting = result.project.meetings()[0]
    assert meeting.folder == folder
    ctx = RenderContext(tmp_path, view=public_view(meeting))
    outputs = {o.path: o.data for o in protokoll.render(meeting, ctx)}
    html = outputs["protokoll.html"].decode()
    for secret in ("Zyxwv", "KS 2024/999", "Qwerty", "Plugh"):
        assert secret not in html
    assert "§ 2" in html and "Sekretess enligt OSL 26 kap. 1 §" in html
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(BytesIO(outputs["protokoll.pdf"])).pages)
    for secret in ("Zyxwv", "Qwerty", "Plugh"):
        assert secret not in text
