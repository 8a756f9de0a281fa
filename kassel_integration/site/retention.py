"""Personal data the public forms collect, deleted once it is no longer needed.

Each app that stores personal data from a form contributes a Retention: what it
deletes and a callable that deletes what is past its period (and returns how
many items it deleted). `manage.py delete_expired_personal_data`, run daily,
runs them all. (Event registrations have their own daily command,
`anonymise_registrations`, which also settles places.)
"""

from collections.abc import Callable
from dataclasses import dataclass

from kassel_integration.contributions import contributed


@dataclass(frozen=True)
class Retention:
    label: str  # what is deleted, for the command's report (English, like Django's commands)
    delete_expired: Callable[[], int]


def delete_expired() -> list[tuple[str, int]]:
    """Run every contributed Retention; (label, items deleted) for each."""
    return [(item.label, item.delete_expired()) for item in contributed(Retention)]
