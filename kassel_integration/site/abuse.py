"""Protection of the public forms: characters that do not belong in a name, and rate limits.

Limits count submissions per client address and per e-mail address in a fixed window,
in Django's cache (`FORM_RATE_LIMIT_CACHE`): a file cache shared by the workers of one
machine, and shared between machines as soon as that alias points to a shared cache.
The client address is derived as for login throttling (behind the proxy: the entry
our own proxies appended to X-Forwarded-For).
"""

import hashlib
import math
import time
import unicodedata

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kassel_integration.editorial.sign_in import client_ip

# Embeddings and overrides that reorder text: U+202A–U+202E and U+2066–U+2069.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = frozenset("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def refuse_control_characters(value, *, single_line):
    """Raise ValidationError for control or bidi-override characters (and breaks on one line)."""
    if single_line and any(char in LINE_BREAKS for char in value):
        raise ValidationError(
            _("Please write this on one line, without line breaks."), code="line_break"
        )
    allowed = set() if single_line else {"\n", "\r", "\t"}
    if any(
        char in BIDI_CONTROLS or (unicodedata.category(char) == "Cc" and char not in allowed)
        for char in value
    ):
        raise ValidationError(
            _(
                "Please remove the invisible control characters (such as text-direction "
                "marks) from this text."
            ),
            code="control_character",
        )


def single_line(value):
    refuse_control_characters(value, single_line=True)


def multi_line(value):
    refuse_control_characters(value, single_line=False)


def _count(scope, identity, window):
    cache = caches[settings.FORM_RATE_LIMIT_CACHE]
    bucket = int(time.time() // window)
    digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
    key = f"form-limit:{scope}:{digest}:{bucket}"
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def minutes_to_wait(window):
    return max(1, math.ceil((window - time.time() % window) / 60))


def client_over_limit(request, form_name):
    """Count this submission for the client's address; minutes to wait if over the limit."""
    limit, window = settings.FORM_RATE_LIMIT_PER_CLIENT
    if _count(f"{form_name}:client", client_ip(request) or "", window) > limit:
        return minutes_to_wait(window)
    return None


def email_over_limit(email, form_name):
    """Count this submission for the e-mail address; minutes to wait if over the limit."""
    limit, window = settings.FORM_RATE_LIMIT_PER_EMAIL
    if _count(f"{form_name}:email", email.strip().lower(), window) > limit:
        return minutes_to_wait(window)
    return None


def too_many_message(minutes):
    from django.utils.translation import ngettext

    return ngettext(
        "Too many submissions in a short time. Please try again in %(minutes)s minute; "
        "what you typed is kept below.",
        "Too many submissions in a short time. Please try again in %(minutes)s minutes; "
        "what you typed is kept below.",
        minutes,
    ) % {"minutes": minutes}


class RateLimitedFormMixin:
    """A public form view whose POST counts against the abuse limits of `rate_limit_scope`.

    Over a limit, the form is shown again with what was typed and a 429; nothing is stored
    or sent. The e-mail limit counts only when the form has an e-mail address.
    """

    rate_limit_scope = None

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        wait = client_over_limit(request, self.rate_limit_scope)
        if wait is None and form.is_valid() and form.cleaned_data.get("email"):
            wait = email_over_limit(form.cleaned_data["email"], self.rate_limit_scope)
        if wait is not None:
            form.add_error(None, too_many_message(wait))
            response = self.render_to_response(self.get_context_data(form=form), status=429)
            response["Retry-After"] = str(wait * 60)
            return response
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)
