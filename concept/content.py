"""Initial Kassel content for this app, loaded by `manage.py load_kassel_content`."""


def load(log):
    """Create or update this app's content idempotently; `log` takes one line of progress."""
