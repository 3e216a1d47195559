"""Accounts in the portal: top-level units, account creation with a unit picker, invitations by
email, set-password links, bulk accounts from people, deactivation, and the stock admin."""

import re

import pytest
import time_machine
from django.contrib import admin
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from units import accounts, selectors
from units.enums import UnitKind
from units.models import AuditLog, Unit, User
from units.tests.factories import PersonFactory, UserFactory

FROZEN = "2026-03-02 09:00 +07:00"


@pytest.fixture
def sysadmin(db):
    return UserFactory(username="quantri", is_superuser=True, is_staff=True)


def _link(message) -> str:
    return re.search(r"https?://\S+/kich-hoat-tai-khoan/\S+/", message.body).group(0)


@time_machine.travel(FROZEN, tick=False)
def test_root_unit_created_by_admin_is_found_by_search(sysadmin, client, world):
    client.force_login(sysadmin)
    response = client.post(
        reverse("units:unit-create-root"),
        {"kind": UnitKind.EDUCATION_DEPARTMENT, "name": "Sở Giáo dục và Đào tạo tỉnh Đắk Lắk", "code": "sgddt-daklak"},
    )
    unit = Unit.objects.get(code="SGDDT-DAKLAK")
    assert (response.status_code, response["Location"]) == (302, reverse("units:unit-detail", args=[unit.pk]))
    assert (unit.depth, unit.kind) == (1, UnitKind.EDUCATION_DEPARTMENT)
    assert [u.code for u in selectors.unit_list(sysadmin, query="dak lak")] == ["SGDDT-DAKLAK"]


def test_root_unit_form_offers_top_level_kinds_only(sysadmin, client, world):
    client.force_login(sysadmin)
    kinds = [
        value for value, _label in client.get(reverse("units:unit-create-root")).context["form"]["kind"].field.choices
    ]
    assert UnitKind.PRIMARY_SCHOOL not in kinds
    assert {UnitKind.PROVINCE_COMMITTEE, UnitKind.EDUCATION_DEPARTMENT, UnitKind.COMMUNE_COMMITTEE} <= set(kinds)


def test_unit_created_in_stock_admin_is_found_by_search(sysadmin, client, world):
    client.force_login(sysadmin)
    response = client.post(
        reverse("admin:units_unit_add"),
        {
            "kind": UnitKind.COMMUNE_COMMITTEE,
            "name": "Ủy ban nhân dân xã Ea Kar",
            "code": "UBND-EAKAR",
            "treebeard_position": "first-child",
            "treebeard_ref_node": "",
        },
    )
    assert response.status_code == 302
    assert [u.code for u in selectors.unit_list(sysadmin, query="ea kar")] == ["UBND-EAKAR"]


def test_stock_admin_refuses_staff_who_are_not_system_administrators(world, client):
    officer = world.users["so_officer"]
    User.objects.filter(pk=officer.pk).update(is_staff=True)
    client.force_login(User.objects.get(pk=officer.pk))
    response = client.get(reverse("admin:index"))
    assert (response.status_code, response["Location"].startswith(reverse("admin:login"))) == (302, True)
    assert admin.site.has_permission(type("R", (), {"user": officer})()) is False


