"""``{% portal_identity as identity %}``: the province and its contact (registry/identity.py)."""

from django import template

from ..identity import portal_identity as read_identity

register = template.Library()


@register.simple_tag
def portal_identity():
    return read_identity()
