"""Pages of contests."""

urlpatterns = []
