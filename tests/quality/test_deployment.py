"""compose.yaml and the nginx configuration it mounts, checked without a Docker engine.

The file is parsed with PyYAML and validated against the Compose Specification's JSON
schema (tests/quality/data/), then checked for what a deployment on several machines
needs: the services, the order they start in, health checks, one shared configuration.
"""

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "compose.yaml"
NGINX = ROOT / "docs" / "deploy" / "nginx.conf"
SCHEMA = Path(__file__).parent / "data" / "compose-spec.json"
WEB = ("web1", "web2")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE.read_text())


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft7Validator.check_schema(schema)  # the schema says draft 7
    return jsonschema.Draft7Validator(schema)


def test_compose_file_is_valid_under_the_compose_specification(compose, validator):
    assert [error.message for error in validator.iter_errors(compose)] == []


def test_the_schema_refuses_a_broken_compose_file(compose, validator):
    broken = json.loads(json.dumps(compose))
    broken["services"]["web1"]["depends_on"]["db"]["condition"] = "service_ready"
    broken["services"]["web2"]["healthcheck"]["retry"] = 3
    messages = sorted(error.message for error in validator.iter_errors(broken))
    assert len(messages) == 2, messages
    assert messages[0].startswith("'retry' does not match any of the regexes")
    assert "'service_ready'" in messages[1]
    assert messages[1].endswith("is not valid under any of the given schemas")


def test_the_services_of_a_two_node_deployment(compose):
    assert sorted(compose["services"]) == [
        "db",
        "migrate",
        "proxy",
        "redis",
        "web1",
        "web2",
        "worker",
    ]
    assert compose["services"]["db"]["image"].startswith("postgres:")
    assert compose["services"]["redis"]["image"].startswith("redis:")
    assert compose["services"]["proxy"]["image"].startswith("nginx:")
    assert sorted(compose["volumes"]) == ["db", "media"]


def test_both_web_containers_and_the_worker_run_the_same_image_and_configuration(compose):
    services = compose["services"]
    portal = ("web1", "web2", "worker", "migrate")
    assert {services[name]["build"] for name in portal} == {"."}
    assert {services[name]["image"] for name in portal} == {"kassel-integration:latest"}
    environments = [services[name]["environment"] for name in portal]
    assert all(environment == environments[0] for environment in environments)
    environment = environments[0]
    # One database and one Redis for all: a save on one machine is seen by every other.
    assert environment["DATABASE_URL"].startswith("postgres://kassel:${POSTGRES_PASSWORD")
    assert environment["DATABASE_URL"].endswith("@db:5432/kassel")
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    assert environment["DJANGO_BEHIND_PROXY"] == "true"
    assert environment["DJANGO_PROXY_COUNT"] == "1"
    # Secrets come from .env and are required, never written into the file.
    assert environment["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY:?")
    # Uploads on the volume every web container mounts (and nginx serves).
    assert environment["DJANGO_MEDIA_ROOT"] == "/app/media"
    for name in ("web1", "web2"):
        assert services[name]["volumes"] == ["media:/app/media"]
    assert "media:/srv/media:ro" in services["proxy"]["volumes"]


def test_everything_starts_in_order_and_only_when_healthy(compose):
    services = compose["services"]
    for name in (*WEB, "worker"):
        assert services[name]["depends_on"] == {
            "db": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
            "migrate": {"condition": "service_completed_successfully"},
        }, name
    assert services["migrate"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }
    assert services["proxy"]["depends_on"] == {
        "web1": {"condition": "service_healthy"},
        "web2": {"condition": "service_healthy"},
    }
    for name in ("db", "redis", *WEB, "worker", "proxy"):
        check = services[name]["healthcheck"]
        assert check["test"][0] == "CMD", name
        assert "interval" in check, name
    assert "/healthz" in " ".join(services["web1"]["healthcheck"]["test"])
    assert services["migrate"]["healthcheck"] == {"disable": True}
    assert services["migrate"]["restart"] == "no"


def test_the_worker_runs_the_scheduled_commands_in_a_loop(compose):
    command = compose["services"]["worker"]["command"]
    assert command[:2] == ["sh", "-c"]
    assert "python manage.py anonymise_registrations" in command[2]
    assert "while :" in command[2]
    assert "sleep 900" in command[2]
    # Compose would substitute a single $ itself.
    assert "$$!" in command[2]
    assert re.search(r"(?<!\$)\$(?![${])", command[2]) is None


def test_redis_is_a_bounded_cache(compose):
    command = compose["services"]["redis"]["command"]
    assert command[command.index("--maxmemory") + 1] == "256mb"
    assert command[command.index("--maxmemory-policy") + 1] == "allkeys-lru"


def test_every_variable_compose_reads_is_in_the_env_example_and_documented(compose):
    text = COMPOSE.read_text()
    variables = set(re.findall(r"\$\{([A-Z0-9_]+)", text))
    example = (ROOT / "docs" / "deploy" / "env.example").read_text()
    readme = (ROOT / "README.md").read_text()
    assert variables, "no variables found"
    for variable in sorted(variables):
        assert re.search(rf"^{variable}=", example, re.MULTILINE), variable
        if variable not in {"SITE_HOST", "POSTGRES_PASSWORD"}:  # compose's own
            assert f"`{variable}`" in readme, variable


def test_nginx_balances_both_web_containers_and_serves_the_shared_media():
    conf = NGINX.read_text()
    upstream = re.search(r"upstream portal \{(.*?)\}", conf, re.DOTALL).group(1)
    assert re.findall(r"server (\S+) ", upstream) == ["web1:8000", "web2:8000"]
    assert "proxy_pass http://portal;" in conf
    assert "alias /srv/media/;" in conf
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf
    assert "client_max_body_size 25m;" in conf
    # Above gunicorn's --timeout 30, so gunicorn ends a slow worker first.
    read_timeout = int(re.search(r"proxy_read_timeout (\d+)s;", conf).group(1))
    assert read_timeout > 30
    assert "server_tokens off;" in conf
    # The health check compose.yaml runs is answered.
    assert "location = /proxy-health" in conf
    assert conf.count("{") == conf.count("}")
