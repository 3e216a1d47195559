"""The issues' "done when", proved in a real browser as a new user would do it.

* Issue 3: a Sở officer enters Bến Tre's plan 914/KH-SGD&ĐT form by form (HTMX included),
  previews, launches and prints it; a school clerk of a participating school finds it in
  "my deadlines", registers the unit's work items and submits a real PDF; the officer sees
  "Nộp đúng hạn". Hưng Yên's 1729/KH-SGDĐT, entered briefly, prints its yearly milestone and
  its signing authority.
* Issue 2: every demo account logs in and sees only its own part of the unit tree.
* A clerk on a phone opens the menu, reaches "Hạn nộp của đơn vị" and submits a file.

The plans are dated around the real today (a frozen clock would expire the browser's session
cookie), so they are running on the day the test runs. Screenshots of the key screens go to
``tests.browser.SHOTS_DIR`` (outside the repository).
"""

import datetime
import io
import re

import pdfplumber
import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns import services
from campaigns.models import Campaign, Submission
from campaigns.tests.factories import CampaignFactory
from common.dates import body_date, official_date, school_year_of
from tests.browser import PHONE, READY, chromium, go, log_in, new_page, requires_browser, shoot
from units import demo
from units.enums import UnitKind
from units.models import Unit, UnitEvent, User
from units.tests.factories import UnitFactory, UserFactory

pytestmark = [pytest.mark.browser, requires_browser, pytest.mark.django_db(transaction=True)]


