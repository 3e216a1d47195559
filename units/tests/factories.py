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
