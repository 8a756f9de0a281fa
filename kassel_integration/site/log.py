"""Log formatting: a refused request is one line, not a page of Django internals."""

import logging


class OneLineClientErrorFormatter(logging.Formatter):
    """Drop the traceback of records about a client's bad request.

    Django logs every SuspiciousOperation (`django.security.*`: DisallowedHost,
    TooManyFieldsSent...) and every BadRequest (`django.request` with a 4xx
    status, such as an unparseable multipart body) with its traceback, which
    is always the same path through Django and says nothing the message does
    not; a scanner would otherwise fill the log with kilobytes per request.
    Server errors (5xx) keep their traceback. The record itself is left as it
    is for any other handler.
    """

    def format(self, record):
        if (record.exc_info or record.exc_text) and self.is_client_error(record):
            record = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
        return super().format(record)

    @staticmethod
    def is_client_error(record):
        if record.name.startswith("django.security."):
            return True
        status = getattr(record, "status_code", None)
        return record.name == "django.request" and isinstance(status, int) and status < 500