def _dmy(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def _small_pdf(text: str) -> bytes:
    """A real one-page PDF, as a school's scanner or word processor would give."""
    from weasyprint import HTML

    return HTML(string=f"<h1>{text}</h1><p>Trường Tiểu học Thử A1</p>").write_pdf()


def _pdf_lines(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [" ".join(line["text"].split()) for page in pdf.pages for line in page.extract_text_lines()]


def _pdf_signature(data: bytes) -> list[str]:
    """The right half of the last page, where the signing block sits (the recipients are on the left)."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[-1]
        return page.within_bbox((page.width / 2, 0, page.width, page.height)).extract_text().splitlines()


def _fill(scope, prefix: str, data: dict) -> None:
    """Type into each field as a user does: text is typed, selects chosen, boxes ticked."""
    for name, value in data.items():
        field = scope.locator(f'[name="{prefix}{name}"]')
        kind = field.first.evaluate("e => e.tagName === 'SELECT' ? 'select' : (e.type || '')")
        if kind == "select":
            field.select_option(label=value)
        elif kind == "checkbox":
            field.check() if value else field.uncheck()
        else:
            field.fill(str(value))
            if field.first.get_attribute("data-date-picker"):
                field.press("Tab")  # typed, then left, as a user does: the picker closes


def _add_to_part(page, slug: str, rows: list[dict], testid: str) -> None:
    """Add items to a part of the plan through its HTMX form, which stays open for the next one."""
    section = page.locator(f"#part-{slug}")
    items = section.get_by_test_id(testid)
    form = section.locator(f"#add-{slug} form")
    if not form.is_visible():
        section.locator(f'a[href="#add-{slug}"]').click()
        form.wait_for(state="visible")
    for row in rows:
        before = items.count()
        _fill(form, f"{slug}-", row)
        form.locator("button[type=submit]").click()
        try:
            section.get_by_test_id(testid).nth(before).wait_for(timeout=5_000)
        except Exception as exc:  # show the form's own messages rather than a bare timeout
            raise AssertionError(f"{slug}: {row} was not added: {section.inner_text()}") from exc
        assert section.get_by_role("status").inner_text() == "Đã thêm vào kế hoạch."


def _menu(page, group: str, entry: str) -> None:
    """Reach a page through the navbar, opening the toggler first on a narrow screen."""
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        page.locator("#mainnav").wait_for(state="visible")
    page.locator("#mainnav").get_by_role("button", name=group).click()
    go(page, page.locator("#mainnav").get_by_role("link", name=entry, exact=True))


def _download(page, trigger) -> bytes:
    with page.expect_download() as info:
        trigger.click()
    with open(info.value.path(), "rb") as handle:
        return handle.read()


# --- Issue 3: Bến Tre 914/KH-SGD&ĐT, entered, printed, registered and submitted against ----------------


def test_ben_tre_914_is_entered_printed_registered_and_submitted_through_the_browser(world, live_server):
    today = timezone.localdate()
    issued_on = today - datetime.timedelta(days=7)
    ends_on = today + datetime.timedelta(days=420)
    registration_due = today + datetime.timedelta(days=14)

    with chromium() as browser:
        officer = new_page(browser)
        log_in(officer, live_server, "officer_so")
        _menu(officer, "Phong trào thi đua", "Phong trào thi đua")
        go(officer, officer.get_by_role("link", name="Kế hoạch mới"))
        _fill(
            officer,
            "",
            {
                "title": "Tổ chức thực hiện cao điểm thi đua “Đồng Khởi mới” ngành Giáo dục và Đào tạo",
                "kind": "Cao điểm",
                "governing_body": "UBND TỈNH BẾN TRE",
                "number": "914",
                "symbol": "KH-SGD&ĐT",
                "issued_place": "Bến Tre",
                "issued_on": _dmy(issued_on),
                "signer_title": "GIÁM ĐỐC",
                "signer_name": "La Thị Thúy",
                "theme": "Hai chân – Ba mũi",
                "starts_on": _dmy(issued_on),
                "ends_on": _dmy(ends_on),
                "purpose": "Phát huy mạnh mẽ ý chí tự lực, tự cường, khát vọng vươn lên.",
                "distribution": "UBND tỉnh;\nBan TĐKT tỉnh;\nCác Phòng GD&ĐT;\nLưu: VT, VP.",
            },
        )
        shoot(officer, "01-officer-new-plan-form")
        go(officer, officer.get_by_role("button", name="Lưu"))
        assert officer.get_by_role("alert").first.inner_text().startswith("Đã lưu dự thảo kế hoạch.")
        campaign = Campaign.objects.get()

        _add_to_part(
            officer,
            "can-cu",
            [
                {
                    "number_symbol": "2024/KH-UBND",
                    "issued_on": "03/04/2024",
                    "issuer_name": "UBND tỉnh Bến Tre",
                    "summary": "Tổ chức thực hiện cao điểm thi đua “Đồng Khởi mới” năm 2024 – 2025",
                },
                {"number_symbol": "6980/HD-UBND", "issued_on": "13/11/2023", "issuer_name": "UBND tỉnh Bến Tre"},
            ],
            "upper-document",
        )
        phase_split = issued_on + datetime.timedelta(days=180)
        _add_to_part(
            officer,
            "giai-doan",
            [
                {"name": "Giai đoạn 1", "starts_on": _dmy(issued_on), "ends_on": _dmy(phase_split)},
                {
                    "name": "Giai đoạn 2",
                    "starts_on": _dmy(phase_split + datetime.timedelta(days=1)),
                    "ends_on": _dmy(ends_on),
                },
            ],
            "phase",
        )
        _add_to_part(
            officer,
            "doi-tuong",
            [
                {
                    "kind": "Tập thể",
                    "description": "Các cơ quan quản lý giáo dục, các cơ sở giáo dục trên địa bàn tỉnh",
                },
                {"kind": "Cá nhân", "description": "Cán bộ, công chức, viên chức, người lao động trong toàn ngành"},
            ],
            "subject",
        )
        _add_to_part(
            officer,
            "tieu-chi",
            [
                {"number": "2", "title": "Nội dung thi đua"},
                {"number": "2.1", "title": "Thi đua xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh"},
                {"number": "2.1.1", "title": "Về xây dựng Đảng"},
                {"number": "2.2", "title": "Thi đua phát triển kinh tế – xã hội"},
                {
                    "number": "2.2.1",
                    "title": "Nhóm, lớp mầm non được học 2 buổi/ngày",
                    "target_value": "99,5",
                    "target_unit": "%",
                    "target_year": "2025",
                },
                {
                    "number": "2.2.2",
                    "title": "Trường đạt chuẩn quốc gia",
                    "target_value": "344",
                    "target_unit": "trường",
                    "target_year": "2025",
                },
            ],
            "criterion",
        )
        _add_to_part(
            officer,
            "khen-thuong",
            [{"name": "Giấy khen của Giám đốc Sở GD&ĐT", "occasion": "sơ kết", "quota": "20"}],
            "award-offer",
        )
        _add_to_part(
            officer,
            "ho-so",
            [{"name": "Tờ trình đề nghị khen thưởng", "is_required": True}],
            "dossier-component",
        )
        _add_to_part(
            officer,
            "moc",
            [
                {
                    "title": "Kế hoạch và đăng ký nội dung thi đua",
                    "deliverable": "Đăng ký thi đua",
                    "recurrence": "Một lần",
                    "due_on": _dmy(registration_due),
                    "description": "Đăng ký các phần việc, mỗi phần việc có thời gian bắt đầu và kết thúc.",
                },
                {
                    "title": "Báo cáo sơ kết",
                    "deliverable": "Báo cáo sơ kết",
                    "recurrence": "Một lần",
                    "due_on": _dmy(today + datetime.timedelta(days=120)),
                },
            ],
            "milestone",
        )
        criteria = officer.locator("#part-tieu-chi").get_by_test_id("criterion")
        assert criteria.locator(".fw-semibold").all_inner_texts() == [
            "2. Nội dung thi đua",
            "2.1. Thi đua xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh",
            "2.1.1. Về xây dựng Đảng",
            "2.2. Thi đua phát triển kinh tế – xã hội",
            "2.2.1. Nhóm, lớp mầm non được học 2 buổi/ngày",
            "2.2.2. Trường đạt chuẩn quốc gia",
        ]
        assert criteria.get_by_test_id("target").all_inner_texts() == [
            "Chỉ tiêu: 99,5 % (đến năm 2025)",
            "Chỉ tiêu: 344 trường (đến năm 2025)",
        ]
        assert [c.number for c in campaign.criteria.filter(parent__number="2.2")] == ["2.2.1", "2.2.2"]
        shoot(officer, "02-officer-plan-with-parts")

        go(officer, officer.get_by_test_id("plan-preview"))
        preview = officer.locator(".official-sheet").inner_text()
        assert "Số: 914/KH-SGD&ĐT" in preview
        assert official_date(issued_on, "Bến Tre") in preview
        assert officer.get_by_role("status").inner_text().startswith("Kế hoạch này đang là dự thảo")
        shoot(officer, "03-officer-preview")
        go(officer, officer.get_by_role("link", name="Quay lại kế hoạch"))

        officer.locator("#state-reason").fill("Phát động cao điểm thi đua")
        go(officer, officer.get_by_role("button", name="Phát động"))
        assert officer.get_by_test_id("state").inner_text() == "Đã phát động"
        campaign.refresh_from_db()
        assert campaign.state == "launched"

        pdf = _download(officer, officer.get_by_test_id("plan-pdf"))
        lines = _pdf_lines(pdf)
        assert pdf.startswith(b"%PDF-")
        assert "Số: 914/KH-SGD&ĐT" in " ".join(lines)
        assert any(line.endswith(official_date(issued_on, "Bến Tre")) for line in lines)
        assert _pdf_signature(pdf)[-2:] == ["GIÁM ĐỐC", "La Thị Thúy"]
        for expected in (
            "Chỉ tiêu: 99,5% (năm 2025).",
            "Chỉ tiêu: 344 trường (năm 2025).",
            f"- Giai đoạn 1: từ ngày {body_date(issued_on)} đến ngày {body_date(phase_split)};",
            "- Giấy khen của Giám đốc Sở GD&ĐT (sơ kết; số lượng: 20).",
            "a) Tờ trình đề nghị khen thưởng.",
        ):
            assert expected in lines

        # The clerk of a participating school.
        clerk = new_page(browser)
        log_in(clerk, live_server, "clerk_a1")
        _menu(clerk, "Phong trào thi đua", "Hạn nộp của đơn vị")
        if school_year_of(registration_due) != school_year_of(today):
            go(clerk, clerk.get_by_role("link", name="»"))
        owed = clerk.get_by_test_id("owed").filter(has_text="Kế hoạch và đăng ký nội dung thi đua")
        assert owed.get_attribute("data-status") == "not_due"
        assert f"{_dmy(registration_due)} · Kế hoạch và đăng ký nội dung thi đua" in owed.inner_text()
        shoot(clerk, "04-clerk-my-deadlines")

        _menu(clerk, "Phong trào thi đua", "Đăng ký thi đua")
        row = clerk.get_by_role("row").filter(has_text="914/KH-SGD&ĐT")
        assert "Chưa đăng ký" in row.inner_text()
        go(clerk, row.get_by_role("link", name="Xem"))
        go(clerk, clerk.get_by_role("link", name="Đăng ký thi đua cho đơn vị"))
        clerk.locator("[name=aimed_award]").select_option(label="Tập thể lao động xuất sắc")
        go(clerk, clerk.get_by_role("button", name="Lưu"))
        for title, criterion, start, end in (
            ("Xây dựng trường đạt chuẩn quốc gia mức độ 2", "2.2.2 Trường đạt chuẩn quốc gia", 0, 200),
            ("Tổ chức dạy học 2 buổi/ngày cho tất cả các lớp", "2.2.1 Nhóm, lớp mầm non được học 2 buổi/ngày", 10, 150),
        ):
            go(clerk, clerk.get_by_role("link", name="Thêm đầu việc"))
            clerk.locator("[name=title]").fill(title)
            clerk.locator("[name=criterion]").select_option(label=criterion)
            clerk.locator("[name=starts_on]").fill(_dmy(today + datetime.timedelta(days=start)))
            clerk.locator("[name=starts_on]").press("Tab")
            clerk.locator("[name=ends_on]").fill(_dmy(today + datetime.timedelta(days=end)))
            clerk.locator("[name=ends_on]").press("Tab")
            go(clerk, clerk.get_by_role("button", name="Lưu"))
        items = clerk.locator("section").first.get_by_role("row")
        assert items.nth(1).inner_text().split("\t")[2:4] == [
            _dmy(today),
            _dmy(today + datetime.timedelta(days=200)),
        ]
        go(clerk, clerk.get_by_role("button", name="Gửi đơn vị ban hành"))
        assert clerk.locator("section").first.locator(".badge").first.inner_text() == "Đã gửi"
        shoot(clerk, "05-clerk-registration-submitted")
        registration = campaign.unit_registrations.get()
        assert (registration.unit_id, registration.state, registration.work_items.count()) == (
            world.school_a1.pk,
            "submitted",
            2,
        )

        upload = _small_pdf("Kế hoạch và đăng ký thi đua")
        _menu(clerk, "Phong trào thi đua", "Hạn nộp của đơn vị")
        if school_year_of(registration_due) != school_year_of(today):
            go(clerk, clerk.get_by_role("link", name="»"))
        go(clerk, owed.get_by_role("link", name="Nộp"))
        clerk.locator("input[name=file]").set_input_files(
            files=[{"name": "ke-hoach-dang-ky.pdf", "mimeType": "application/pdf", "buffer": upload}]
        )
        clerk.locator("[name=note]").fill("Kế hoạch và bản đăng ký của trường")
        go(clerk, clerk.locator("form").get_by_role("button", name="Nộp"))
        assert clerk.get_by_test_id("status").inner_text() == "Nộp đúng hạn"
        assert clerk.get_by_test_id("version").inner_text().startswith("lần 1 ·")
        shoot(clerk, "06-clerk-submitted")

        # Back at the Sở: the status page of that deadline, reached from the plan.
        _menu(officer, "Phong trào thi đua", "Phong trào thi đua")
        go(officer, officer.get_by_role("link", name=campaign.title))
        milestone = officer.get_by_test_id("milestone").filter(has_text="Kế hoạch và đăng ký nội dung thi đua")
        go(officer, milestone.get_by_role("link", name="trạng thái"))
        row = officer.locator(f'[data-testid=status-row][data-unit="{world.school_a1.pk}"]')
        assert row.get_attribute("data-status") == "on_time"
        assert "Nộp đúng hạn" in row.inner_text()
        shoot(officer, "07-officer-status")
        assert _download(officer, row.get_by_role("link", name="tải về")) == upload
    submission = Submission.objects.get()
    assert (submission.unit_id, submission.content_type, submission.original_name) == (
        world.school_a1.pk,
        "application/pdf",
        "ke-hoach-dang-ky.pdf",
    )


def test_hung_yen_1729_prints_its_yearly_milestone_and_signing_authority(live_server):
    hung_yen = UnitFactory(kind=UnitKind.EDUCATION_DEPARTMENT, name="Sở Giáo dục và Đào tạo tỉnh Hưng Yên")
    UserFactory(username="hungyen_tdkt", unit=hung_yen, is_officer=True)
    with chromium() as browser:
        officer = new_page(browser)
        log_in(officer, live_server, "hungyen_tdkt")
        officer.goto(f"{live_server.url}/phong-trao/tao-moi/", wait_until=READY)
        _fill(
            officer,
            "",
            {
                "title": "Xây dựng, phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến trong phong trào thi đua "
                "“Đổi mới sáng tạo trong quản lý, giảng dạy và học tập” giai đoạn 2021 – 2025",
                "governing_body": "UBND TỈNH HƯNG YÊN",
                "number": "1729",
                "symbol": "KH-SGDĐT",
                "issued_place": "Hưng Yên",
                "issued_on": "17/09/2021",
                "signing_authority": "KT. GIÁM ĐỐC",
                "signer_title": "PHÓ GIÁM ĐỐC",
                "signer_name": "Đỗ Văn Khải",
                "starts_on": "17/09/2021",
                "ends_on": "31/12/2025",
            },
        )
        go(officer, officer.get_by_role("button", name="Lưu"))
        _add_to_part(
            officer,
            "can-cu",
            [{"number_symbol": "90/KH-UBND", "issued_on": "11/06/2021", "issuer_name": "UBND tỉnh Hưng Yên"}],
            "upper-document",
        )
        _add_to_part(
            officer,
            "moc",
            [
                {
                    "title": "Đề xuất điển hình tiêu biểu đề nghị UBND tỉnh khen thưởng",
                    "deliverable": "Hồ sơ đề nghị khen thưởng",
                    "recurrence": "Hằng năm",
                    "due_day": "11",
                    "due_month": "6",
                }
            ],
            "milestone",
        )
        milestone = officer.get_by_test_id("milestone")
        assert milestone.locator(".badge.text-bg-info").inner_text() == "hằng năm ngày 11/6"
        assert [text.split()[0] for text in milestone.get_by_test_id("deadline").all_inner_texts()] == [
            "11/06/2022",
            "11/06/2023",
            "11/06/2024",
            "11/06/2025",
        ]
        assert (
            " ".join(officer.get_by_test_id("signer").inner_text().split()) == "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Đỗ Văn Khải"
        )
        officer.locator("#state-reason").fill("Ban hành")
        go(officer, officer.get_by_role("button", name="Phát động"))
        # The plan ran 2021–2025: the portal asks before launching a plan whose period has ended.
        assert officer.get_by_test_id("past-period").is_visible()
        go(officer, officer.get_by_test_id("confirm-launch"))
        shoot(officer, "08-hung-yen-plan")
        pdf = _download(officer, officer.get_by_test_id("plan-pdf"))
    lines = _pdf_lines(pdf)
    assert "Số: 1729/KH-SGDĐT" in " ".join(lines)
    assert any(line.endswith("Hưng Yên, ngày 17 tháng 9 năm 2021") for line in lines)
    assert (
        "- Đề xuất điển hình tiêu biểu đề nghị UBND tỉnh khen thưởng: gửi về Sở Giáo dục và Đào tạo tỉnh Hưng Yên "
        "trước ngày 11/6 hằng năm." in " ".join(lines)
    )
    assert _pdf_signature(pdf)[-3:] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Đỗ Văn Khải"]


# --- Issue 2: every demo account sees only its own part of the tree -------------------------------------


def _scope_codes(user, units: list[Unit]) -> set[str]:
    """What the account must see, worked out from the tree itself (not from the selectors under test)."""
    if user.is_superuser:
        return {u.code for u in units}
    # A unit inherits what merged into it (Bến Tre's Sở into Vĩnh Long's, 01/7/2025), read off the events.
    own, frontier = [user.unit], [user.unit]
    while frontier:
        frontier = [p for event in UnitEvent.objects.filter(unit__in=frontier) for p in event.predecessors.all()]
        own += frontier
    if user.is_officer or user.is_leader or user.is_council_member:
        return {u.code for u in units if any(u.path.startswith(o.path) for o in own)}
    return {o.code for o in own}


def test_every_demo_account_sees_only_its_part_of_the_tree(live_server):
    demo.load()
    units = list(Unit.objects.order_by("path"))
    unknown_pk = max(u.pk for u in units) + 1000
    seen, wanted = {}, {}
    with chromium() as browser:
        for username in demo.DEMO_USERNAMES:
            user = User.objects.select_related("unit").get(username=username)
            expected = _scope_codes(user, units)
            page = new_page(browser)
            log_in(page, live_server, username, password=demo.DEMO_PASSWORD)
            page.goto(f"{live_server.url}/don-vi/", wait_until=READY)
            shown = set(page.locator("#results tbody tr td code").all_inner_texts())
            count = page.get_by_test_id("result-count").inner_text()
            # One unit outside the scope per account (the administrator has none: an unknown id).
            outside = next((u.pk for u in units if u.code not in expected), unknown_pk)
            response = page.goto(f"{live_server.url}/don-vi/{outside}/", wait_until=READY)
            seen[username] = (
                sorted(shown - expected),
                user.unit is None or user.unit.code in shown,
                len(shown),
                count,
                response.status,
                page.locator("h1").inner_text(),
            )
            wanted[username] = (
                [],
                True,
                min(len(expected), 50),
                f"{len(expected)} đơn vị",
                404,
                "Không tìm thấy trang",
            )
            page.context.close()
    assert seen == wanted
    # The tree really is split: the administrator sees every unit, a school clerk only its school.
    assert (wanted["quantri"][3], wanted["xuanson.vanthu"][3]) == (f"{len(units)} đơn vị", "1 đơn vị")


# --- A clerk on a phone ---------------------------------------------------------------------------------


def test_clerk_on_a_phone_opens_the_menu_and_submits_a_file(world, live_server):
    today = timezone.localdate()
    campaign = CampaignFactory(
        issuer=world.so,
        issued_on=today - datetime.timedelta(days=3),
        starts_on=today - datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=200),
    )
    milestone = services.milestone_create(
        campaign=campaign,
        actor=None,
        title="Báo cáo kết quả đăng ký thi đua",
        deliverable="plan",
        recurrence="once",
        due_on=today + datetime.timedelta(days=5),
    )
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    deadline = milestone.deadlines.get()
    upload = _small_pdf("Báo cáo")
    with chromium() as browser:
        page = new_page(browser, viewport=PHONE)
        log_in(page, live_server, "clerk_a1")
        assert page.locator("#mainnav").is_hidden()
        shoot(page, "09-phone-home", full_page=False)
        page.locator(".navbar-toggler").click()
        page.locator("#mainnav").get_by_role("button", name="Phong trào thi đua").click()
        shoot(page, "10-phone-menu-open", full_page=False)
        go(page, page.locator("#mainnav").get_by_role("link", name="Hạn nộp của đơn vị"))
        if school_year_of(deadline.due_on) != school_year_of(today):
            go(page, page.get_by_role("link", name="»"))
        row = page.get_by_test_id("owed").filter(has_text="Báo cáo kết quả đăng ký thi đua")
        shoot(page, "11-phone-my-deadlines")
        go(page, row.get_by_role("link", name="Nộp"))
        page.locator("input[name=file]").set_input_files(
            files=[{"name": "bao-cao.pdf", "mimeType": "application/pdf", "buffer": upload}]
        )
        button = page.locator("form").get_by_role("button", name="Nộp")
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        go(page, button)
        shoot(page, "12-phone-submitted")
        assert page.get_by_test_id("status").inner_text() == "Nộp đúng hạn"
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    submission = Submission.objects.get()
    assert (submission.deadline_id, submission.unit_id, submission.file.read()) == (
        deadline.pk,
        world.school_a1.pk,
        upload,
    )
    assert overflow == 0


def _scanned_pdf(kilobytes: int) -> bytes:
    """A real PDF the size of a phone's scan: one page holding a photo-like (incompressible) image."""
    import base64
    import os

    from PIL import Image
    from weasyprint import HTML

    side = int((kilobytes * 1024 / 3) ** 0.5)
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    png = io.BytesIO()
    image.save(png, format="PNG")
    source = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()
    return HTML(string=f'<h1>Biên bản</h1><img src="{source}" style="width:15cm">').write_pdf()


def test_a_file_sent_on_a_slow_connection_shows_its_progress(world, live_server):
    today = timezone.localdate()
    campaign = CampaignFactory(
        issuer=world.so,
        issued_on=today - datetime.timedelta(days=3),
        starts_on=today - datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=200),
    )
    milestone = services.milestone_create(
        campaign=campaign,
        actor=None,
        title="Biên bản họp xét thi đua",
        deliverable="plan",
        recurrence="once",
        due_on=today + datetime.timedelta(days=5),
    )
    services.campaign_set_state(campaign=campaign, new_state="launched", actor=None)
    deadline = milestone.deadlines.get()
    upload = _scanned_pdf(900)
    with chromium() as browser:
        page = new_page(browser, viewport=PHONE)
        log_in(page, live_server, "clerk_a1")
        page.goto(f"{live_server.url}{reverse('campaigns:submit', args=[deadline.pk])}")
        page.locator("input[name=file]").set_input_files(
            files=[{"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": upload}]
        )
        # A school's mobile connection: about 150 KB/s up, so the 900 KB scan takes some seconds.
        network = page.context.new_cdp_session(page)
        network.send("Network.enable")
        network.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": 100, "downloadThroughput": 400 * 1024, "uploadThroughput": 150 * 1024},
        )
        page.locator("form").get_by_role("button", name="Nộp").click()
        page.wait_for_function(
            "() => { const m = document.querySelector('[data-upload-progress] progress');"
            " return m && m.value > 5 && m.value < 95; }"
        )
        midway = page.locator("[data-upload-progress]").inner_text()
        assert page.locator("form").get_by_role("button", name="Nộp").is_disabled()
        shoot(page, "12-upload-progress", full_page=False)
        # The answer replaces the page once the whole file is in (the form's page showed "Chưa đến hạn").
        page.get_by_test_id("status").filter(has_text="Nộp đúng hạn").wait_for(timeout=60_000)
        status = page.get_by_test_id("status").inner_text()
        notice = page.locator(".alert-success").inner_text()
    assert re.fullmatch(r"Đang gửi tệp… \d{1,2}% \(\d+,\d / 0,9 MB\)", midway), midway
    assert status == "Nộp đúng hạn"
    assert notice.strip() != ""  # the flash message of the redirect after the upload reached the page
    assert Submission.objects.get().file.read() == upload
