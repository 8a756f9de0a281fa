"""A light stemmer for Slovenian: inflectional endings of nouns and adjectives only.

PostgreSQL and Snowball have no Slovenian stemmer. This one follows the
light-stemming approach of Dolamic and Savoy for Czech ("Indexing and
stemming approaches for the Czech language", Information Processing &
Management 45, 2009; the basis of Lucene's CzechStemmer): remove only the
case endings of nouns and adjectives, longest first, and never leave a stem
shorter than three letters. Derivational suffixes and verbs are left alone;
the search's prefix matching covers derived forms ("integracij" finds
"integracijski").

The endings are those of the Slovenian declensions (miza, mize, mizi, mizo,
mizah, mizami; program, programa, programu, programom, programov, programih;
nov, nova, novega, novemu, novim, novih, novimi). Three are left out on
purpose because they also end common stems: -am (program, islam), -em
(problem, sistem) and -ama (programa would lose "am"). The price is that a
few rare forms (dual, dative plural) keep their ending; prefix matching
still finds them from the base form.

The word arrives in lower case, accents still on: the endings have none.
"""

ENDINGS = ("ega", "emu", "ami", "imi", "ih", "im", "om", "ov", "ah", "a", "e", "i", "o", "u")
MIN_STEM = 3


def stem(word: str) -> str:
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word
