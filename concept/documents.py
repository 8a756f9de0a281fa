"""Uploaded documents (the concept, the report): what is accepted and how it is stored.

The type of a file is decided by its content, never by its name or by the
browser's claim: a script renamed `.pdf` must not end up served as a PDF.
Accepted are PDF (`%PDF-` at the very start), OpenDocument text (a zip whose
first entry is the uncompressed `mimetype` file with the ODT type) and Word
DOCX (a zip whose `[Content_Types].xml` declares the WordprocessingML main
part). Macro-enabled variants declare other types and are refused.
"""

import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Concept and report PDFs of German cities are typically a few megabytes.
DEFAULT_MAX_SIZE = 20 * 1024 * 1024

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
DOCX_MAIN_TYPE = b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"'
# The entries read to decide the type are tiny; a huge one means a crafted file.
MAX_SNIFFED_ENTRY = 512 * 1024


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    ODT = "odt", "ODT"
    DOCX = "docx", "DOCX"


CONTENT_TYPES = {
    FileFormat.PDF: "application/pdf",
    FileFormat.ODT: "application/vnd.oasis.opendocument.text",
    FileFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def max_size() -> int:
    return getattr(settings, "CONCEPT_DOCUMENT_MAX_SIZE", DEFAULT_MAX_SIZE)


def _zip_format(fileobj) -> FileFormat | None:
    try:
        archive = zipfile.ZipFile(fileobj)
        entries = archive.infolist()
        if not entries:
            return None
        first = entries[0]
        if (
            first.filename == "mimetype"
            and first.compress_type == zipfile.ZIP_STORED
            and first.file_size <= 100
            and archive.read(first).strip() == ODT_MIMETYPE
        ):
            return FileFormat.ODT
        try:
            types = archive.getinfo("[Content_Types].xml")
        except KeyError:
            return None
        if types.file_size > MAX_SNIFFED_ENTRY:
            return None
        if DOCX_MAIN_TYPE in archive.read(types) and "word/document.xml" in archive.namelist():
            return FileFormat.DOCX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError):
        return None
    return None


def detect_format(fileobj) -> FileFormat | None:
    """The format of a file judged by its bytes, or None if it is not an accepted one."""
    fileobj.seek(0)
    head = fileobj.read(5)
    fileobj.seek(0)
    try:
        if head == b"%PDF-":
            return FileFormat.PDF
        if head[:4] == b"PK\x03\x04":
            return _zip_format(fileobj)
        return None
    finally:
        fileobj.seek(0)


def validate_document(value):
    """Model field validator: size limit first (cheap), then the content check."""
    if getattr(value, "_committed", False):
        # An unchanged, already stored file passed this check when it was uploaded.
        return
    limit = max_size()
    if value.size > limit:
        raise ValidationError(
            _("The file is %(size)s; files may be at most %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(value.size), "limit": filesizeformat(limit)},
        )
    if detect_format(value) is None:
        raise ValidationError(
            _(
                "This file is not a PDF, ODT or DOCX document. The type is checked by the "
                "file's content, not by its name."
            ),
            code="file_type",
        )


def document_upload_to(instance, filename):
    """A random name: the uploader's file name never reaches the file system."""
    return f"concept/documents/{uuid.uuid4().hex}.{instance.file_format}"
