"""Rich or plain text as one line of plain text, for the search index and page descriptions."""

import html
import re
from functools import lru_cache

from django.utils.html import strip_tags

BLOCK_END = re.compile(r"(</(?:p|li|h\d|blockquote|ul|ol)>|<br\s*/?>)", re.IGNORECASE)


def plain_text(value) -> str:
    """Rich or plain text as one line; paragraphs stay apart as words."""
    return _plain_text(str(value or ""))


# Page descriptions strip the same few texts again and again, and strip_tags
# parses the HTML in Python: remembered by value, bounded.
@lru_cache(maxsize=1024)
def _plain_text(value: str) -> str:
    text = BLOCK_END.sub(r"\1 ", value)
    return " ".join(html.unescape(strip_tags(text)).split())
