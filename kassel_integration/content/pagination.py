from django.core.paginator import Paginator
from django.db.models import Count, Window

TOTAL = "paginator_total"
# Beyond this the offset could overflow the database's integer: such pages are out of range.
MAX_FAST_PAGE = 10**6


def counted(queryset):
    """`queryset` with the number of all its rows on each row, as `paginator_total`."""
    return queryset.annotate(**{TOTAL: Window(Count("pk"))})


class OneQueryPaginator(Paginator):
    """Counts the objects in the query that fetches the page (COUNT(*) OVER ()).

    Django's Paginator counts first and then fetches the page: two queries.
    `fetch(bottom, top)` returns the objects of one page, each carrying the
    total as `paginator_total` (`counted()`), so one query answers both. A
    page number out of range lands on the last page, as `get_page` promises;
    only then does it take more queries.
    """

    def __init__(self, fetch, per_page):
        super().__init__([], per_page)  # the objects come from `fetch`
        self.fetch = fetch

    def get_page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if 1 <= number <= MAX_FAST_PAGE:
            objects = self._fetch_page(number)
            if objects or number == 1:
                return self._get_page(objects, number, self)
        first = self._fetch_page(1)  # learns the count
        last = self.num_pages
        objects = first if last == 1 else self._fetch_page(last)
        return self._get_page(objects, last, self)

    def _fetch_page(self, number):
        bottom = (number - 1) * self.per_page
        objects = list(self.fetch(bottom, bottom + self.per_page))
        self.__dict__["count"] = getattr(objects[0], TOTAL) if objects else 0
        return objects
