from django.core.paginator import Paginator
from django.db.models import Count, Window

TOTAL = "paginator_total"
# Beyond this the offset could overflow the database's integer: such pages are out of range.
MAX_FAST_PAGE = 10**6


class _CountedRows:
    """A queryset seen by the paginator: each slice also tells the total (COUNT(*) OVER ()).

    The paginator asks for the count before it slices. `OneQueryPaginator.get_page`
    fetches the page first, so the count is known by then and the slice is
    answered from the rows already fetched.
    """

    def __init__(self, queryset, per_page):
        self.queryset = queryset.annotate(**{TOTAL: Window(Count("pk"))})
        self.per_page = per_page
        self.total = None
        self.fetched = {}  # first row's offset -> the rows of that page (a whole page)

    def fetch(self, bottom, top):
        rows = list(self.queryset[bottom:top])
        self.fetched[bottom] = rows
        if rows:
            self.total = getattr(rows[0], TOTAL)
        elif bottom == 0:
            self.total = 0
        return rows

    def count(self):
        if self.total is None:
            self.fetch(0, self.per_page)  # learns the total
        return self.total

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("A paginator reads pages (slices) only.")
        if index.start in self.fetched:
            # The paginator may end the last page's slice early: never late.
            return self.fetched[index.start][: index.stop - index.start]
        return self.fetch(index.start, index.stop)


class OneQueryPaginator(Paginator):
    """A paginator over `queryset` that counts in the query that fetches the page.

    Django's Paginator counts first and then fetches the page: two queries.
    Here each row of the page carries the number of all rows (`COUNT(*) OVER ()`),
    so one query answers both. A page number out of range lands on the last
    page, as `get_page` promises; only then does it take more queries.
    """

    def __init__(self, queryset, per_page):
        super().__init__(_CountedRows(queryset, per_page), per_page)

    def get_page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if 1 <= number <= MAX_FAST_PAGE:
            bottom = (number - 1) * self.per_page
            # Fetched before the paginator asks for the count, which it then knows.
            if self.object_list.fetch(bottom, bottom + self.per_page) or number == 1:
                return self.page(number)
        return super().get_page(number)
