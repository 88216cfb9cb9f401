"""Pages of inspections."""

urlpatterns = []
