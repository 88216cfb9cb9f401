"""Who runs the portal, as its sign-in page shows it: the province and whom to contact.

Both are records an administrator keeps, not text of a template: the province is the unit
of ``PORTAL["PROVINCE_CODE"]`` (its name), the contact the unit of
``PORTAL["CONTACT_UNIT_CODE"]`` (the Department of Home Affairs' Emulation and Commendation
Board by default: its address, phone and e-mail, in the admin's "Contact" section). A value
left empty is not shown; a unit that is missing shows nothing of it.
"""

import re
from dataclasses import dataclass

from django.conf import settings

from .models import Unit


@dataclass(frozen=True)
class Contact:
    name: str
    address: str
    phone: str
    email: str

    @property
    def phone_link(self) -> str:
        """The phone as a ``tel:`` address: its digits (and a leading +) only."""
        digits = re.sub(r"[^\d+]", "", self.phone)
        return f"tel:{digits}" if digits.strip("+") else ""


@dataclass(frozen=True)
class Identity:
    province_name: str
    contact: Contact | None


def portal_identity() -> Identity:
    codes = [settings.PORTAL["PROVINCE_CODE"], settings.PORTAL["CONTACT_UNIT_CODE"]]
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=codes)}
    province = units.get(settings.PORTAL["PROVINCE_CODE"])
    board = units.get(settings.PORTAL["CONTACT_UNIT_CODE"])
    contact = None
    if board is not None:
        contact = Contact(
            name=board.name,
            address=board.address.strip(),
            phone=board.phone.strip(),
            email=board.email.strip(),
        )
    return Identity(province_name=province.name if province else "", contact=contact)
