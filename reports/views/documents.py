"""Pages of documents."""

urlpatterns = []
