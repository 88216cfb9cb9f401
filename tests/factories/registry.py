import factory

from registry.enums import Role
from registry.models import Unit, UnitKind, User

TEST_PASSWORD = "Mat-khau-thu-nghiem-2026"


def kind(code: str) -> UnitKind:
    """Unit kinds are reference data seeded by migration; tests use the real rows."""
    return UnitKind.objects.get(code=code)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"T-{n:04d}")
    name = factory.Sequence(lambda n: f"Sở thử nghiệm số {n}")
    short_name = factory.LazyAttribute(lambda o: o.name.split()[-1])
    kind = factory.LazyFunction(lambda: kind("department"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@ninhbinh.example")
    role = Role.UNIT_EDITOR
    unit = factory.SubFactory(UnitFactory)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()
