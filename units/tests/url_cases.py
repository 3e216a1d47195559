from django.urls import reverse

from tests.url_table import UrlCase
from units import services
from units.enums import ImportKind
from units.models import ImportBatch

PERSONAS = ("school_clerk", "other_head", "phong_officer", "so_officer", "leader", "outsider")
EVERYONE = dict.fromkeys(PERSONAS, 200)


def expect(**statuses) -> dict[str, int]:
    missing = set(PERSONAS) - set(statuses)
    assert not missing, missing
    return statuses


# school_a1 (a school under Phòng A): its clerk keeps it; the Phòng and Sở officers act on it.
SEE_A1 = expect(school_clerk=200, other_head=404, phong_officer=200, so_officer=200, leader=200, outsider=404)
KEEP_A1 = expect(school_clerk=200, other_head=404, phong_officer=200, so_officer=200, leader=403, outsider=404)
RESTRUCTURE_A1 = expect(school_clerk=403, other_head=404, phong_officer=200, so_officer=200, leader=403, outsider=404)
# Phòng A: only subtree roles of the Phòng or the Sở see it.
ADD_UNDER_PHONG = expect(school_clerk=404, other_head=404, phong_officer=200, so_officer=200, leader=403, outsider=404)


def _cluster(w):
    w.extra["cluster"] = services.cluster_create(
        organiser=w.phong_a,
        name="Cụm thi đua số 1",
        school_year=2025,
        head_unit=w.school_a1,
        deputy_unit=w.school_a2,
        members=[w.school_a1, w.school_a2],
        actor=None,
    )


def _batch(w):
    w.extra["batch"] = ImportBatch.objects.create(
        user=w.users["school_clerk"],
        kind=ImportKind.PEOPLE,
        file_name="ca-nhan.xlsx",
        columns={"unit_code": 0, "full_name": 1, "gender": 2, "role": 3},
        rows=[{"row": 2, "cells": [w.school_a1.code, "Phạm Thị Hoa", "Nữ", "Giáo viên"]}],
    )


# Accounts: officers (and system administrators) manage them; an officer only in their subtree.
OFFICERS = expect(school_clerk=403, other_head=403, phong_officer=200, so_officer=200, leader=403, outsider=200)
ACT_ON_HEAD_A2 = expect(school_clerk=403, other_head=403, phong_officer=302, so_officer=302, leader=403, outsider=404)


def _head_a2(name):
    return lambda w: reverse(name, args=[w.users["other_head"].pk])


def _deactivated_clerk_a2(w):
    from units.tests.factories import UserFactory

    w.extra["gone"] = UserFactory(username="clerk_a2_cu", unit=w.school_a2, is_clerk=True, is_active=False)


def _invitation(w):
    from units.accounts import invitation_path

    return invitation_path(w.users["other_head"])


def merged_into_vinhlong(w):
    """The 2025 merger: the test Sở (with Phòng A, school A1…) merges into a new Vĩnh Long Sở,
    whose officer and leader must then see and (the officer) keep what came with it."""
    import datetime

    from units.enums import UnitKind
    from units.tests.factories import UnitFactory, UserFactory

    vinhlong = UnitFactory(kind=UnitKind.EDUCATION_DEPARTMENT, name="Sở Giáo dục và Đào tạo tỉnh Vĩnh Long Thử")
    services.unit_merge(sources=[w.so], into=vinhlong, date=datetime.date(2025, 7, 1), actor=None, move_people=False)
    w.extra["vinhlong"] = vinhlong
    w.users["vinhlong_officer"] = UserFactory(username="vinhlong.tdkt", unit=vinhlong, is_officer=True)
    w.users["vinhlong_leader"] = UserFactory(username="vinhlong.lanhdao", unit=vinhlong, is_leader=True)
    w.refresh()


# The Vĩnh Long accounts after the merger: the leader reads, the officer reads and keeps.
MERGED_READ = {"vinhlong_officer": 200, "vinhlong_leader": 200}
MERGED_KEEP = {"vinhlong_officer": 200, "vinhlong_leader": 403}


def _merged(name, url, expect_, extra, **kwargs):
    return UrlCase(
        name, url, expect_, setup=merged_into_vinhlong, extra_personas=extra, id=f"{name} (after the merger)", **kwargs
    )


def _unit(name):
    return lambda w: reverse(name, args=[w.school_a1.pk])


def _person(name):
    return lambda w: reverse(name, args=[w.person_a1.pk])


