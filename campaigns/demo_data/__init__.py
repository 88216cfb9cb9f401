"""Demo records of the campaigns app, loaded by ``manage.py load_demo`` after the registry's.

Each module has an idempotent ``load()``; the order matters (coverage cites events, contests
portray accepted exemplars…).
"""

from importlib import import_module

AREAS = ["movements", "unit_work", "events", "coverage", "contests", "inspections", "budgets"]


def load_all() -> None:
    for area in AREAS:
        import_module(f"{__name__}.{area}").load()
