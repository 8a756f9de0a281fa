"""Documents: uploads are judged by their content and served with safe headers."""

import io
import re
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import override

from concept.documents import DEFAULT_MAX_SIZE, validate_document
from concept.models import ConceptVersion, Document

# A complete one-page PDF, small enough to read.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n170\n%%EOF\n"
)


def odf(mimetype=b"application/vnd.oasis.opendocument.text"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def ooxml(main_type):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types><Override PartName="/word/document.xml" '
            f'ContentType="{main_type}"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
REJECTED = (
    "Diese Datei ist kein PDF-, ODT- oder DOCX-Dokument. Der Typ wird am Inhalt der Datei "
    "erkannt, nicht an ihrem Namen."
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(admin_client, name, data, content_type="application/pdf", **extra):
    payload = {
        "title_de": "Integrationskonzept 2019",
        "title_en": "Integration concept 2019",
        "title_sl": "",
        "language": "de",
        "file": SimpleUploadedFile(name, data, content_type=content_type),
        "order": "0",
        "status": "published",
        "publish_from_0": "",
        "publish_from_1": "",
        "publish_until_0": "",
        "publish_until_1": "",
        **extra,
    }
    return admin_client.post(
        reverse("admin:concept_document_add"), payload, HTTP_ACCEPT_LANGUAGE="de"
    )


def stored_files(media):
    return sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())


def field_errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.get_text(strip=True) for li in soup.select(".field-file ul.errorlist li")]


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("bericht.pdf", b"#!/bin/sh\nrm -rf / # not a pdf\n", "application/pdf"),
        ("bericht.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
        ("bericht.pdf", b"MZ\x90\x00\x03\x00\x00\x00 executable", "application/pdf"),
        (
            "bericht.odt",
            odf(b"application/x-shellscript"),
            "application/vnd.oasis.opendocument.text",
        ),
        ("bericht.docx", ooxml(DOCM_TYPE), "application/octet-stream"),
        ("bericht.pdf", b"", "application/pdf"),
        # The PDF signature somewhere else than at the start does not make a PDF.
        ("bericht.pdf", b"<svg onload=alert(1)>%PDF-1.4", "application/pdf"),
    ],
    ids=["script", "html", "executable", "odf-wrong-mimetype", "macro-docm", "empty", "late-magic"],
)
def test_upload_rejects_disguised_files(admin_client, media, name, data, content_type):
    response = upload(admin_client, name, data, content_type)
    assert response.status_code == 200
    errors = field_errors(response)
    # An empty upload is refused by Django's own file field before our check runs.
    assert errors == (["Die übertragene Datei ist leer."] if not data else [REJECTED])
    assert Document.objects.count() == 0
    assert stored_files(media) == []


def test_upload_rejects_oversized_file(admin_client, media, settings):
    settings.CONCEPT_DOCUMENT_MAX_SIZE = 2048
    response = upload(admin_client, "gross.pdf", PDF + b"0" * (2049 - len(PDF)))
    assert field_errors(response) == [
        "Die Datei ist 2,0\xa0KB groß; erlaubt sind höchstens 2,0\xa0KB."
    ]
    assert Document.objects.count() == 0
    assert stored_files(media) == []


def test_default_size_limit_is_twenty_megabytes():
    class Upload:
        _committed = False
        size = DEFAULT_MAX_SIZE + 1

    with override("en"):
        with pytest.raises(ValidationError) as error:
            validate_document(Upload())
        assert error.value.messages == ["The file is 20.0\xa0MB; files may be at most 20.0\xa0MB."]
    assert error.value.code == "file_too_large"
    Upload.size = DEFAULT_MAX_SIZE
    Upload.seek = lambda self, pos: None
    Upload.read = lambda self, n=-1: b"nope"
    with pytest.raises(ValidationError) as error:  # right size, but not a document
        validate_document(Upload())
    assert error.value.code == "file_type"


def test_upload_accepts_real_pdf_and_serves_it_safely(admin_client, client, media):
    response = upload(admin_client, "../../etc/Konzept final (2).PDF", PDF)
    assert response.status_code == 302, field_errors(response)
    document = Document.objects.get()
    assert document.file_format == "pdf"
    assert document.file_size == len(PDF)
    assert re.fullmatch(r"concept/documents/[0-9a-f]{32}\.pdf", document.file.name)
    assert stored_files(media) == [document.file.name]

    served = client.get(document.get_absolute_url())
    assert served.status_code == 200
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"] == 'inline; filename="integrationskonzept-2019.pdf"'
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content) == PDF


@pytest.mark.parametrize(
    ("name", "data", "file_format", "content_type"),
    [
        ("text.odt", odf(), "odt", "application/vnd.oasis.opendocument.text"),
        (
            "text.docx",
            ooxml(DOCX_TYPE),
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_office_documents_are_accepted_and_downloaded(
    admin_client, client, media, name, data, file_format, content_type
):
    response = upload(admin_client, name, data, "application/octet-stream")
    assert response.status_code == 302, field_errors(response)
    document = Document.objects.get()
    assert document.file_format == file_format
    served = client.get(document.get_absolute_url())
    assert served["Content-Type"] == content_type
    assert served["Content-Disposition"] == (
        f'attachment; filename="integrationskonzept-2019.{file_format}"'
    )
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content) == data


def test_unpublished_document_is_not_served(admin_client, client, media):
    upload(admin_client, "k.pdf", PDF, status="draft")
    document = Document.objects.get()
    assert client.get(document.get_absolute_url()).status_code == 404


def test_document_is_listed_with_format_size_and_language(admin_client, client, media, content):
    version = ConceptVersion.objects.get(code="2019")
    response = upload(admin_client, "k.pdf", PDF, concept_version=str(version.pk))
    assert response.status_code == 302, field_errors(response)
    document = Document.objects.get()
    for path, meta in (
        ("/de/integrationskonzept/", "(PDF, 303\xa0Bytes, Deutsch)"),
        ("/en/integration-concept/", "(PDF, 303\xa0bytes, German)"),
        ("/sl/koncept-integracije/", "(PDF, 303\xa0bajti, nemščina)"),
    ):
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        [item] = soup.select(f"#{version.anchor} ul.documents li")
        link = item.find("a")
        assert link["href"] == document.get_absolute_url()
        assert link["hreflang"] == "de"
        assert link["type"] == "application/pdf"
        assert item.select_one(".document-meta").get_text() == meta
    assert len(PDF) == 303


def test_document_url_is_translated(media):
    with override("de"):
        assert (
            reverse("concept:document", kwargs={"pk": 7}) == "/de/integrationskonzept/dokumente/7/"
        )
    with override("sl"):
        assert (
            reverse("concept:document", kwargs={"pk": 7}) == "/sl/koncept-integracije/dokumenti/7/"
        )
