"""The certificate buttons of a decision's page."""

from django import template

register = template.Library()


@register.inclusion_tag("reports/partials/decision_certificates.html", takes_context=True)
def certificate_actions(context, decision):
    """ "Print certificates" for those who may print them for ``decision`` (Home Affairs, or
    the staff of a unit keeping a blank that serves one of its awards), and the prints made
    for it that the reader reaches."""
    from registry.rules import is_home_affairs
    from reports.certificates import blanks_to_print, printable_proposals
    from reports.models import CertificatePrint

    user = context["request"].user
    may_print = False
    if user.has_perm("reports.print_certificates"):
        may_print = is_home_affairs(user) or bool(
            blanks_to_print(user, list(printable_proposals(decision, user)))
        )
    printed = CertificatePrint.objects.restrict(user).filter(decision=decision).count()
    return {"decision": decision, "may_print": may_print, "printed": printed}
