from django import forms
from django.utils.translation import gettext_lazy as _

from kassel_integration.site.abuse import multi_line, single_line
from officers.models import ContactMessage


class ContactForm(forms.ModelForm):
    """Write to the Integration Officer: only what an answer needs."""

    class Meta:
        model = ContactMessage
        fields = ["message", "name", "email"]
        labels = {
            "message": _("Your message"),
            "name": _("Your name (optional)"),
            "email": _("Your e-mail address, so that we can answer you"),
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 8}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "message": {
                "required": _("Please write your message."),
                "max_length": _(
                    "Please shorten your message to at most %(limit_value)d characters "
                    "(it has %(show_value)d)."
                ),
            },
            "email": {
                "required": _("Please enter your e-mail address, so that we can answer you."),
                "invalid": _("Please enter a valid e-mail address, e.g. name@example.org."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Everything typed here goes into the staff's e-mail: no control characters.
        for name, field in self.fields.items():
            field.validators.append(multi_line if name == "message" else single_line)
