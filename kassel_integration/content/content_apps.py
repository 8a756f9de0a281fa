"""Which installed apps hold the portal's content.

A content app's models are what editors write and visitors read: their texts
are stored with LF line breaks (line_endings.py), a save of any of them
empties the page cache (cache/pages.py) and their translated models are listed
on the translation dashboard (translations/dashboard.py). The core is one; each
domain app declares itself in its contributions.py.
"""

from dataclasses import dataclass

from kassel_integration.contributions import contributed

CORE = "kassel_integration"


@dataclass(frozen=True)
class ContentApp:
    label: str  # the app label


def content_app_labels() -> frozenset[str]:
    return frozenset({CORE, *(app.label for app in contributed(ContentApp))})
