"""Pages of awards."""

urlpatterns = []
