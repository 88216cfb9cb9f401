"""Reference data of the campaigns app (media outlets, budget items): administrators keep it."""

from registry.rules import keep_reference

keep_reference("campaigns", "mediaoutlet", "budgetitem")
