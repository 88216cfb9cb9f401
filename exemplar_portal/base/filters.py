"""A list's filter form, bound to the query string."""


class FilteredListMixin:
    """A GET filter form (``filter_form_class``) bound to the query string; input that does
    not validate falls back to no filter, and the form (with its errors) is on the page."""

    filter_form_class = None
    paginate_by = 25

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = self.filter_form_class(self.request.GET or None)
        return self._filter_form

    def filters(self) -> dict:
        form = self.get_filter_form()
        return form.cleaned_data if form is not None and form.is_bound and form.is_valid() else {}

    def get_context_data(self, **kwargs):
        kwargs.setdefault("filter_form", self.get_filter_form())
        return super().get_context_data(**kwargs)
