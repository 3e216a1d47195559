"""Criteria from a pasted numbered outline: the parser on the four shared seed plans and on malformed
outlines, the service that adds the whole tree, and the preview screen."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from campaigns import services
from campaigns.forms import CriterionForm
from campaigns.models import Criterion
from campaigns.outline import parse
from campaigns.tests.factories import CampaignFactory
from units.models import AuditLog

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def _seed(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"the shared seed plan {name} is not on this machine")
    return path.read_text(encoding="utf-8")


def _from_line(text: str, first: int) -> str:
    """The plan's text from a line on (the header above it is not part of the outline), the lines
    above left empty so that problems name the lines of the file."""
    lines = text.splitlines()
    return "\n".join([""] * (first - 1) + lines[first - 1 :])


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def test_outline_seed_hung_yen_reads_its_own_parts_in_order():
    outline = parse(_from_line(_seed("002_c32e12fb899818d1.txt"), 13))
    assert outline.errors == []
    assert [(item.number, item.title) for item in outline.items] == [
        ("I", "MỤC ĐÍCH, YÊU CẦU"),
        ("II", "ĐỐI TƯỢNG, NỘI DUNG PHONG TRÀO THI ĐUA"),
        ("III", "TIÊU CHÍ LỰA CHỌN ĐIỂN HÌNH TIÊN TIẾN, HÌNH THỨC VÀ THỜI GIAN XÉT KHEN THƯỞNG"),
        ("IV", "NHIỆM VỤ VÀ GIẢI PHÁP"),
        ("V", "TỔ CHỨC THỰC HIỆN"),
    ]
    content = outline.items[1].children[1]
    assert (content.number, content.title) == ("2", "Nội dung thi đua")
    assert [(c.number, c.title) for c in content.children] == [("a)", "Đối với tập thể"), ("b)", "Đối với cá nhân")]
    assert [c.number for c in content.children[0].children] == ["-"] * 5
    assert content.children[0].children[0].title.startswith("Quán triệt sâu sắc")
    # Reading stops at "Nơi nhận", and says so.
    assert [str(w) for w in outline.warnings] == ["Dòng 124: hết dàn ý ở “Nơi nhận”; phần sau không được đọc."]
    assert outline.count == 48


def test_outline_seed_ben_tre_nests_three_levels_and_keeps_wrapped_lines():
    outline = parse(_from_line(_seed("000_9e67c0136f785eaf.txt"), 18))
    assert outline.errors == []
    part_two = outline.items[2]
    assert part_two.number == "II"
    content = part_two.children[1]
    assert [c.number for c in content.children] == ["2.1", "2.2"]
    assert [c.number for c in content.children[0].children] == ["2.1.1", "2.1.2"]
    # A heading wrapped over two lines is one title; text after a blank line is the body.
    assert content.children[0].title.startswith("Thi dua xdy dung Déing va hé thong chinh tri trong sach")
    assert outline.items[0].body.startswith("Phat huy manh m& y chi tu luc, tu cuong;")
    # The OCR lost "4." of part II: a warning at the line, not a refusal.
    assert [w.line for w in outline.warnings] == [209]


def test_outline_seed_xuan_son_reports_the_lost_part_heading_at_its_line():
    """The scan turned "III." into "I11.": the numbers restart under "II" and each is named at its line."""
    outline = parse(_from_line(_seed("001_dd5b99d35e2b8864.txt"), 17))
    assert [str(e) for e in outline.errors][:1] == ["Dòng 87: số “1” đã dùng ở dòng 61."]
    assert [e.line for e in outline.errors] == [87, 95, 98, 102, 112, 144, 147, 268, 294, 302]


def test_outline_seed_bang_mac_reads_letters_and_ten_items():
    outline = parse(_from_line(_seed("004_856b76c7caf0f45f.txt"), 19))
    first = outline.items[0]
    assert first.number == "I"
    assert [c.number for c in first.children][:10] == [str(n) for n in range(1, 11)]
    assert first.children[9].title.startswith("Thue hién hiéu qua cic phong trao thi dua")
    # "III." was lost in the scan: its "1.", "2.", "3." are refused at their lines.
    assert [str(e) for e in outline.errors] == [
        "Dòng 284: số “1” đã dùng ở dòng 49.",
        "Dòng 286: số “2” đã dùng ở dòng 80.",
        "Dòng 291: số “3” đã dùng ở dòng 106.",
    ]


@pytest.mark.parametrize(
    ("text", "messages"),
    [
        ("Mở đầu không đánh số\n1. Mục đích", ["Dòng 1: “Mở đầu không đánh số” đứng trước mục đánh số đầu tiên."]),
        ("1. Mục đích\n2.1. Tập thể", ["Dòng 2: mục “2.1” phải nằm dưới mục “2”, nhưng mục phía trên là “1”."]),
        ("1. Mục đích\n1. Yêu cầu", ["Dòng 2: số “1” đã dùng ở dòng 1."]),
        ("1. Mục đích\na)\n- x", ["Dòng 2: mục “a)” chưa có nội dung."]),
        ("", ["Dòng 1: không tìm thấy mục đánh số nào (ví dụ “1. …”, “a) …”, “- …”)."]),
    ],
)
def test_outline_malformed_names_the_line(text, messages):
    assert [str(e) for e in parse(text).errors] == messages


def test_outline_keeps_markers_text_and_numbers_as_written():
    outline = parse(
        "II. Nhiệm vụ và giải pháp\n1. Nhiệm vụ\na) Mỗi đơn vị có ít nhất 05 điển hình;\n"
        "- Giai đoạn 2021-\n2025 hoàn thành.\n\nĐây là đoạn văn của mục.\n+ Cá nhân\n3. Giải pháp"
    )
    assert outline.errors == []
    items = list(outline.walk())
    assert [(i.number, i.depth) for i in items] == [("II", 0), ("1", 1), ("a)", 2), ("-", 3), ("+", 4), ("3", 1)]
    assert items[2].title == "Mỗi đơn vị có ít nhất 05 điển hình;"
    assert (items[3].title, items[3].body) == ("Giai đoạn 2021-2025 hoàn thành.", "Đây là đoạn văn của mục.")
    assert [str(w) for w in outline.warnings] == ["Dòng 9: “3” đứng sau “1” (dòng 2): có thiếu mục nào không?"]


@pytest.mark.django_db
def test_criteria_import_adds_the_whole_tree_with_parents(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    long_text = "Tổ chức tôn vinh, khen thưởng kịp thời. " * 20
    created = services.criteria_import(
        campaign=campaign,
        text=f"II. NỘI DUNG\n1. Đối với tập thể\na) {long_text}\n- Trường chuẩn\n2. Đối với cá nhân",
        actor=world.users["phong_officer"],
    )
    rows = {c.number: c for c in Criterion.objects.filter(campaign=campaign)}
    assert [c.number for c in created] == ["II", "1", "a)", "-", "2"]
    assert rows["1"].parent == rows["II"]
    assert rows["a)"].parent == rows["1"]
    assert rows["-"].parent == rows["a)"]
    assert rows["2"].parent == rows["II"]
    assert rows["a)"].title == long_text.strip()  # nothing cut: 800 characters kept
    assert len(rows["a)"].title) > 500


@pytest.mark.django_db
def test_criteria_import_refuses_a_malformed_outline_whole(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    with pytest.raises(ValidationError) as caught, translation.override("vi"):
        services.criteria_import(campaign=campaign, text="1. A\n1.1. B\n3.1. C", actor=None)
    assert caught.value.message_dict == {
        "text": ["Dòng 3: mục “3.1” phải nằm dưới mục “3”, nhưng mục phía trên là “1.1”."]
    }
    assert Criterion.objects.filter(campaign=campaign).count() == 0


@pytest.mark.django_db
def test_criteria_outline_previews_then_saves(world, client_for):
    campaign = CampaignFactory(issuer=world.phong_a)
    client = client_for(world.users["phong_officer"])
    url = reverse("campaigns:criteria-outline", args=[campaign.pk])
    text = "1. Mục đích\n1.1. Tập thể\n2.1. Sai chỗ"
    response = client.post(url, {"text": text, "preview": "1"})
    page = response.content.decode()
    assert "Dòng 3: mục “2.1” phải nằm dưới mục “2”, nhưng mục phía trên là “1.1”." in page
    assert 'data-testid="save-outline"' not in page
    assert Criterion.objects.filter(campaign=campaign).count() == 0

    text = "1. Mục đích\n1.1. Tập thể\n2. Yêu cầu"
    response = client.post(url, {"text": text, "preview": "1"})
    page = response.content.decode()
    assert page.count('data-testid="outline-item"') == 3
    assert "Thêm 3 mục vào kế hoạch" in page
    assert Criterion.objects.filter(campaign=campaign).count() == 0

    response = client.post(url, {"text": text, "save": "1"})
    assert response["Location"] == reverse("campaigns:detail", args=[campaign.pk]) + "#part-tieu-chi"
    rows = list(Criterion.objects.filter(campaign=campaign).values_list("number", "title", "parent__number"))
    assert rows == [("1", "Mục đích", None), ("1.1", "Tập thể", "1"), ("2", "Yêu cầu", None)]


@pytest.mark.django_db
def test_criterion_parent_picker_shows_the_tree_indented(world):
    campaign = CampaignFactory(issuer=world.phong_a)
    services.criteria_import(campaign=campaign, text="1. Mục đích\n1.1. Tập thể\na) Trường\n2. Yêu cầu", actor=None)
    child = Criterion.objects.get(campaign=campaign, number="1.1")
    form = CriterionForm(campaign=campaign, user=None, instance=child)
    labels = [label for _value, label in form.fields["parent"].choices]
    indent = "\u00a0" * 4
    assert labels == ["---------", "1. Mục đích", "2. Yêu cầu"]
    form = CriterionForm(campaign=campaign, user=None)
    labels = [label for _value, label in form.fields["parent"].choices]
    assert labels == ["---------", "1. Mục đích", f"{indent}1.1. Tập thể", f"{indent * 2}a) Trường", "2. Yêu cầu"]


@pytest.mark.django_db
def test_criteria_outline_on_a_launched_plan_is_recorded_as_amendments(world, client_for):
    campaign = CampaignFactory(issuer=world.phong_a)
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    client = client_for(world.users["phong_officer"])
    url = reverse("campaigns:criteria-outline", args=[campaign.pk])
    response = client.post(url, {"text": "1. Mục đích\n2. Yêu cầu", "save": "1"})
    assert response.context["form"].errors["amendment_reason"] == ["Vui lòng nêu lý do điều chỉnh."]
    response = client.post(
        url, {"text": "1. Mục đích\n2. Yêu cầu", "save": "1", "amendment_reason": "Bổ sung nội dung"}
    )
    assert response.status_code == 302
    assert list(campaign.criteria.values_list("number", flat=True)) == ["1", "2"]
    # The whole paste is one amendment: one reason, one notice to the participants, both items listed.
    assert list(campaign.amendments.values_list("reason", flat=True)) == ["Bổ sung nội dung"]
    assert AuditLog.objects.filter(action="campaign.amended").count() == 1
    page = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert "Thêm 2 mục của nội dung, tiêu chí từ dàn ý dán vào" in page
    assert "<li>Mục: — → 1 Mục đích</li><li>Mục: — → 2 Yêu cầu</li>" in page
