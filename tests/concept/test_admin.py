"""The concept admin: every page opens, and errors show where staff can see them."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from concept.models import ConceptVersion, FieldOfAction, Goal, IntegrationReport, ReportEntry


@pytest.mark.parametrize(
    "model", ["conceptversion", "fieldofaction", "integrationreport", "reportentry", "document"]
)
def test_admin_list_and_add_pages_open(admin_client, content, model):
    assert admin_client.get(reverse(f"admin:concept_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:concept_{model}_add")).status_code == 200


def test_field_change_page_has_goal_and_measure_inlines_and_tabs(admin_client, content):
    field = FieldOfAction.objects.get(number=4)
    response = admin_client.get(reverse("admin:concept_fieldofaction_change", args=[field.pk]))
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find(id="goals-group") is not None
    assert soup.find(id="measures-group") is not None
    # modeltranslation builds its language tabs from these per-language inputs.
    assert {i["name"] for i in soup.select("input[name^=title_]")} >= {
        "title_de",
        "title_en",
        "title_sl",
    }
    progress = soup.find("select", attrs={"name": "measures-0-progress"})
    assert [o["value"] for o in progress.find_all("option")] == [
        "unknown",
        "planned",
        "in_progress",
        "ongoing",
        "achieved",
        "discontinued",
    ]


def field_form(field, **overrides):
    data = {
        "number": field.number,
        "title_de": field.title_de,
        "title_en": field.title_en,
        "title_sl": field.title_sl,
        "slug_de": field.slug_de,
        "slug_en": field.slug_en,
        "slug_sl": field.slug_sl,
        "summary_de": "",
        "summary_en": "",
        "summary_sl": "",
        "description_de": "",
        "description_en": "",
        "description_sl": "",
        "status": "published",
        "publish_from_0": "",
        "publish_from_1": "",
        "publish_until_0": "",
        "publish_until_1": "",
        "measures-TOTAL_FORMS": "0",
        "measures-INITIAL_FORMS": "0",
        "goals-TOTAL_FORMS": "0",
        "goals-INITIAL_FORMS": "0",
    }
    for name in ("goals", "measures"):
        for key in ("MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{name}-{key}"] = "0" if key == "MIN_NUM_FORMS" else "1000"
    data.update(overrides)
    return data


def test_goal_with_status_but_no_source_is_refused_visibly(admin_client, content):
    field = FieldOfAction.objects.get(number=1)
    data = field_form(
        field,
        **{
            "goals-TOTAL_FORMS": "1",
            "goals-0-order": "1",
            "goals-0-title_de": "Mehr Kita-Plätze",
            "goals-0-progress": "achieved",
            "goals-0-status_source_de": "",
        },
    )
    url = reverse("admin:concept_fieldofaction_change", args=[field.pk])
    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    errors = [li.get_text(strip=True) for li in soup.select("#goals-group ul.errorlist li")]
    assert errors == ["Say where this status comes from."]
    assert Goal.objects.count() == 0

    data["goals-0-status_source_de"] = "Integrationsbericht 2023/2024"
    assert admin_client.post(url, data).status_code == 302
    assert Goal.objects.get().progress == "achieved"


def test_error_in_the_english_tab_is_marked_on_that_tab(admin_client, content):
    field = FieldOfAction.objects.get(number=1)
    url = reverse("admin:concept_fieldofaction_change", args=[field.pk])
    response = admin_client.post(url, field_form(field, slug_en="sport-and-health"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    slug_en = soup.find("input", attrs={"name": "slug_en"})
    row = slug_en.find_parent(class_="form-row")
    # The "errors" class is what makes modeltranslation open the tab with the error.
    assert "errors" in row["class"]
    assert [li.get_text(strip=True) for li in row.select("ul.errorlist li")] == [
        "Diese Adresse wird schon von „3. Sport und Gesundheit“ verwendet."
    ]
    field.refresh_from_db()
    assert field.slug_en == "education-and-language-support"


def test_second_version_in_force_is_refused(admin_client, content):
    response = admin_client.post(
        reverse("admin:concept_conceptversion_add"),
        {
            "title_de": "Neues Konzept",
            "code": "neu",
            "stage": ConceptVersion.Stage.IN_FORCE,
            "order": "4",
            "status": "draft",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Es kann nur eine Fassung des Konzepts gültig sein." in response.content.decode()
    assert ConceptVersion.objects.count() == 3


def test_report_entry_inline_lists_entries(admin_client, content):
    report = IntegrationReport.objects.get()
    response = admin_client.get(reverse("admin:concept_integrationreport_change", args=[report.pk]))
    soup = BeautifulSoup(response.content, "html.parser")
    texts = [i["value"] for i in soup.select("input[name$=-text_de]") if i.get("value")]
    assert texts == list(
        ReportEntry.objects.filter(report=report).values_list("text_de", flat=True)
    )
    assert len(texts) == 6
