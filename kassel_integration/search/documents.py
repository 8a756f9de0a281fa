"""The text of uploaded PDF files, page by page (pypdf)."""

import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

logger = logging.getLogger(__name__)

# A page of a municipal report holds a few thousand characters; more is a
# table or a crafted file, and the search shows only a passage anyway.
MAX_PAGE_TEXT = 20_000
MAX_PAGES = 1000


def pdf_pages(file) -> list[str]:
    """The text of each page of a PDF, in order; [] for any other file or one that cannot be read."""
    try:
        file.open("rb")
        try:
            file.seek(0)
            if file.read(5) != b"%PDF-":
                return []
            file.seek(0)
            reader = PdfReader(file)
            pages = []
            for page in reader.pages[:MAX_PAGES]:
                text = page.extract_text() or ""
                pages.append(" ".join(text.split())[:MAX_PAGE_TEXT])
            return pages
        finally:
            file.close()
    except (PyPdfError, OSError, ValueError, KeyError, TypeError):
        # A broken PDF must not stop the upload: it is stored, only not searchable.
        logger.warning("Could not read the text of %s", file.name, exc_info=True)
        return []
