from collections import Counter, defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from concept.dates import PartialDate, Season
from concept.documents import (
    CONTENT_TYPES,
    FileFormat,
    detect_format,
    document_upload_to,
    validate_document,
)
from kassel_integration.content import languages
from kassel_integration.content.i18n import cached_reverse
from kassel_integration.content.richtext import RichTextField
from kassel_integration.content.slugs import TranslatedSlugMixin
from kassel_integration.models import Publishable, PublishableQuerySet

MONTH_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]
DAY_VALIDATORS = [MinValueValidator(1), MaxValueValidator(31)]
YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class Progress(models.TextChoices):
    """How far a goal or measure has come, as a source reports it."""

    UNKNOWN = "unknown", _("Not yet reported")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    ONGOING = "ongoing", _("Ongoing task")
    ACHIEVED = "achieved", _("Achieved")
    DISCONTINUED = "discontinued", _("Discontinued")

    @classmethod
    def tally(cls, counts):
        """(label, count) per status with a count, in status order, from {status: count}."""
        return [(label, counts[value]) for value, label in cls.choices if counts.get(value)]


# ---------------------------------------------------------------- concept versions
class ConceptVersion(Publishable):
    """One version of the integration concept: the 2012 concept, the 2019 one, a revision."""

    class Stage(models.TextChoices):
        IN_PREPARATION = "preparation", _("In preparation")
        IN_FORCE = "in_force", _("In force")
        SUPERSEDED = "superseded", _("Superseded")

    code = models.SlugField(
        _("short code"),
        max_length=40,
        help_text=_(
            "Fixed, language-neutral, e.g. “2019”. Used as the anchor on the concept page."
        ),
    )
    title = models.CharField(_("title"), max_length=200)
    official_title = models.CharField(
        _("official German title"),
        max_length=300,
        blank=True,
        help_text=_(
            "The title as printed on the concept, e.g. “Alle gehören dazu!”. Always German."
        ),
    )
    official_title_meaning = models.CharField(
        _("meaning of the official title"),
        max_length=300,
        blank=True,
        help_text=_("For readers of the other languages; leave the German tab empty."),
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    as_of_year = models.PositiveSmallIntegerField(
        _("version dated (year)"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    as_of_month = models.PositiveSmallIntegerField(
        _("version dated (month)"), null=True, blank=True, validators=MONTH_VALIDATORS
    )
    adopted_year = models.PositiveSmallIntegerField(
        _("adopted in (year)"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    adopted_season = models.CharField(
        _("adopted in (season)"),
        max_length=8,
        choices=Season.choices,
        blank=True,
        help_text=_("Only when the source names a season instead of a month."),
    )
    adopted_month = models.PositiveSmallIntegerField(
        _("adopted in (month)"), null=True, blank=True, validators=MONTH_VALIDATORS
    )
    adopted_day = models.PositiveSmallIntegerField(
        _("adopted on (day)"), null=True, blank=True, validators=DAY_VALIDATORS
    )
    adopted_unanimously = models.BooleanField(
        _("adopted unanimously"),
        null=True,
        blank=True,
        help_text=_("Leave unknown if the sources do not say."),
    )
    work_started_on = models.DateField(_("work started on"), null=True, blank=True)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    description = RichTextField(
        _("description"),
        blank=True,
        help_text=_(
            "Shown as the introduction of the concept page while this version is in force."
        ),
    )

    class Meta:
        verbose_name = _("concept version")
        verbose_name_plural = _("concept versions")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="conceptversion_unique_code"),
            models.UniqueConstraint(
                fields=["stage"],
                condition=Q(stage="in_force"),
                name="conceptversion_one_in_force",
                violation_error_message=_("Only one version of the concept can be in force."),
            ),
            models.CheckConstraint(
                condition=Q(adopted_day__isnull=True) | Q(adopted_month__isnull=False),
                name="conceptversion_day_needs_month",
            ),
            models.CheckConstraint(
                condition=Q(adopted_month__isnull=True) | Q(adopted_season=""),
                name="conceptversion_month_or_season",
            ),
            models.CheckConstraint(
                condition=(
                    Q(adopted_year__isnull=False)
                    | (Q(adopted_month__isnull=True) & Q(adopted_season=""))
                ),
                name="conceptversion_adopted_needs_year",
            ),
            models.CheckConstraint(
                condition=Q(as_of_year__isnull=False) | Q(as_of_month__isnull=True),
                name="conceptversion_as_of_needs_year",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{cached_reverse('concept:index')}#{self.anchor}"

    @property
    def anchor(self):
        return f"concept-{self.code}"

    @property
    def is_in_force(self):
        return self.stage == self.Stage.IN_FORCE

    @property
    def as_of(self):
        return PartialDate(self.as_of_year, self.as_of_month) if self.as_of_year else None

    @property
    def adopted(self):
        if not self.adopted_year:
            return None
        return PartialDate(
            self.adopted_year, self.adopted_month, self.adopted_day, self.adopted_season
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.adopted_day and not self.adopted_month:
            errors["adopted_day"] = _("A day needs its month.")
        if self.adopted_month and self.adopted_season:
            errors["adopted_season"] = _("Give either a month or a season, not both.")
        if (self.adopted_month or self.adopted_season) and not self.adopted_year:
            errors["adopted_year"] = _("A month or season needs its year.")
        if self.as_of_month and not self.as_of_year:
            errors["as_of_year"] = _("A month needs its year.")
        if self.adopted_day and self.adopted_month and self.adopted_year:
            try:
                PartialDate(self.adopted_year, self.adopted_month, self.adopted_day).label  # noqa: B018
            except ValueError:
                errors["adopted_day"] = _("This day does not exist in that month.")
        if self.stage == self.Stage.IN_PREPARATION and self.adopted_year:
            errors["stage"] = _("A version that has been adopted is no longer in preparation.")
        if errors:
            raise ValidationError(errors)


# ---------------------------------------------------------------- fields of action
def progress_rows():
    """(field pk, progress, count) of goals and of measures, grouped over all fields.

    At most fields × statuses rows, and no filter to build; the rows of
    unpublished fields are simply not looked up.
    """
    per_model = [
        model.objects.order_by().values_list("field", "progress").annotate(n=Count("pk"))
        for model in (Goal, Measure)
    ]
    # UNION ALL: a goal row and a measure row with equal counts are both needed.
    return per_model[0].union(per_model[1], all=True)


def attach_progress_counts(fields, rows):
    """Set `progress_counts` on each field from `progress_rows()`; gives the fields."""
    counts = defaultdict(Counter)
    for field_id, progress, n in rows:
        counts[field_id][progress] += n
    for field in fields:
        field.progress_counts = Progress.tally(counts[field.pk])
    return fields


class FieldOfActionQuerySet(PublishableQuerySet):
    def with_details(self, at=None):
        """Fields with everything a field page shows, in six queries.

        The field; its goals, measures and partners; the entries of published
        reports (`public_report_entries`, with their report) and the published
        events (`public_events`, latest first).
        """
        # The events app builds on this one: its model is reached through the relation.
        events = self.model._meta.get_field("events").related_model.objects.published(at)
        entries = ReportEntry.objects.filter(
            report__in=IntegrationReport.objects.published(at)
        ).select_related("report")
        return self.prefetch_related(
            "goals",
            "measures",
            Prefetch("report_entries", queryset=entries, to_attr="public_report_entries"),
            "partners",
            Prefetch("events", queryset=events.order_by("-start", "pk"), to_attr="public_events"),
        )


class FieldOfAction(TranslatedSlugMixin, Publishable):
    """One of the six Handlungsfelder of the integration concept."""

    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    summary = models.CharField(_("short description"), max_length=300, blank=True)
    description = RichTextField(_("description"), blank=True)
    partners = models.ManyToManyField(
        "officers.Organisation",
        verbose_name=_("partners"),
        blank=True,
        related_name="fields_of_action",
        help_text=_("Organisations that work in this field according to a source."),
    )

    objects = FieldOfActionQuerySet.as_manager()
    slug_error = _("This address is already used by “%(title)s”.")

    class Meta:
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="fieldofaction_unique_number"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="fieldofaction_number_positive"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return cached_reverse("concept:field", slug=self.slug)

    @cached_property
    def progress_counts(self):
        """(label, count) per progress status over goals and measures, in status order."""
        return Progress.tally(
            Counter(item.progress for item in (*self.goals.all(), *self.measures.all()))
        )

    @cached_property
    def reported_progress(self):
        return [e for e in self.public_report_entries if e.kind == ReportEntry.Kind.PROGRESS]

    @cached_property
    def open_tasks(self):
        return [e for e in self.public_report_entries if e.kind == ReportEntry.Kind.OPEN_TASK]


class ProgressItem(models.Model):
    """What goals and measures share: a status and where that status comes from."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    progress = models.CharField(
        _("status"), max_length=14, choices=Progress.choices, default=Progress.UNKNOWN
    )
    status_source = models.CharField(
        _("source of the status"),
        max_length=300,
        blank=True,
        help_text=_("Where the status comes from, e.g. “Integrationsbericht 2023/2024”."),
    )
    status_source_url = models.URLField(_("address of the source"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.field.get_absolute_url()}#{self.anchor}"

    def clean(self):
        super().clean()
        if self.progress != Progress.UNKNOWN and not self.status_source:
            # Keyed on the default language's column: the admin form has no untranslated field.
            field = f"status_source_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"
            raise ValidationError(
                {field: _("Say where this status comes from.")}, code="source_missing"
            )


class Goal(ProgressItem):
    field = models.ForeignKey(
        FieldOfAction,
        verbose_name=_("field of action"),
        on_delete=models.CASCADE,
        related_name="goals",
    )

    class Meta(ProgressItem.Meta):
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    @property
    def anchor(self):
        return f"goal-{self.pk}"


class Measure(ProgressItem):
    field = models.ForeignKey(
        FieldOfAction,
        verbose_name=_("field of action"),
        on_delete=models.CASCADE,
        related_name="measures",
    )

    class Meta(ProgressItem.Meta):
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    @property
    def anchor(self):
        return f"measure-{self.pk}"


# ---------------------------------------------------------------- integration report
class IntegrationReportQuerySet(PublishableQuerySet):
    def with_concept_version(self):
        """Reports with the concept version they report on.

        Their entries and documents are not prefetched here: the overview loads
        them once for the reports and the rest of the page together
        (`hang_report_entries`, `hang_documents`).
        """
        return self.select_related("concept_version")


class IntegrationReport(Publishable):
    """The Integrationsbericht: how far the goals of the concept have been implemented."""

    title = models.CharField(_("title"), max_length=200)
    first_year = models.PositiveSmallIntegerField(
        _("first year covered"), validators=YEAR_VALIDATORS
    )
    last_year = models.PositiveSmallIntegerField(_("last year covered"), validators=YEAR_VALIDATORS)
    concept_version = models.ForeignKey(
        ConceptVersion,
        verbose_name=_("concept version it reports on"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )
    author = models.CharField(_("written by"), max_length=300, blank=True)
    discussed_at = models.CharField(_("discussed at"), max_length=300, blank=True)
    discussed_on = models.DateField(_("discussed on"), null=True, blank=True)
    summary = RichTextField(_("what the report documents"), blank=True)

    objects = IntegrationReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("integration report")
        verbose_name_plural = _("integration reports")
        ordering = ["-last_year", "-first_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["first_year", "last_year"], name="integrationreport_unique_period"
            ),
            models.CheckConstraint(
                condition=Q(last_year__gte=models.F("first_year")),
                name="integrationreport_period_order",
                violation_error_message=_("The last year cannot be before the first year."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{cached_reverse('concept:index')}#{self.anchor}"

    @property
    def anchor(self):
        return f"report-{self.first_year}-{self.last_year}"

    # `public_entries` is set by `hang_report_entries`.
    @cached_property
    def progress_entries(self):
        return [e for e in self.public_entries if e.kind == ReportEntry.Kind.PROGRESS]

    @cached_property
    def open_tasks(self):
        return [e for e in self.public_entries if e.kind == ReportEntry.Kind.OPEN_TASK]


def hang_report_entries(entries, reports, fields):
    """Hang loaded report entries on the published `reports` and `fields` they belong to.

    Each report gets `public_entries` (its entries on one of `fields` or on no field),
    each field `public_report_entries` (its entries in one of `reports`), each entry
    its report and field without another query. Entries of other reports or fields
    (unpublished ones) are left out.
    """
    reports_by_pk = {report.pk: report for report in reports}
    fields_by_pk = {field.pk: field for field in fields}
    for report in reports:
        report.public_entries = []
    for field in fields:
        field.public_report_entries = []
    for entry in entries:
        if entry.report_id not in reports_by_pk:
            continue  # its report is not published
        if entry.field_id is not None:
            if entry.field_id not in fields_by_pk:
                continue  # its field is not published
            entry.field = fields_by_pk[entry.field_id]
            entry.field.public_report_entries.append(entry)
        entry.report = reports_by_pk[entry.report_id]
        entry.report.public_entries.append(entry)


class ReportEntry(models.Model):
    """One statement of the report, attached to the field of action it belongs to."""

    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Progress")
        OPEN_TASK = "open_task", _("Open task")

    report = models.ForeignKey(
        IntegrationReport,
        verbose_name=_("integration report"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    field = models.ForeignKey(
        FieldOfAction,
        verbose_name=_("field of action"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_entries",
        help_text=_("Leave empty if the statement does not clearly belong to one field."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("statement"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("report entry")
        verbose_name_plural = _("report entries")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


# ---------------------------------------------------------------- documents
def hang_documents(documents, versions, reports):
    """Set `public_documents` on each concept version and report from loaded documents.

    Published documents are few, so all of them are read and handed out here; those
    of versions or reports not in the lists (unpublished ones) are left out.
    """
    owners = {
        **{("version", version.pk): version for version in versions},
        **{("report", report.pk): report for report in reports},
    }
    for owner in owners.values():
        owner.public_documents = []
    for document in documents:
        if document.concept_version_id is not None:
            owner = owners.get(("version", document.concept_version_id))
        else:
            owner = owners.get(("report", document.report_id))
        if owner is not None:
            owner.public_documents.append(document)


class Document(Publishable):
    """A downloadable file: the concept, the report. Served by `concept:document` only."""

    title = models.CharField(_("title"), max_length=300)
    # The language the file is written in, one of the portal's: documents are
    # offered to its readers, and a language added to the settings can have its
    # translation of the concept at once. The choices are a callable so that
    # the migrations keep no list of languages; the list names each language
    # in the reader's language ("Deutsch", "German", "nemščina").
    language = models.CharField(
        _("language of the document"),
        max_length=8,
        choices=languages.choices,
        default=languages.source,
    )
    file = models.FileField(
        _("file"),
        upload_to=document_upload_to,
        validators=[validate_document],
        help_text=_("PDF, ODT or DOCX. The file is stored under a new, random name."),
    )
    file_format = models.CharField(
        _("format"), max_length=8, choices=FileFormat.choices, editable=False
    )
    file_size = models.PositiveBigIntegerField(_("file size in bytes"), editable=False, default=0)
    concept_version = models.ForeignKey(
        ConceptVersion,
        verbose_name=_("concept version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    report = models.ForeignKey(
        IntegrationReport,
        verbose_name=_("integration report"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(concept_version__isnull=True) | Q(report__isnull=True),
                name="document_belongs_to_one",
                violation_error_message=_(
                    "A document belongs to a concept version or to a report, not to both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(file_format__in=FileFormat.values), name="document_known_format"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return cached_reverse("concept:document", pk=self.pk)

    @property
    def content_type(self):
        return CONTENT_TYPES[self.file_format]

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            detected = detect_format(self.file)
            if detected is None:
                # The form already refuses such files; this guards code paths without a form.
                raise ValidationError(_("This file type is not accepted."), code="file_type")
            self.file_format = detected
            self.file_size = self.file.size
        super().save(*args, **kwargs)
