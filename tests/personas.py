"""The personas of the tests: one list, and the small world they work in.

province (37)
├── Sở Y tế (dept_a) ............ editor_a, head_a
├── Sở Giáo dục và Đào tạo (dept_b) editor_b
├── Sở Nội vụ / Ban TĐ-KT ........ home_affairs, administrator
├── Báo và PT-TH (press) ......... media
├── Huyện Gia Viễn (district_a) .. district_reviewer
│   └── Xã Gia Vân (commune_a) ... commune_editor
└── Huyện Kim Sơn (district_b)
    └── Xã Kim Chính (commune_b) . commune_b_editor
leader belongs to the province unit.

The districts here are a reviewing level still in force (as before 1 July 2025); tests of
the reform build dated units of their own (``tests/reform.py``).

A test that checks what each persona may see or do is parametrized over ``PERSONAS`` (or
one of the subsets below) and states its expectations as sets of personas, so that a
persona added here is checked by all of them.
"""

from dataclasses import dataclass

from registry.enums import Role

# Each persona: the unit of the world they work in, and their role.
PERSONA_UNITS_AND_ROLES = {
    "editor_a": ("dept_a", Role.UNIT_EDITOR),
    "head_a": ("dept_a", Role.UNIT_HEAD),
    "editor_b": ("dept_b", Role.UNIT_EDITOR),
    "commune_editor": ("commune_a", Role.UNIT_EDITOR),
    "commune_b_editor": ("commune_b", Role.UNIT_EDITOR),
    "district_reviewer": ("district_a", Role.DISTRICT_REVIEWER),
    "home_affairs": ("home_affairs_unit", Role.HOME_AFFAIRS),
    "media": ("press", Role.MEDIA),
    "leader": ("province", Role.LEADER),
    "administrator": ("home_affairs_unit", Role.ADMINISTRATOR),
}
PERSONAS = tuple(PERSONA_UNITS_AND_ROLES)
ROLES = {persona: role for persona, (_unit, role) in PERSONA_UNITS_AND_ROLES.items()}
# The first persona of each role, in the order of the roles.
ONE_PER_ROLE = {
    role: next(persona for persona in PERSONAS if ROLES[persona] == role) for role in Role
}
# One persona per role, with a commune's editor beside a department's: the pages of every
# role without repeating one, as a smaller set where reach does not matter.
EACH_ROLE = (
    "editor_a",
    "head_a",
    "commune_editor",
    "district_reviewer",
    "home_affairs",
    "media",
    "leader",
    "administrator",
)
# Home Affairs and the administrators run the province's movements, plans and contests (a
# tuple: parametrized tests need the same order in every worker).
MANAGERS = ("home_affairs", "administrator")
assert set(ONE_PER_ROLE.values()) <= set(EACH_ROLE) <= set(PERSONAS)


@dataclass
class World:
    province: object
    dept_a: object
    dept_b: object
    home_affairs_unit: object
    press: object
    district_a: object
    commune_a: object
    district_b: object
    commune_b: object
    users: dict

    def user(self, persona: str):
        return self.users[persona]

    def unit_of(self, persona: str):
        return getattr(self, PERSONA_UNITS_AND_ROLES[persona][0])


def build_world() -> World:
    """The units above and one user per persona (password ``TEST_PASSWORD``)."""
    from tests.factories import UnitFactory, UserFactory, kind

    province = UnitFactory(
        code="37", name="Tỉnh Ninh Bình", short_name="Ninh Bình", kind=kind("province")
    )
    dept_a = UnitFactory(code="37-SYT", name="Sở Y tế", parent=province)
    dept_b = UnitFactory(code="37-SGDDT", name="Sở Giáo dục và Đào tạo", parent=province)
    snv = UnitFactory(code="37-SNV", name="Sở Nội vụ", parent=province)
    press = UnitFactory(
        code="37-BPTTH", name="Báo và Phát thanh, Truyền hình Ninh Bình", parent=province
    )
    district_a = UnitFactory(
        code="373", name="Huyện Gia Viễn", kind=kind("district"), parent=province
    )
    commune_a = UnitFactory(
        code="373-GIAVAN", name="Xã Gia Vân", kind=kind("commune"), parent=district_a
    )
    district_b = UnitFactory(
        code="376", name="Huyện Kim Sơn", kind=kind("district"), parent=province
    )
    commune_b = UnitFactory(
        code="376-KIMCHINH", name="Xã Kim Chính", kind=kind("commune"), parent=district_b
    )
    world = World(
        province, dept_a, dept_b, snv, press, district_a, commune_a, district_b, commune_b, {}
    )
    for persona in PERSONAS:
        world.users[persona] = UserFactory(
            username=persona, unit=world.unit_of(persona), role=ROLES[persona]
        )
    return world
