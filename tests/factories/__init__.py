from .registry import UnitFactory, UserFactory, kind

__all__ = ["UnitFactory", "UserFactory", "kind"]
