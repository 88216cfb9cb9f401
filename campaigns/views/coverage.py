"""Pages of coverage."""

urlpatterns = []
