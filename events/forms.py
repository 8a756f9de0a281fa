from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventSeries, Language

OTHER_SERIES = "other"


class EventFilterForm(forms.Form):
    """The GET filter of the events list. Invalid values are ignored, never an error page."""

    series = forms.ChoiceField(label=_("Series"), required=False)
    field = forms.TypedChoiceField(
        label=_("Field of action"), required=False, coerce=int, empty_value=None
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    language = forms.ChoiceField(label=_("Held in"), required=False)

    def __init__(self, *args, **kwargs):
        from concept.models import FieldOfAction

        super().__init__(*args, **kwargs)
        events = Event.objects.published().select_related(None).prefetch_related(None)
        series = EventSeries.objects.published()
        self.fields["series"].choices = [
            ("", _("All series")),
            *((s.slug, s.title) for s in series),
            (OTHER_SERIES, _("Other events")),
        ]
        self.fields["field"].choices = [
            ("", _("All fields of action")),
            *((str(f.number), str(f)) for f in FieldOfAction.objects.published()),
        ]
        years = events.dates("start", "year", order="DESC")
        self.fields["year"].choices = [
            ("", _("All years")),
            *((str(d.year), str(d.year)) for d in years),
        ]
        self.fields["language"].choices = [
            ("", _("All languages")),
            *(
                (language.code, language.name)
                for language in Language.objects.filter(events__in=events.values("pk")).distinct()
            ),
        ]

    def filters(self):
        """The valid part of the submitted filter; invalid fields count as “all”."""
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value not in (None, "")
        }

    def apply(self, queryset):
        chosen = self.filters()
        if "series" in chosen:
            if chosen["series"] == OTHER_SERIES:
                queryset = queryset.filter(series__isnull=True)
            else:
                queryset = queryset.filter(series__slug=chosen["series"])
        if "field" in chosen:
            queryset = queryset.filter(fields_of_action__number=chosen["field"])
        if "year" in chosen:
            queryset = queryset.filter(start__year=chosen["year"])
        if "language" in chosen:
            queryset = queryset.filter(languages__code=chosen["language"])
        return queryset
