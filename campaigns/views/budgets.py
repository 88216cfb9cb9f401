"""Pages of budgets."""

urlpatterns = []