CASES = [
    UrlCase("units:home", lambda w: reverse("units:home"), EVERYONE),
    UrlCase("units:notification-list", lambda w: reverse("units:notification-list"), EVERYONE),
    UrlCase(
        "units:notification-mark-read",
        lambda w: reverse("units:notification-mark-read"),
        dict.fromkeys(EVERYONE, 302),
        method="post",
    ),
    # Units
    UrlCase("units:unit-list", lambda w: reverse("units:unit-list"), EVERYONE),
    UrlCase("units:unit-suggest", lambda w: reverse("units:unit-suggest") + "?unit_name=thu", EVERYONE),
    UrlCase("units:unit-export", lambda w: reverse("units:unit-export"), EVERYONE),
    UrlCase("units:unit-detail", _unit("units:unit-detail"), SEE_A1),
    UrlCase(
        "units:unit-detail",
        lambda w: reverse("units:unit-detail", args=[w.phong_a.pk]),
        expect(school_clerk=404, other_head=404, phong_officer=200, so_officer=200, leader=200, outsider=404),
        id="units:unit-detail (Phòng)",
    ),
    UrlCase("units:unit-edit", _unit("units:unit-edit"), KEEP_A1),
    UrlCase(
        "units:unit-edit",
        _unit("units:unit-edit"),
        dict.fromkeys(KEEP_A1, 404) | {"school_clerk": 302, "phong_officer": 302, "so_officer": 302, "leader": 403},
        method="post",
        data=lambda w: {"kind": w.school_a1.kind, "name": "Trường Tiểu học Thử A1 mới", "code": w.school_a1.code},
        id="units:unit-edit (post)",
    ),
    UrlCase(
        "units:unit-create-child",
        lambda w: reverse("units:unit-create-child", args=[w.phong_a.pk]),
        ADD_UNDER_PHONG,
    ),
    UrlCase(
        "units:unit-create-child",
        _unit("units:unit-create-child"),
        expect(school_clerk=403, other_head=404, phong_officer=200, so_officer=200, leader=403, outsider=404),
        id="units:unit-create-child (school)",
    ),
    UrlCase("units:unit-rename", _unit("units:unit-rename"), RESTRUCTURE_A1),
    UrlCase(
        "units:unit-rename",
        _unit("units:unit-rename"),
        RESTRUCTURE_A1 | {"phong_officer": 302, "so_officer": 302},
        method="post",
        data=lambda w: {"new_name": "Trường Tiểu học Thử A1 đổi tên", "date": "2025-07-01"},
        id="units:unit-rename (post)",
    ),
    UrlCase("units:unit-merge", _unit("units:unit-merge"), RESTRUCTURE_A1),
    UrlCase("units:unit-split", _unit("units:unit-split"), RESTRUCTURE_A1),
    UrlCase("units:unit-move", _unit("units:unit-move"), RESTRUCTURE_A1),
    UrlCase(
        "units:unit-move",
        lambda w: reverse("units:unit-move", args=[w.phong_a.pk]),
        expect(school_clerk=404, other_head=404, phong_officer=403, so_officer=200, leader=403, outsider=404),
        id="units:unit-move (own unit)",
    ),
    # People
    UrlCase("units:person-list", lambda w: reverse("units:person-list"), EVERYONE),
    UrlCase("units:person-export", lambda w: reverse("units:person-export"), EVERYONE),
    UrlCase("units:person-detail", _person("units:person-detail"), SEE_A1),
    UrlCase("units:person-create", _unit("units:person-create"), KEEP_A1),
    UrlCase(
        "units:person-create",
        _unit("units:person-create"),
        KEEP_A1 | {"school_clerk": 302, "phong_officer": 302, "so_officer": 302},
        method="post",
        data=lambda w: {"full_name": "Vũ Thị Mai", "gender": "female", "role": "teacher"},
        id="units:person-create (post)",
    ),
    UrlCase("units:person-edit", _person("units:person-edit"), KEEP_A1),
    UrlCase("units:person-transfer", _person("units:person-transfer"), RESTRUCTURE_A1),
    UrlCase("units:person-deactivate", _person("units:person-deactivate"), KEEP_A1),
    UrlCase(
        "units:person-deactivate",
        _person("units:person-deactivate"),
        KEEP_A1 | {"school_clerk": 302, "phong_officer": 302, "so_officer": 302},
        method="post",
        data=lambda w: {"reason": "Nghỉ hưu"},
        id="units:person-deactivate (post)",
    ),
    # Clusters
    UrlCase("units:cluster-list", lambda w: reverse("units:cluster-list"), EVERYONE),
    UrlCase(
        "units:cluster-detail",
        lambda w: reverse("units:cluster-detail", args=[w.extra["cluster"].pk]),
        expect(school_clerk=200, other_head=200, phong_officer=200, so_officer=200, leader=200, outsider=404),
        setup=_cluster,
    ),
    UrlCase(
        "units:cluster-create",
        lambda w: reverse("units:cluster-create"),
        expect(school_clerk=403, other_head=403, phong_officer=200, so_officer=200, leader=403, outsider=200),
    ),
    # Excel import
    UrlCase(
        "units:import-start",
        lambda w: reverse("units:import-start"),
        expect(school_clerk=200, other_head=200, phong_officer=200, so_officer=200, leader=403, outsider=200),
    ),
    UrlCase("units:import-template", lambda w: reverse("units:import-template", args=["ca-nhan"]), EVERYONE),
    UrlCase(
        "units:import-template",
        lambda w: reverse("units:import-template", args=["khong-co"]),
        dict.fromkeys(PERSONAS, 404),
        id="units:import-template (unknown)",
    ),
    UrlCase(
        "units:import-preview",
        lambda w: reverse("units:import-preview", args=[w.extra["batch"].pk]),
        dict.fromkeys(PERSONAS, 404) | {"school_clerk": 200},
        setup=_batch,
    ),
    UrlCase(
        "units:import-confirm",
        lambda w: reverse("units:import-confirm", args=[w.extra["batch"].pk]),
        dict.fromkeys(PERSONAS, 404) | {"school_clerk": 302},
        method="post",
        setup=_batch,
    ),
    UrlCase(
        "units:import-cancel",
        lambda w: reverse("units:import-cancel", args=[w.extra["batch"].pk]),
        dict.fromkeys(PERSONAS, 404) | {"school_clerk": 302},
        method="post",
        setup=_batch,
    ),
    # Top-level units: system administrators only (no persona here is one).
    UrlCase("units:unit-create-root", lambda w: reverse("units:unit-create-root"), dict.fromkeys(PERSONAS, 403)),
    # Accounts
    UrlCase("units:account-list", lambda w: reverse("units:account-list"), OFFICERS),
    UrlCase("units:account-create", lambda w: reverse("units:account-create"), OFFICERS),
    UrlCase(
        "units:account-create",
        lambda w: reverse("units:account-create"),
        OFFICERS | {"phong_officer": 302, "so_officer": 302},
        method="post",
        data=lambda w: {
            "unit": w.school_a1.pk,
            "full_name": "Đỗ Thị Hằng",
            "email": "hang@example.test",
            "roles": ["clerk"],
        },
        id="units:account-create (post, a clerk of A1)",
    ),
    UrlCase(
        "units:account-unit-picker",
        lambda w: reverse("units:account-unit-picker") + "?unit_query=thu",
        OFFICERS,
    ),
    UrlCase("units:account-bulk", lambda w: reverse("units:account-bulk"), OFFICERS),
    UrlCase("units:account-deactivate", _head_a2("units:account-deactivate"), ACT_ON_HEAD_A2, method="post"),
    UrlCase(
        "units:account-edit",
        _head_a2("units:account-edit"),
        expect(school_clerk=403, other_head=403, phong_officer=200, so_officer=200, leader=403, outsider=404),
    ),
    UrlCase(
        "units:account-edit",
        _head_a2("units:account-edit"),
        ACT_ON_HEAD_A2,
        method="post",
        data=lambda w: {"full_name": "Trần Thị Hoa", "email": "hoa.a2@example.test", "roles": ["head", "clerk"]},
        id="units:account-edit (post: the head of A2 also keeps the records)",
    ),
    UrlCase(
        "units:account-edit",
        lambda w: reverse("units:account-edit", args=[w.users["phong_officer"].pk]),
        expect(school_clerk=403, other_head=403, phong_officer=403, so_officer=403, leader=403, outsider=404),
        id="units:account-edit (an officer's account)",
    ),
    UrlCase(
        "units:account-reactivate",
        lambda w: reverse("units:account-reactivate", args=[w.extra["gone"].pk]),
        ACT_ON_HEAD_A2,
        method="post",
        setup=_deactivated_clerk_a2,
    ),
    UrlCase(
        "units:account-deactivate",
        lambda w: reverse("units:account-deactivate", args=[w.users["phong_officer"].pk]),
        expect(school_clerk=403, other_head=403, phong_officer=403, so_officer=403, leader=403, outsider=404),
        method="post",
        id="units:account-deactivate (an officer's account)",
    ),
    UrlCase(
        "units:account-resend-invitation", _head_a2("units:account-resend-invitation"), ACT_ON_HEAD_A2, method="post"
    ),
    UrlCase("units:account-activate", _invitation, EVERYONE | {"anonymous": 200}),
    UrlCase(
        "units:account-activate",
        lambda w: reverse("units:account-activate", args=["MQ", "khong-dung"]),
        EVERYONE | {"anonymous": 200},
        id="units:account-activate (a broken link)",
    ),
    # Merger continuity: the Vĩnh Long accounts after Bến Tre (here: the test Sở) merged in.
    _merged("units:unit-detail", _unit("units:unit-detail"), SEE_A1, MERGED_READ),
    _merged(
        "units:unit-detail",
        lambda w: reverse("units:unit-detail", args=[w.so.pk]),
        expect(school_clerk=404, other_head=404, phong_officer=404, so_officer=200, leader=200, outsider=404),
        MERGED_READ,
    ),
    _merged("units:unit-edit", _unit("units:unit-edit"), KEEP_A1, MERGED_KEEP),
    _merged("units:person-detail", _person("units:person-detail"), SEE_A1, MERGED_READ),
    _merged("units:person-edit", _person("units:person-edit"), KEEP_A1, MERGED_KEEP),
    _merged("units:unit-list", lambda w: reverse("units:unit-list") + "?q=thu+a1", EVERYONE, MERGED_READ),
]
