"""How text becomes search terms: the one analyser for indexing, queries and highlighting.

Every word is reduced to one or more *terms* in Python, the same way on
SQLite and PostgreSQL: the databases only store the terms and match them
(PostgreSQL with the `simple` configuration, SQLite's FTS5 with `unicode61`),
so both find exactly the same things. For each word:

1. Unicode NFC and lower case.
2. Umlauts: German stemming writes ä/ae, ö/oe, ü/ue as a/o/u itself (Snowball's
   German algorithm), so "Schütz", "Schuetz" and "Schutz" give one term. In
   the other languages a word with an umlaut gives two terms, one with the plain
   vowel and one with its transliteration, so German names typed either way
   are found on English and Slovenian pages too.
3. The language's stemmer: Snowball (the `snowballstemmer` package) where
   Snowball has an algorithm for the language, for Slovenian the light
   stemmer in `kassel_integration.search.slovene`, otherwise none.
4. Accents are removed (č → c, é → e), so Slovenian typed without its
   accents still matches.

A query term matches every indexed term that *starts with* it (for terms of
three letters or more, numbers excepted): with stems this finds compounds ("Sprache" → sprach*
finds Sprachförderung, "Arbeit" finds Arbeitsmarkt) and derived forms
("integracija" → integracij* finds integracijski). See docs/search.md.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import snowballstemmer

from kassel_integration.search import slovene

# Letters and digits, with the combining marks written after them (a + ◌́, Arabic
# vowel signs); everything else separates words.
MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0903\u093a-\u094f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
WORD = re.compile(rf"[^\W_](?:[^\W_]|[{MARKS}])*")
MAX_TERM_LENGTH = 60
# Shorter query terms match whole terms only: "am" must not find every word starting so.
MIN_PREFIX_LENGTH = 3

UMLAUTS = {"ä": ("a", "ae"), "ö": ("o", "oe"), "ü": ("u", "ue")}

# Languages (ISO 639-1) for which Snowball has an algorithm. A language added to
# LANGUAGES that is in this table is stemmed at once; any other one is still
# folded and matched by prefix.
SNOWBALL = {
    "ar": "arabic",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fa": "persian",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "nl": "dutch",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
# Stemmers of our own, for languages Snowball does not cover.
OWN_STEMMERS = {"sl": slovene.stem}
# Snowball's German algorithm reads ae/oe/ue as umlauts itself.
HANDLES_TRANSLITERATION = {"de"}


def _base_language(language):
    return (language or "").split("-")[0].lower()


@cache
def stemmer(language):
    """The function that stems one lower-case word of `language`, or None."""
    code = _base_language(language)
    if code in OWN_STEMMERS:
        return OWN_STEMMERS[code]
    if code in SNOWBALL:
        return snowballstemmer.stemmer(SNOWBALL[code]).stemWord
    return None


def strip_accents(text: str) -> str:
    """č → c, é → e; letters and digits only (ﬁ → fi, ½ → 12)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum())


def _spellings(word, language):
    """The word as written, and for a word with umlauts outside German its transliteration."""
    if _base_language(language) in HANDLES_TRANSLITERATION or not any(c in UMLAUTS for c in word):
        return (word,)
    plain = "".join(UMLAUTS[c][0] if c in UMLAUTS else c for c in word)
    written_out = "".join(UMLAUTS[c][1] if c in UMLAUTS else c for c in word)
    return (plain, written_out)


def _lowered(word):
    return unicodedata.normalize("NFC", word).lower().replace("ß", "ss")


def folded(word: str) -> str:
    """A word as the vocabulary keeps it: lower case, without accents, not stemmed."""
    return strip_accents(_lowered(word))[:MAX_TERM_LENGTH]


@lru_cache(maxsize=65536)
def terms_of_word(word: str, language: str) -> tuple[str, ...]:
    """The terms one word is indexed and searched under (usually one)."""
    lowered = _lowered(word)
    stem = stemmer(language)
    terms = []
    for spelling in _spellings(lowered, language):
        stemmed = stem(spelling) if stem else spelling
        term = strip_accents(stemmed)[:MAX_TERM_LENGTH]
        if term and term not in terms:
            terms.append(term)
    return tuple(terms)


def words(text: str):
    """(start, end, word) for each word of `text`."""
    for match in WORD.finditer(text or ""):
        yield match.start(), match.end(), match.group()


def terms_of_text(text: str, language: str) -> str:
    """The text as the space-separated terms the database indexes."""
    return " ".join(term for _s, _e, word in words(text) for term in terms_of_word(word, language))


def vocabulary(text: str):
    """{folded word: the word as written} of a text, for "Did you mean"."""
    found = {}
    for _s, _e, word in words(text):
        found.setdefault(folded(word), word)
    return found


@dataclass(frozen=True)
class QueryTerm:
    """One word of a query and the terms it is searched under."""

    word: str
    terms: tuple[str, ...]

    @property
    def folded(self):
        return folded(self.word)

    def matches(self, term: str) -> bool:
        """Does an indexed term match this word of the query (the rule the databases apply)?"""
        return any(term.startswith(own) if is_prefix(own) else term == own for own in self.terms)


def is_prefix(term: str) -> bool:
    """Is a query term matched as the start of longer terms? Not short ones, nor numbers."""
    return len(term) >= MIN_PREFIX_LENGTH and not term.isdigit()


def query_terms(query: str, language: str, limit: int) -> list[QueryTerm]:
    """The distinct words of a query (at most `limit`), each with its terms."""
    found, seen = [], set()
    for _s, _e, word in words(query):
        terms = terms_of_word(word, language)
        if terms and terms not in seen:
            seen.add(terms)
            found.append(QueryTerm(word, terms))
    return found[:limit]


def trigrams(word: str) -> set[str]:
    """The trigrams of a word as PostgreSQL's pg_trgm counts them (two blanks before, one after)."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams of both words."""
    if not a or not b:
        return 0.0
    first, second = trigrams(a), trigrams(b)
    shared = len(first & second)
    return shared / (len(first) + len(second) - shared)


def edit_distance(a: str, b: str) -> int:
    """Letters to insert, delete, replace or swap with a neighbour to turn `a` into `b`.

    The optimal string alignment distance: a swap ("langauge") counts as one typo.
    """
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]
