"""Reference data of the campaigns app (media outlets, budget items): administrators keep it."""

import rules

from registry.rules import is_administrator

for model in ("mediaoutlet", "budgetitem"):
    rules.add_perm(f"campaigns.view_{model}", rules.is_authenticated)
    for action in ("add", "change", "delete"):
        rules.add_perm(f"campaigns.{action}_{model}", is_administrator)
