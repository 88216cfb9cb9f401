"""Who may do what: the public holidays and moved days are reference data, read by every
signed-in user and kept by administrators in the admin."""

from registry.rules import keep_reference

keep_reference("reports", "dayoff")
