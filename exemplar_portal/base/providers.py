"""How an app built on another adds to the lower one's pages and rules without the lower one
importing it.

The lower app declares a ``Providers`` (functions it will call) or a slot in its templates;
the higher app registers its functions and templates in its ``AppConfig.ready``. The lower
app knows only these registries, so dependencies point one way.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator


class Providers:
    """Functions registered by the apps above, called in the order the apps are installed."""

    def __init__(self, purpose: str):
        self.purpose = purpose
        self._functions: list[Callable] = []

    def register(self, function: Callable) -> Callable:
        """Add ``function`` once (usable as a decorator)."""
        if function not in self._functions:
            self._functions.append(function)
        return function

    def __iter__(self) -> Iterator[Callable]:
        return iter(self._functions)

    def __len__(self) -> int:
        return len(self._functions)

    def __repr__(self) -> str:
        return f"<Providers of {self.purpose}: {len(self)}>"


class Slots:
    """Named places in a lower app's templates where the apps above add a template of their
    own; each is drawn with the page's context."""

    def __init__(self):
        self._templates: dict[str, list[str]] = defaultdict(list)

    def add(self, slot: str, template_name: str) -> None:
        if template_name not in self._templates[slot]:
            self._templates[slot].append(template_name)

    def templates(self, slot: str) -> list[str]:
        return list(self._templates.get(slot, ()))
