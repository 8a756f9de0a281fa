"""Many people, one last place: the count under real concurrency on PostgreSQL.

Thirty requests go through the real stack (test client → view → service), each
in its own thread with its own database connection, released together by a
barrier. With the event row locked, exactly `capacity` places are held and
everyone else is on the waiting list. The control run switches the lock off
and must overbook, which proves the test can see the race at all.

SQLite has one writer at a time (BEGIN IMMEDIATE), so there is no race to
show; test_registration.py checks the same answers sequentially there.
"""

import threading
import time

import pytest
from bs4 import BeautifulSoup
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from events import registration as service
from events.models import Registration
from tests.events.factories import RegistrationEventFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # Each storm opens PEOPLE connections at once. On one xdist worker the storms
    # run one after another; spread over workers they would add up and could
    # exhaust PostgreSQL's max_connections (100 by default).
    pytest.mark.xdist_group("registration_storm"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason=(
            "needs real PostgreSQL (set DATABASE_URL); SQLite serialises writes, "
            "see test_sequential_registrations_never_exceed_capacity"
        ),
    ),
]

CAPACITY = 10
PEOPLE = 30
HELD = "We are holding a place for you."
WAITING = "The event is fully booked. You are on the waiting list."


def verdict(response):
    """Status and what the answer page tells the person."""
    strong = BeautifulSoup(response.content, "html.parser").select_one(
        ".registration-result strong"
    )
    return response.status_code, strong.get_text(strip=True) if strong else None


def fire(event, people=PEOPLE):
    """Send `people` registrations at once; returns their `verdict`s and any exceptions."""
    with override("en"):
        path = reverse("events:register", kwargs={"slug": event.slug_en})
    barrier = threading.Barrier(people)
    answers, errors = [], []
    lock = threading.Lock()

    def one(number):
        try:
            client = Client()
            barrier.wait(timeout=30)
            response = client.post(
                path,
                {"name": f"Person {number}", "email": f"p{number}@example.org", "language": "en"},
            )
            answer = verdict(response)
            with lock:
                answers.append(answer)
        except Exception as error:  # collected and asserted below, with the cause
            with lock:
                errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one, args=(n,)) for n in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers, errors


def slow_count(original):
    """Widen the gap between counting and inserting, as a busy server would."""

    def count(event, now):
        result = original(event, now)
        time.sleep(0.05)
        return result

    return count


@pytest.mark.parametrize("run", [1, 2, 3])
def test_concurrent_registrations_never_overbook(run, monkeypatch):
    monkeypatch.setattr(service, "_count_taken", slow_count(service._count_taken))
    event = RegistrationEventFactory(capacity=CAPACITY)
    answers, errors = fire(event)
    assert errors == []
    # "Place held" or "waiting list", as stored: nobody saw an error page.
    assert sorted(answers) == [(200, WAITING)] * (PEOPLE - CAPACITY) + [(200, HELD)] * CAPACITY
    rows = Registration.objects.filter(event=event)
    assert rows.count() == PEOPLE
    assert rows.filter(status=Registration.Status.HELD).count() == CAPACITY
    assert rows.filter(status=Registration.Status.WAITING).count() == PEOPLE - CAPACITY
    assert service.availability(event).taken == CAPACITY


def test_control_without_the_lock_overbooks(monkeypatch):
    """The same storm without the row lock: proof that the test above can fail."""
    monkeypatch.setattr(service, "LOCK_EVENT_ROW", False)
    monkeypatch.setattr(service, "_count_taken", slow_count(service._count_taken))
    event = RegistrationEventFactory(capacity=CAPACITY)
    answers, errors = fire(event)
    assert errors == []
    held = Registration.objects.filter(event=event, status=Registration.Status.HELD).count()
    assert held > CAPACITY
    assert sorted(answers) == [(200, WAITING)] * (PEOPLE - held) + [(200, HELD)] * held
