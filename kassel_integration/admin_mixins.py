"""Small behaviours shared by ModelAdmins of several apps."""


class ReadOnlyAdminMixin:
    """For records the portal writes itself (audits, review steps, dashboards): staff look, never edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
