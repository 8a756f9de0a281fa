"""The snapshot helper must see every kind of change, or journey tests prove nothing."""

import pytest
from django.contrib.auth.models import Group

from tests.db_snapshot import assert_only_changed, changed_tables, snapshot


@pytest.mark.django_db
def test_added_changed_and_removed_rows_are_seen():
    kept = Group.objects.create(name="kept")
    gone = Group.objects.create(name="gone")
    gone_pk = gone.pk
    before = snapshot()
    kept.name = "renamed"
    kept.save()
    gone.delete()
    added = Group.objects.create(name="new")
    after = snapshot()
    assert changed_tables(before, after) == {"auth_group"}
    assert_only_changed(before, after, {"auth_group": {kept.pk, gone_pk, added.pk}})
    with pytest.raises(AssertionError, match="renamed"):
        assert_only_changed(before, after, {"auth_group": {gone_pk, added.pk}})
    with pytest.raises(AssertionError, match="auth_group"):
        assert_only_changed(before, after, set())
