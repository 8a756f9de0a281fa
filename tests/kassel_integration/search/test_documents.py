"""Documents in the search: PDF text extracted once per upload, found page by page."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import override

from concept.models import ConceptVersion, Document
from kassel_integration.search import documents
from kassel_integration.search.models import DocumentPage, SearchEntry


def pdf(*pages: str) -> bytes:
    """A valid PDF with one line of Helvetica text per page (ASCII only)."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        None,  # the page tree, once the pages are numbered
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    kids = []
    for text in pages:
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
        objects.append(b"<</Length %d>>stream\n%s\nendstream" % (len(stream), stream))
        objects.append(
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents %d 0 R"
            b"/Resources<</Font<</F1 3 0 R>>>>>>" % len(objects)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<</Type/Pages/Kids[%s]/Count %d>>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj%s endobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def version(db):
    return ConceptVersion.objects.create(
        code="2019", title_de="Integrationskonzept 2019", stage="in_force", status="published"
    )


def make_document(version, data, **fields):
    values = {
        "title_de": "Integrationskonzept 2019 (Volltext)",
        "title_en": "Integration concept 2019 (full text)",
        "language": "de",
        "status": Document.Status.PUBLISHED,
        "concept_version": version,
        "file": SimpleUploadedFile("konzept.pdf", data),
    }
    document = Document(**{**values, **fields})
    document.save()
    return document


def search_hits(client, language, query):
    with override(language):
        url = reverse("search")
    soup = BeautifulSoup(client.get(url, {"q": query}).content, "html.parser")
    return [
        (
            li.select_one(".search-hit-title a")["href"],
            li.select_one(".search-hit-kind").get_text(" ", strip=True),
        )
        for li in soup.select(".search-hit")
    ]


def test_pdf_text_is_read_page_by_page():
    data = pdf("Willkommenskultur in Kassel", "Zweite Seite ueber Wohnungsmarkt")
    file = SimpleUploadedFile("x.pdf", data)
    assert documents.pdf_pages(file) == [
        "Willkommenskultur in Kassel",
        "Zweite Seite ueber Wohnungsmarkt",
    ]


@pytest.mark.parametrize("data", [b"PK\x03\x04 not a pdf", b"%PDF-1.4 broken", b""])
def test_other_or_broken_files_give_no_text(data):
    assert documents.pdf_pages(SimpleUploadedFile("x.pdf", data)) == []


def test_a_hit_in_a_document_links_to_its_page(client, media, version):
    document = make_document(
        version, pdf("Einleitung des Konzepts", "Die Wohnraumversorgung verbessern")
    )
    with override("de"):
        url = document.get_absolute_url()
    found = search_hits(client, "de", "Wohnraumversorgung")
    assert found == [(f"{url}#page=2", "Dokument · Integrationskonzept 2019 · Seite 2")]
    # The document is German: its pages are searched in German only.
    assert search_hits(client, "en", "Wohnraumversorgung") == []


def test_text_is_extracted_once_per_upload(client, media, version, monkeypatch):
    document = make_document(version, pdf("Erste Fassung Quartiersarbeit"))
    calls = []
    original = documents.pdf_pages
    monkeypatch.setattr(documents, "pdf_pages", lambda f: calls.append(f.name) or original(f))
    document.title_de = "Integrationskonzept 2019, neu betitelt"
    document.save()
    assert calls == []
    document.file = SimpleUploadedFile("neu.pdf", pdf("Zweite Fassung Nachbarschaftshilfe"))
    document.save()
    assert len(calls) == 1
    assert list(DocumentPage.objects.values_list("text", flat=True)) == [
        "Zweite Fassung Nachbarschaftshilfe"
    ]
    assert search_hits(client, "de", "Quartiersarbeit") == []
    assert len(search_hits(client, "de", "Nachbarschaftshilfe")) == 1


def test_unpublished_and_deleted_documents_are_not_found(client, media, version):
    document = make_document(version, pdf("Geheimer Entwurf Zebrastreifen"), status="draft")
    assert search_hits(client, "de", "Zebrastreifen") == []
    document.status = Document.Status.PUBLISHED
    document.save()
    assert len(search_hits(client, "de", "Zebrastreifen")) == 1
    document.delete()
    assert search_hits(client, "de", "Zebrastreifen") == []
    assert not DocumentPage.objects.exists()
    assert not SearchEntry.objects.filter(kind="document").exists()
