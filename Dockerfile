# Kassel integration portal: production image. Same steps as `make run`.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_COMPILE_BYTECODE=1 \
    DJANGO_PAGE_CACHE_DIR=/app/data/page-cache \
    PATH="/opt/venv/bin:$PATH"

WORKDIR /app

RUN pip install --no-cache-dir uv==0.13.8 \
    && groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home app

# Dependencies first, from the lock file only, so code changes reuse this layer.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project --no-cache

COPY . .

# Messages compiled with Babel (as in the Makefile); static files hashed and compressed.
RUN pybabel compile --domain django --directory locale \
    && pybabel compile --domain djangojs --directory locale \
    && DJANGO_DEBUG=true python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /app/media /app/data \
    && chown -R app:app /app/media /app/data

USER 10001:10001
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]

# Migrations run as a separate release step (see README); the container only serves.
CMD ["gunicorn", "kassel_integration.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", "--no-control-socket", "--access-logfile", "-", "--forwarded-allow-ips", "*", "--preload", "--timeout", "30", "--graceful-timeout", "20", "--limit-request-line", "4094", "--limit-request-fields", "50", "--limit-request-field_size", "8190"]
