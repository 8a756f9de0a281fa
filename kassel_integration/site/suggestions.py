"""What a search that found nothing offers instead: the apps' suggestions.

Each app contributes a SearchSuggestion (the fields of action, the next
events); `items()` fills the variable `name` of search.html.
"""

from collections.abc import Callable
from dataclasses import dataclass

from kassel_integration.contributions import contributed


@dataclass(frozen=True)
class SearchSuggestion:
    name: str
    items: Callable[[], list]


def search_suggestions() -> dict[str, list]:
    return {suggestion.name: suggestion.items() for suggestion in contributed(SearchSuggestion)}
