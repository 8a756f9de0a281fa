"""The search index: what the site search reads instead of the content tables.

`SearchEntry` holds one row per published item and language (a document has
one per page): what a hit shows, the publication window, and the item's
words as search terms (`kassel_integration.search.analysis`). Next to it each
database keeps its own full-text structure, created by migration 0010 and
filled by the database itself whenever a row is written:

- PostgreSQL: the stored generated column `search_vector` (tsvector, title
  terms weighted A, text terms B) with a GIN index.
- SQLite: the FTS5 table `kassel_integration_searchentry_fts`, an
  external-content index of the two term columns, kept in step by triggers.
  A later migration that makes SQLite rebuild this table (most ALTERs of it)
  drops the triggers with it and must create them again (see 0010).

Rows are written by `kassel_integration.search.index` only; they are derived
data, rebuilt at any time with `manage.py rebuild_search_index`.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object ID"))
    item = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=40)
    language = models.CharField(_("language"), max_length=16)
    title = models.TextField(_("title"))
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=500)
    context = models.CharField(_("context"), max_length=500, blank=True)
    # Documents: the page of the file this row holds (1 for the first).
    page = models.PositiveIntegerField(_("page"), null=True, blank=True)
    # Events: when it starts, shown with the hit.
    starts_at = models.DateTimeField(_("start"), null=True, blank=True)
    all_day = models.BooleanField(_("date only (all day or time not known)"), default=False)
    # The window in which the item (and every item it depends on) is published;
    # each search compares it with the time of the search.
    published_from = models.DateTimeField(_("publish from"), null=True, blank=True)
    published_until = models.DateTimeField(_("publish until"), null=True, blank=True)
    title_terms = models.TextField(_("search terms of the title"), blank=True)
    text_terms = models.TextField(_("search terms of the text"), blank=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        default_permissions = ()
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="searchentry_item_idx"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.language}): {self.title}"


class SearchWord(models.Model):
    """A word of the index, folded (`term`) and as written: the vocabulary for "Did you mean"."""

    language = models.CharField(_("language"), max_length=16)
    term = models.CharField(_("term"), max_length=60)
    word = models.CharField(_("word"), max_length=100)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["language", "term"], name="searchword_unique_term"),
        ]

    def __str__(self):
        return f"{self.term} ({self.language})"


class DocumentPage(models.Model):
    """The text of one page of an uploaded file, extracted once when the file arrives."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object ID"))
    item = GenericForeignKey("content_type", "object_id")
    # The stored name of the file the text comes from: a new upload gets a new
    # name, so a changed name means the text must be extracted again.
    file_name = models.CharField(_("file"), max_length=300)
    page = models.PositiveIntegerField(_("page"))
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("document page")
        verbose_name_plural = _("document pages")
        default_permissions = ()
        ordering = ["content_type", "object_id", "page"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "page"], name="documentpage_unique_page"
            ),
        ]

    def __str__(self):
        return f"{self.file_name}, {self.page}"
