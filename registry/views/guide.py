"""The help page: what the signed-in user's role does this month (``registry.guide``)."""

from django.views.generic import TemplateView

from .. import guide


class HelpView(TemplateView):
    """Every signed-in user reads the steps of its own role, and only those."""

    template_name = "registry/help.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["guide"] = guide.month_guide(user=self.request.user)
        return context
