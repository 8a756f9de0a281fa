from django import forms
from django.utils.translation import gettext_lazy as _

from kassel_integration.models import BarrierReport
from kassel_integration.search.engine import MAX_QUERY_LENGTH
from kassel_integration.site.abuse import multi_line, single_line


class BarrierReportForm(forms.ModelForm):
    class Meta:
        model = BarrierReport
        fields = ["page_url", "description", "name", "email"]
        labels = {
            "page_url": _("Which page is affected? (address or title, optional)"),
            "description": _("Please describe the barrier"),
            "name": _("Your name (optional)"),
            "email": _("Your e-mail address (optional, if you would like an answer)"),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "description": {"required": _("Please describe the barrier you found.")},
            "email": {"invalid": _("Please enter a valid e-mail address, e.g. name@example.org.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Everything typed here goes into the staff's e-mail: no control characters.
        for name, field in self.fields.items():
            field.validators.append(multi_line if name == "description" else single_line)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search term"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("For example a name, a topic or an event. All words must occur."),
        error_messages={
            "max_length": _(
                "Please shorten your search to at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            )
        },
        widget=forms.TextInput(attrs={"type": "search", "enterkeyhint": "search"}),
    )
