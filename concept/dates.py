"""Dates known only as precisely as the sources give them.

The first concept was adopted "in summer 2012" and the current one "in June
2019": storing a full date would invent a day nobody knows. A `PartialDate`
keeps the precision the source has and renders it in the current language.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from kassel_integration.content.dates import format_day


class Season(models.TextChoices):
    SPRING = "spring", _("spring")
    SUMMER = "summer", _("summer")
    AUTUMN = "autumn", _("autumn")
    WINTER = "winter", _("winter")


# A season label with its year, e.g. "summer 2012" / "Sommer 2012" / "poletje 2012".
SEASON_WITH_YEAR = {
    Season.SPRING: _("spring %(year)s"),
    Season.SUMMER: _("summer %(year)s"),
    Season.AUTUMN: _("autumn %(year)s"),
    Season.WINTER: _("winter %(year)s"),
}


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None
    season: str = ""

    @property
    def iso(self) -> str:
        """For `<time datetime>`: a valid year, month or date string."""
        if self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def label(self) -> str:
        if self.month and self.day:
            return format_day(datetime.date(self.year, self.month, self.day))
        if self.month:
            return formats.date_format(datetime.date(self.year, self.month, 1), "YEAR_MONTH_FORMAT")
        if self.season:
            return str(SEASON_WITH_YEAR[self.season] % {"year": self.year})
        return str(self.year)

    def __str__(self):
        return self.label