@time_machine.travel(FROZEN, tick=False)
def test_officer_creates_clerk_account_and_invitation_sets_password(
    world, client, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_BASE_URL = "https://thidua.example.vn"
    client.force_login(world.users["phong_officer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("units:account-create"),
            {"unit": world.school_a2.pk, "full_name": "Đỗ Thị Hằng", "email": "Hang@Example.test", "roles": ["clerk"]},
        )
    assert response["Location"] == reverse("units:account-list")
    account = User.objects.get(username="hang.dt")
    assert (account.unit, account.is_clerk, account.is_officer, account.email) == (
        world.school_a2,
        True,
        False,
        "hang@example.test",
    )
    assert account.has_usable_password() is False
    assert [m.to for m in mail.outbox] == [["hang@example.test"]]
    assert mail.outbox[0].subject == "Tài khoản của anh/chị trên cổng thi đua, khen thưởng (Trường THCS Thử A2)"
    link = _link(mail.outbox[0])
    assert link.startswith("https://thidua.example.vn/kich-hoat-tai-khoan/")
    path = link.removeprefix("https://thidua.example.vn")
    client.logout()
    page = client.get(path)
    assert page.context["account"] == account
    done = client.post(path, {"new_password1": "Lan-hoa-2026!", "new_password2": "Lan-hoa-2026!"})
    assert done["Location"] == reverse("login")
    account.refresh_from_db()
    assert account.check_password("Lan-hoa-2026!") is True
    again = client.get(path)
    assert again.context["invalid"] is True
    assert list(
        AuditLog.objects.filter(object_id=str(account.pk), content_type__model="user")
        .values_list("action", flat=True)
        .order_by("id")
    ) == [
        "account.created",
        "account.password_set",
    ]


def test_officer_may_not_give_officer_role_nor_act_outside_subtree(world):
    officer = world.users["phong_officer"]
    with pytest.raises(ValidationError) as refused:
        accounts.account_create(
            actor=officer, unit=world.school_a1, full_name="A", email="a@example.test", roles=["officer"]
        )
    assert list(refused.value.message_dict) == ["roles"]
    with pytest.raises(ValidationError) as outside:
        accounts.account_create(
            actor=officer, unit=world.school_b1, full_name="B", email="b@example.test", roles=["clerk"]
        )
    assert list(outside.value.message_dict) == ["unit"]


def test_admin_gives_any_role_anywhere(sysadmin, world):
    account = accounts.account_create(
        actor=sysadmin, unit=world.other_so, full_name="Hà Văn Tư", email="tu@example.test", roles=["officer", "leader"]
    )
    assert (account.username, account.is_officer, account.is_leader, account.is_superuser) == (
        "tu.hv",
        True,
        True,
        False,
    )


def test_outsider_cannot_choose_a_unit_of_another_tree(world, client):
    client.force_login(world.users["outsider"])
    response = client.post(
        reverse("units:account-create"),
        {"unit": world.school_a1.pk, "full_name": "X", "email": "x@example.test", "roles": ["clerk"]},
    )
    assert list(response.context["form"].errors) == ["unit"]
    assert User.objects.filter(email="x@example.test").exists() is False


def test_username_for_adds_a_number_when_taken(world):
    UserFactory(username="lan.nt")
    assert accounts.username_for("Nguyễn Thị Lan") == "lan.nt2"
    assert accounts.username_for("Đặng Đức Anh") == "anh.dd"


def test_unit_picker_searches_the_subtree_only(world, client):
    client.force_login(world.users["phong_officer"])
    response = client.get(reverse("units:account-unit-picker"), {"unit_query": "thu a"})
    assert [u.name for u in response.context["units"]] == [
        "Phòng GD&ĐT Thử A",
        "Trường THCS Thử A2",
        "Trường Tiểu học Thử A1",
    ]
    chosen = client.get(reverse("units:account-unit-picker"), {"chosen": world.school_a1.pk})
    assert chosen.context["chosen"] == world.school_a1
    assert f'name="unit" value="{world.school_a1.pk}"' in chosen.content.decode()
    outside = client.get(reverse("units:account-unit-picker"), {"chosen": world.school_b1.pk})
    assert outside.context["units"] == []


def test_account_form_shows_roles_in_plain_words(world, client):
    client.force_login(world.users["so_officer"])
    response = client.get(reverse("units:account-create"))
    labels = [label for _value, label in response.context["form"]["roles"].field.choices]
    assert [label.split(" — ")[0] for label in labels] == ["Văn thư đơn vị", "Thủ trưởng đơn vị"]
    assert all(" — " in label and len(label) > 40 for label in labels)


def test_bulk_accounts_from_people(world, client, django_capture_on_commit_callbacks):
    world.person_a1.email = "lan@example.test"
    world.person_a1.save()
    client.force_login(world.users["phong_officer"])
    page = client.get(reverse("units:account-bulk"))
    assert [p.full_name for p in page.context["people"]] == ["Trần Văn Bình", "Nguyễn Thị Lan"]
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            reverse("units:account-bulk"), {"people": [world.person_a1.pk, world.person_a2.pk], "roles": ["head"]}
        )
    assert [(a.username, a.person, a.is_unit_head) for a in done.context["created"]] == [
        ("lan.nt", world.person_a1, True)
    ]
    assert [p for p, _why in done.context["skipped"]] == [world.person_a2]
    assert [m.to for m in mail.outbox] == [["lan@example.test"]]
    assert [p.full_name for p in client.get(reverse("units:account-bulk")).context["people"]] == ["Trần Văn Bình"]


def test_officer_deactivates_a_head_but_not_another_officer(world, client):
    client.force_login(world.users["so_officer"])
    head = world.users["other_head"]
    client.post(reverse("units:account-deactivate", args=[head.pk]), {"reason": "Nghỉ hưu"})
    head.refresh_from_db()
    assert head.is_active is False
    assert AuditLog.objects.get(action="account.deactivated").reason == "Nghỉ hưu"
    officer = world.users["phong_officer"]
    assert client.post(reverse("units:account-deactivate", args=[officer.pk])).status_code == 403
    officer.refresh_from_db()
    assert officer.is_active is True


def test_account_list_shows_subtree_accounts_with_states(world, client):
    client.force_login(world.users["phong_officer"])
    response = client.get(reverse("units:account-list"))
    assert [a.username for a in response.context["page"]] == ["officer_pa", "head_a2", "clerk_a1"]


@pytest.mark.parametrize("rows", [1, 30])
def test_account_list_query_count(rows, world, client, django_assert_num_queries):
    for i in range(rows):
        UserFactory(username=f"vt{i:02d}", unit=world.school_b1, is_clerk=True)
    client.force_login(world.users["so_officer"])
    with django_assert_num_queries(9):
        response = client.get(reverse("units:account-list"))
    assert response.context["page"].paginator.count == rows + 5


def test_menu_offers_accounts_to_officers_only(world, client_for):
    link = f'href="{reverse("units:account-list")}"'
    assert link in client_for(world.users["phong_officer"]).get(reverse("units:home")).content.decode()
    assert link not in client_for(world.users["school_clerk"]).get(reverse("units:home")).content.decode()


@pytest.mark.parametrize("rows", [1, 30])
def test_account_bulk_page_query_count(rows, world, client, django_assert_num_queries):
    for i in range(rows):
        PersonFactory(unit=world.school_b1, full_name=f"Phan Văn Số {i:02d}", email=f"so{i:02d}@example.test")
    client.force_login(world.users["so_officer"])
    with django_assert_num_queries(8):
        response = client.get(reverse("units:account-bulk"))
    assert len(response.context["people"]) == rows + 3


def test_deactivated_account_cannot_log_in(world, client):
    head = world.users["other_head"]
    accounts.account_deactivate(actor=world.users["phong_officer"], account=head)
    response = client.post(reverse("login"), {"username": "head_a2", "password": "matkhau-demo-1"})
    assert (response.status_code, "_auth_user_id" in client.session) == (200, False)


def test_officer_changes_the_roles_of_a_head_and_the_log_says_so(world, client):
    officer, head = world.users["phong_officer"], world.users["other_head"]
    client.force_login(officer)
    page = client.get(reverse("units:account-edit", args=[head.pk])).content.decode()
    checked = set(re.findall(r'<input type="checkbox"[^>]*name="roles" value="(\w+)"[^>]*checked', page))
    assert checked == {"head"}
    response = client.post(
        reverse("units:account-edit", args=[head.pk]),
        {"full_name": "Trần Thị  Hoa", "email": "Hoa.A2@Example.test", "roles": ["clerk", "head"]},
    )
    assert response.status_code == 302
    head.refresh_from_db()
    assert (head.full_name, head.email, head.is_clerk, head.is_unit_head, head.is_officer) == (
        "Trần Thị Hoa",
        "hoa.a2@example.test",
        True,
        True,
        False,
    )
    entry = AuditLog.objects.filter(action="account.updated").get()
    assert entry.data == {"roles_before": ["head"], "roles": ["clerk", "head"]}


def test_an_officer_cannot_give_the_officer_role_nor_edit_itself(world, client):
    officer, head = world.users["phong_officer"], world.users["other_head"]
    client.force_login(officer)
    response = client.post(
        reverse("units:account-edit", args=[head.pk]),
        {"full_name": "Trần Văn Bình", "email": "binh@example.test", "roles": ["officer"]},
    )
    assert response.status_code == 200  # the form again, with the refused choice at its field
    head.refresh_from_db()
    assert head.is_officer is False
    with pytest.raises(ValidationError) as exc:
        accounts.account_update(actor=officer, account=officer, full_name="X", email="x@example.test", roles=["clerk"])
    assert exc.value.messages == ["Hãy nhờ một quản trị viên hoặc cán bộ khác thay đổi vai trò của chính bạn."]


def test_a_deactivated_account_is_reactivated_and_logs_in_again(world, client, django_capture_on_commit_callbacks):
    officer, head = world.users["phong_officer"], world.users["other_head"]
    head.set_password("matkhau-demo-1")
    head.save()
    accounts.account_deactivate(actor=officer, account=head)
    head.refresh_from_db()
    assert head.is_active is False
    client.force_login(officer)
    assert "Kích hoạt lại" in client.get(reverse("units:account-list")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("units:account-reactivate", args=[head.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 0  # it has a password: no new invitation
    client.logout()
    response = client.post(reverse("login"), {"username": head.username, "password": "matkhau-demo-1"})
    assert (response.status_code, client.session.get("_auth_user_id")) == (302, str(head.pk))
    assert AuditLog.objects.filter(action="account.reactivated", object_id=str(head.pk)).count() == 1


def test_reactivating_an_invited_account_sends_a_new_invitation(world, django_capture_on_commit_callbacks):
    officer = world.users["phong_officer"]
    with django_capture_on_commit_callbacks(execute=True):
        invited = accounts.account_create(
            actor=officer, unit=world.school_a1, full_name="Đỗ Thị Hằng", email="hang@example.test", roles=["clerk"]
        )
    accounts.account_deactivate(actor=officer, account=invited)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        accounts.account_reactivate(actor=officer, account=invited)
    assert [m.to for m in mail.outbox] == [["hang@example.test"]]
    with pytest.raises(ValidationError) as exc:
        accounts.account_reactivate(actor=officer, account=invited)
    assert exc.value.messages == ["Tài khoản này đang hoạt động."]
