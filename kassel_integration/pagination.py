from django.core.paginator import Paginator
from django.db.models import Count, Window

TOTAL = "paginator_total"
# Beyond this the offset could overflow the database's integer: such pages go the usual way.
MAX_FAST_PAGE = 10**6


class OneQueryPaginator(Paginator):
    """Counts the objects in the query that fetches the page (COUNT(*) OVER ()).

    Django's Paginator counts first and then fetches the page: two queries. A
    page number that is out of range still takes that usual way, to land on the
    last page as `get_page` promises.
    """

    def __init__(self, queryset, per_page):
        super().__init__(queryset.annotate(**{TOTAL: Window(Count("pk"))}), per_page)

    def get_page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if 1 <= number <= MAX_FAST_PAGE:
            bottom = (number - 1) * self.per_page
            objects = list(self.object_list[bottom : bottom + self.per_page])
            if objects or number == 1:
                self.__dict__["count"] = getattr(objects[0], TOTAL) if objects else 0
                return self._get_page(objects, number, self)
        return super().get_page(number)
