"""The admin of every units model: its changelist lists a known object, its add page offers the form."""

import datetime

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import capfirst

from units import services
from units.enums import ImportKind
from units.models import AuditLog, Cluster, ImportBatch, Notification, Person, RegisterEntry, Unit, UnitEvent, User
from units.tests.factories import UserFactory

UNIT_MODELS = [m for m in admin.site._registry if m._meta.app_label == "units"]
# Numbers are taken by the services only; their admin shows them and offers nothing to change.
READ_ONLY = {RegisterEntry}


@pytest.fixture
def known(world) -> dict[type, str]:
    """One object of each units model, and a text of it that its changelist row shows."""
    world.extra["superuser"] = superuser = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    services.unit_rename(
        unit=world.school_b1,
        new_name="Trường Tiểu học Thử B1 Mới",
        date=datetime.date(2024, 8, 15),
        actor=superuser,
        decision="QĐ 15/QĐ-UBND",
    )
    services.cluster_create(
        organiser=world.phong_a,
        name="Cụm thi đua số 1",
        school_year=2024,
        head_unit=world.school_a1,
        members=[world.school_a1, world.school_a2],
        actor=superuser,
    )
    services.notify(users=[world.users["school_clerk"]], title="Hạn nộp báo cáo sơ kết")
    ImportBatch.objects.create(user=superuser, kind=ImportKind.UNITS, file_name="danh-sach-don-vi.xlsx")
    services.register_take(unit=world.so, symbol="QĐ-SGDĐT", summary="Khen thưởng năm học", actor=superuser)
    return {
        Unit: "Sở Giáo dục và Đào tạo Thử nghiệm",  # the tree opens on its roots
        UnitEvent: "QĐ 15/QĐ-UBND",
        Person: "Nguyễn Thị Lan",
        Cluster: "Cụm thi đua số 1",
        User: "clerk_a1",
        AuditLog: "cluster.created",
        Notification: "Hạn nộp báo cáo sơ kết",
        ImportBatch: "danh-sach-don-vi.xlsx",
        RegisterEntry: "QĐ-SGDĐT",
    }


def test_admin_known_objects_cover_every_registered_units_model(known):
    assert sorted(m.__name__ for m in known) == sorted(m.__name__ for m in UNIT_MODELS)


@pytest.mark.parametrize("model", UNIT_MODELS, ids=[m.__name__ for m in UNIT_MODELS])
def test_admin_changelist_lists_a_known_object_of_every_units_model(model, known, world, client):
    client.force_login(world.extra["superuser"])
    opts = model._meta
    response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    html = response.content.decode()
    assert response.templates[0].name in ("admin/change_list.html", "admin/tree_change_list.html")
    assert escape(capfirst(str(opts.verbose_name_plural))) in html
    assert escape(known[model]) in html
    rows = Unit.objects.get_root_nodes().count() if model is Unit else model.objects.count()
    assert html.count('class="action-select"') == (0 if model in READ_ONLY else rows)


@pytest.mark.parametrize("model", sorted(READ_ONLY, key=str), ids=lambda m: m.__name__)
def test_admin_offers_no_add_or_change_for_read_only_models(model, known, world, client):
    client.force_login(world.extra["superuser"])
    opts = model._meta
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 403
    entry = model.objects.get()
    html = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])).content.decode()
    assert 'name="_save"' not in html and "Khen thưởng năm học" in html


@pytest.mark.parametrize("model", [m for m in UNIT_MODELS if m not in READ_ONLY], ids=lambda m: m.__name__)
def test_admin_add_page_offers_the_form_of_every_units_model(model, known, world, client):
    user = world.extra["superuser"]
    client.force_login(user)
    opts = model._meta
    request = RequestFactory().get("/")
    request.user = user
    response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    html = response.content.decode()
    assert admin.site._registry[model].has_add_permission(request) is True
    assert escape(capfirst(str(opts.verbose_name))) in html
    assert f'id="{opts.model_name}_form"' in html
    assert html.count('name="_save"') == 1
