from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from concept.models import FieldOfAction
from events.models import Event, EventSeries, Language
from kassel_integration.cache import values
from kassel_integration.site.abuse import multi_line, single_line

# The series filter's choice for events that belong to no series.
OTHER_SERIES = "other"


class FlatSelect(forms.Select):
    """A select without option groups, rendered by one template (see widgets/select.html)."""

    template_name = "widgets/select.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        groups = context["widget"]["optgroups"]
        if any(group_name for group_name, _group, _index in groups):
            raise ValueError("FlatSelect takes no option groups")
        # Django puts each ungrouped option in a group of its own: one loop is enough.
        options = [option for _name, group, _index in groups for option in group]
        for option in options:
            if set(option["attrs"]) - {"selected"}:
                raise ValueError("widgets/select.html writes no option attribute but selected")
        context["widget"]["options"] = options
        return context


def filter_choices(at):
    """What the events filter offers: the published series, fields, years and languages.

    Four queries whose answers change only with content or publication, so they
    are kept between requests (`kassel_integration.cache.values`); the labels
    are in the active language, which is part of the key.
    """

    def load():
        events = Event.objects.published(at)
        languages = Language.objects.filter(events__in=events.values("pk")).distinct()
        return {
            "series": list(EventSeries.objects.published(at)),
            "field": [(str(f.number), str(f)) for f in FieldOfAction.objects.published(at)],
            "year": [
                (str(d.year), str(d.year)) for d in events.dates("start", "year", order="DESC")
            ],
            "language": [(language.code, language.name) for language in languages],
        }

    return values.cached("events:filter-choices", "", load, at)


class EventFilterForm(forms.Form):
    """The GET filter of the events list. Invalid values are ignored, never an error page."""

    series = forms.ChoiceField(label=_("Series"), required=False, widget=FlatSelect)
    field = forms.TypedChoiceField(
        label=_("Field of action"), required=False, coerce=int, empty_value=None, widget=FlatSelect
    )
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None, widget=FlatSelect
    )
    language = forms.ChoiceField(label=_("Held in"), required=False, widget=FlatSelect)

    def __init__(self, *args, at=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = filter_choices(at or timezone.now())
        # The published series, also for the page's list of series.
        self.series = choices["series"]
        self.fields["series"].choices = [
            ("", _("All series")),
            *((s.slug, s.title) for s in self.series),
            (OTHER_SERIES, _("Other events")),
        ]
        self.fields["field"].choices = [("", _("All fields of action")), *choices["field"]]
        self.fields["year"].choices = [("", _("All years")), *choices["year"]]
        self.fields["language"].choices = [("", _("All languages")), *choices["language"]]

    def filters(self):
        """The valid part of the submitted filter; invalid fields count as “all”."""
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value not in (None, "")
        }

    def apply(self, queryset):
        """The events of `queryset` that match the valid part of the filter."""
        filters = self.filters()
        if "series" in filters:
            if filters["series"] == OTHER_SERIES:
                queryset = queryset.filter(series__isnull=True)
            else:
                queryset = queryset.filter(series__slug=filters["series"])
        if "field" in filters:
            queryset = queryset.filter(fields_of_action__number=filters["field"])
        if "year" in filters:
            queryset = queryset.filter(start__year=filters["year"])
        if "language" in filters:
            queryset = queryset.filter(languages__code=filters["language"])
        return queryset


class RegistrationForm(forms.Form):
    """Only what the office needs to plan the event; everything but name and e-mail optional."""

    NEEDS = [
        ("needs_sign_language", _("Sign-language interpreting")),
        ("needs_step_free_access", _("Step-free access")),
        ("needs_childcare", _("Childcare")),
    ]

    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Please enter your name.")},
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send you a link to confirm your registration. Please click it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter a valid e-mail address, e.g. name@example.org."),
        },
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    language = forms.ChoiceField(
        label=_("Language of our e-mails to you"),
        choices=settings.LANGUAGES,
    )
    needs = forms.MultipleChoiceField(
        label=_("Do you need any of these to take part? (optional)"),
        choices=NEEDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    accessibility_notes = forms.CharField(
        label=_("Other needs or remarks (optional)"),
        max_length=1000,
        required=False,
        help_text=_("For example an induction loop, a language interpreter or dietary needs."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = get_language()
        self.fields["email"].error_messages["max_length"] = _(
            "This e-mail address is too long (at most 254 characters)."
        )
        # Names and notes go into e-mails: no line breaks, control or text-direction characters.
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(
                    multi_line if isinstance(field.widget, forms.Textarea) else single_line
                )
        if not event.ask_organisation:
            del self.fields["organisation"]
        if not event.ask_accessibility_needs:
            del self.fields["needs"]
            del self.fields["accessibility_notes"]

    def registration_data(self):
        """The cleaned values as `Registration` fields."""
        data = dict(self.cleaned_data)
        needs = set(data.pop("needs", []))
        for name, _label in self.NEEDS:
            if "needs" in self.fields:
                data[name] = name in needs
        return data
