"""gunicorn --preload imports the application once in the master, then forks the workers.

That is only safe if importing it opens no database connection: a connection made in
the master would be shared by every forked worker.
"""

import subprocess
import sys

from tests.quality.server import ROOT, server_env

CHECK = """
from django.db import connections
import kassel_integration.wsgi  # what gunicorn --preload imports
opened = [alias for alias in connections if connections[alias].connection is not None]
print("opened:", opened)
"""


def test_importing_the_wsgi_application_opens_no_database_connection(tmp_path):
    # An address where nothing listens: any attempt to connect would fail the import.
    env = server_env(tmp_path, "postgres://postgres@127.0.0.1:9/none")
    result = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "opened: []"
