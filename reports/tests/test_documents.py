"""Pieces of the plan document built from campaign records."""

import datetime
from types import SimpleNamespace

from reports.documents import basis_line, plan_filename


def test_basis_line_names_the_document_type_from_its_symbol():
    document = SimpleNamespace(
        number_symbol="1592/KH-PGD&ĐT",
        issued_on=datetime.date(2024, 9, 12),
        issuer_name="Phòng GD&ĐT thị xã Đông Triều",
        summary="Thực hiện phong trào “Cả nước thi đua xây dựng xã hội học tập”",
    )
    assert basis_line(document) == (
        "Căn cứ Kế hoạch số 1592/KH-PGD&ĐT ngày 12/9/2024 của Phòng GD&ĐT thị xã Đông Triều "
        "về thực hiện phong trào “Cả nước thi đua xây dựng xã hội học tập”"
    )
    party = SimpleNamespace(number_symbol="01-CT/TU", issued_on=None, issuer_name="", summary="")
    assert basis_line(party) == "Căn cứ Chỉ thị số 01-CT/TU"
    law = SimpleNamespace(number_symbol="06/2022/QH15", issued_on=None, issuer_name="", summary="Thi đua, khen thưởng")
    assert basis_line(law) == "Căn cứ Luật số 06/2022/QH15 về thi đua, khen thưởng"


def test_plan_filename_is_ascii_with_a_unicode_twin():
    launched = SimpleNamespace(pk=5, number=914, symbol="KH-SGD&ĐT")
    assert plan_filename(launched) == ("KH-914-SGDDT.pdf", "KH-914-SGD&ĐT.pdf")
    early = SimpleNamespace(pk=5, number=7, symbol="KH-UBND")
    assert plan_filename(early) == ("KH-07-UBND.pdf", "KH-07-UBND.pdf")
    draft = SimpleNamespace(pk=5, number=None, symbol="")
    assert plan_filename(draft) == ("KH-du-thao-5.pdf", "KH-du-thao-5.pdf")
