"""Log formatting: a refused request is one line, not a page of Django internals."""

import logging


class OneLineSecurityFormatter(logging.Formatter):
    """Drop the traceback of `django.security.*` records (DisallowedHost, TooManyFieldsSent...).

    Django logs every SuspiciousOperation with its traceback, which is always
    the same path through Django and says nothing the message does not; a
    scanner would otherwise fill the log with kilobytes per request. The
    record itself is left as it is for any other handler.
    """

    def format(self, record):
        if record.name.startswith("django.security.") and (record.exc_info or record.exc_text):
            record = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
        return super().format(record)
