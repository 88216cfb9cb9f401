"""Pages of events."""

urlpatterns = []
