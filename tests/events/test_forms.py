"""The events filter's select widget, written out in one template."""

import pytest
from django import forms

from events.forms import FlatSelect

CHOICES = [("", "Alle"), ("a&b", "A & B"), ("2025", "2025"), ("x", "<x>")]


@pytest.mark.parametrize("value", ["", "a&b", "2025", "missing"])
@pytest.mark.parametrize(
    "attrs",
    [{"id": "id_f"}, {"id": "id_f", "aria-invalid": "true", "aria-describedby": "id_f_error"}],
    ids=["plain", "with an error"],
)
def test_it_renders_exactly_what_djangos_select_renders(value, attrs):
    ours = FlatSelect(choices=CHOICES).render("f", value, attrs=attrs)
    django = forms.Select(choices=CHOICES).render("f", value, attrs=attrs)
    assert ours == django
    assert ours.count("<option") == 4


def test_option_groups_are_refused_rather_than_flattened():
    grouped = [("Gruppe", [("a", "A")]), ("b", "B")]
    with pytest.raises(ValueError, match="no option groups"):
        FlatSelect(choices=grouped).render("f", "a")
