import io

from django.core.management import call_command

from units import demo, selectors
from units.models import Cluster, Person, PersonTransfer, Unit, UnitEvent, User


def _counts():
    return tuple(m.objects.count() for m in (Unit, Person, PersonTransfer, UnitEvent, Cluster, User))


def test_demo_load_is_idempotent_and_holds_the_seed_issuers(db):
    # seed_demo also runs the other apps' loaders (a pact may add its cluster): compare two full runs.
    call_command("seed_demo", stdout=io.StringIO())
    first = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == first
    units = {u.code: u for u in Unit.objects.filter(code__in=demo.KEY_UNITS)}
    assert sorted(units) == sorted(demo.KEY_UNITS)
    assert (units["SGDDT-BENTRE"].short_name, units["SGDDT-BENTRE"].head_name) == ("SGD&ĐT", "La Thị Thúy")
    assert (units["THCS-XUANSON"].short_name, units["THCS-XUANSON"].head_name) == ("TrTHCSXS", "Nguyễn Thị Tuyết Mai")
    assert [u.code for u in Unit.objects.get_ancestors(units["THCS-XUANSON"])] == [
        "UBND-QUANGNINH",
        "SGDDT-QUANGNINH",
        "PGDDT-DONGTRIEU",
    ]
    assert Unit.objects.get_parent(units["VHXH-BANGMAC"]).code == "UBND-BANGMAC"
    assert [u.code for u in selectors.unit_predecessors(units["SGDDT-VINHLONG"])] == ["SGDDT-BENTRE"]
    assert units["SGDDT-BENTRE"].active_to.isoformat() == "2025-06-30"


def test_demo_load_gives_every_role_an_account_and_every_sở_a_cluster(db):
    demo.load()
    users = User.objects.filter(username__in=demo.DEMO_USERNAMES)
    roles = {role for user in users for role in user.roles}
    assert len(roles) == 6 and all(u.check_password(demo.DEMO_PASSWORD) for u in users)
    organisers = set(Cluster.objects.values_list("organiser__code", flat=True))
    assert {"SGDDT-BENTRE", "SGDDT-QUANGNINH", "SGDDT-HUNGYEN", "SGDDT-LANGSON"} <= organisers
    assert all(c.deputy_unit_id and c.head_unit_id for c in Cluster.objects.all())
    students = Person.objects.filter(role="student").count()
    assert students > 0 and PersonTransfer.objects.count() == len(demo.TRANSFERS)


def test_demo_logins_prints_the_url_the_accounts_and_the_password(db):
    demo.load()
    out = io.StringIO()
    call_command("demo_logins", url="http://127.0.0.1:8000/", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000/" in text and demo.DEMO_PASSWORD in text
    assert all(username in text for username in demo.DEMO_USERNAMES)


def test_generate_province_builds_a_valid_tree_with_search_keys(db):
    root = demo.generate_province(root_code="BENCH-T", units=64, people=500)
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    subtree = selectors.unit_subtree(root)
    assert (subtree.count(), Person.objects.filter(unit__path__startswith=root.path).count()) == (64, 500)
    person = Person.objects.filter(unit__path__startswith=root.path).first()
    assert person.name_search == demo.fold(person.full_name)
    # Idempotent: a second call returns the same root and adds nothing.
    assert (demo.generate_province(root_code="BENCH-T", units=64, people=500).pk, subtree.count()) == (root.pk, 64)


def test_demo_vinhlong_accounts_see_the_schools_and_people_that_came_from_ben_tre(db):
    demo.load()
    ben_tre = Unit.objects.get(code="SGDDT-BENTRE")
    ben_tre_units = set(selectors.unit_subtree(ben_tre).values_list("code", flat=True))
    for username in ("vinhlong.tdkt", "vinhlong.lanhdao"):
        user = User.objects.get(username=username)
        visible = set(selectors.visible_units(user).values_list("code", flat=True))
        assert ben_tre_units <= visible and {"SGDDT-VINHLONG", "THPT-LUUVANLIET"} <= visible
        assert (
            selectors.person_list(user).count() == Person.objects.filter(is_active=True, unit__code__in=visible).count()
        )
        assert user.has_perm("units.view_unit", Unit.objects.get(code="THPT-CHUYENBENTRE"))
    assert "SGDDT-BENTRE" not in set(
        selectors.visible_units(User.objects.get(username="hungyen.tdkt")).values_list("code", flat=True)
    )
