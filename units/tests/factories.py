"""factory_boy factories for the registry. They call the services, so derived
columns (search and sort keys) are filled exactly as in production."""

import datetime

import factory

from units import services
from units.enums import Gender, PersonRole, UnitKind
from units.models import Person, Unit, User


class UnitFactory(factory.Factory):
    class Meta:
        model = Unit

    kind = UnitKind.PRIMARY_SCHOOL
    name = factory.Sequence(lambda n: f"Trường Tiểu học Số {n}")
    short_name = factory.Sequence(lambda n: f"TH{n}")
    code = factory.Sequence(lambda n: f"U{n:05d}")
    parent = None

    @classmethod
    def _create(cls, model_class, parent=None, **kwargs):
        return services.unit_create(parent=parent, actor=None, **kwargs)


class PersonFactory(factory.Factory):
    class Meta:
        model = Person

    unit = factory.SubFactory(UnitFactory)
    role = PersonRole.TEACHER
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    gender = Gender.MALE
    birth_date = datetime.date(1985, 3, 4)
    sector_start_year = 2008

    @classmethod
    def _create(cls, model_class, unit=None, **kwargs):
        return services.person_create(unit=unit, actor=None, **kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")
    password = factory.PostGenerationMethodCall("set_password", "matkhau-demo-1")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def bulk_schools(parent: Unit, count: int, *, people_each: int = 0, prefix: str = "Trường Tiểu học Số") -> list[Unit]:
    """``count`` schools under ``parent`` (and ``people_each`` people in each) in a few bulk inserts,
    with paths, search and sort keys built as the services build them: for tests at 1,000 units."""
    from common.text import fold, person_sort_key, sort_key

    parent.refresh_from_db()
    start = parent.numchild
    rows = []
    for i in range(count):
        name = f"{prefix} {i + 1:04d}"
        rows.append(
            Unit(
                path=Unit._get_path(parent.path, parent.depth + 1, start + i + 1),
                depth=parent.depth + 1,
                numchild=0,
                kind=UnitKind.PRIMARY_SCHOOL,
                name=name,
                code=f"{parent.code}-B{start + i + 1:04d}",
                name_search=fold(name),
                name_sort=sort_key(name),
            )
        )
    Unit.objects.bulk_create(rows, batch_size=500)
    Unit.objects.filter(pk=parent.pk).update(numchild=start + count)
    units = list(Unit.objects.filter(code__in=[r.code for r in rows]).order_by("path"))
    if people_each:
        people = []
        for unit in units:
            for j in range(people_each):
                full_name = f"Nguyễn Văn Đếm {unit.pk}-{j}"
                people.append(
                    Person(
                        unit=unit,
                        role=PersonRole.TEACHER,
                        full_name=full_name,
                        gender=Gender.MALE,
                        name_search=fold(full_name),
                        name_sort=person_sort_key(full_name),
                    )
                )
        Person.objects.bulk_create(people, batch_size=1000)
    return units
