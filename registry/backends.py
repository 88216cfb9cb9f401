"""How people sign in; what they may do is ``registry/rules.py``."""

from django.contrib.auth.backends import ModelBackend, UserModel


class PasswordBackend(ModelBackend):
    """Signs people in with their log-in name and password (Django's own check).

    What a user may do follows from the role and the unit (``registry/rules.py``); the
    portal grants no Django per-user or group permissions (the account form has none), so
    this backend does not look them up: that saves two queries on every page that asks a
    question the rules answer "no". An active superuser still has every permission
    (``PermissionsMixin.has_perm`` says so before asking any backend).
    """

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_user(self, user_id):
        """The signed-in user with their unit, in one query: every page names the unit (the
        user menu) and most pages ask it something (reach, rules, security events)."""
        try:
            user = UserModel._default_manager.select_related("unit").get(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
