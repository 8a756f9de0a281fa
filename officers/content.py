"""Initial Kassel content for the officers app, loaded by `manage.py load_kassel_content`.

Only facts from ../shared/seeds (the five texts and supplementary-facts.md).
People and organisations are shared: the events and concept apps look them up
by these slugs.
"""

from officers.models import Organisation, Person


def lang(field, de, en, sl):
    return {f"{field}_de": de, f"{field}_en": en, f"{field}_sl": sl}


ORGANISATIONS = [
    # slug, kind, parent slug, names (de, en, sl)
    ("stadt-kassel", Organisation.Kind.CITY, None,
     ("Stadt Kassel", "City of Kassel", "Mesto Kassel")),
    ("amt-fuer-chancengleichheit", Organisation.Kind.CITY, "stadt-kassel",
     ("Amt für Chancengleichheit", "Office for Equal Opportunities (Amt für Chancengleichheit)",
      "Urad za enake možnosti (Amt für Chancengleichheit)")),
    ("caritasverband-nordhessen-kassel", Organisation.Kind.WELFARE, None,
     ("Caritasverband Nordhessen-Kassel", "Caritasverband Nordhessen-Kassel",
      "Caritasverband Nordhessen-Kassel")),
    ("diakonisches-werk-region-kassel", Organisation.Kind.WELFARE, None,
     ("Diakonisches Werk Region Kassel", "Diakonisches Werk Region Kassel",
      "Diakonisches Werk Region Kassel")),
    ("internationaler-bund", Organisation.Kind.WELFARE, None,
     ("Internationaler Bund", "Internationaler Bund", "Internationaler Bund")),
    ("kulturzentrum-schlachthof", Organisation.Kind.ASSOCIATION, None,
     ("Kulturzentrum Schlachthof", "Kulturzentrum Schlachthof (cultural centre)",
      "Kulturzentrum Schlachthof (kulturni center)")),
    ("stadt-ulm", Organisation.Kind.PUBLIC_BODY, None,
     ("Stadt Ulm", "City of Ulm", "Mesto Ulm")),
]  # fmt: skip

PEOPLE = [
    # slug, prefix, given, family, organisation slug, works for city, role (de, en, sl)
    ("alena-schuetz", "", "Alena", "Schütz", "amt-fuer-chancengleichheit", True,
     ("Integrationsbeauftragte der Stadt Kassel", "Integration Officer of the City of Kassel",
      "pooblaščenka za integracijo mesta Kassel")),
    ("teslihan-ayalp", "", "Teslihan", "Ayalp", "amt-fuer-chancengleichheit", True,
     ("Leiterin des Amtes für Chancengleichheit", "Head of the Amt für Chancengleichheit",
      "vodja Urada za enake možnosti")),
    ("nicole-maisch", "", "Nicole", "Maisch", "stadt-kassel", True,
     ("Bürgermeisterin der Stadt Kassel", "Mayor of Kassel (Bürgermeisterin)",
      "županja mesta Kassel (Bürgermeisterin)")),
    ("norbert-wett", "Dr.", "Norbert", "Wett", "stadt-kassel", True,
     ("Sozialdezernent der Stadt Kassel", "Head of Social Affairs of the City of Kassel (Sozialdezernent)",
      "mestni svetnik za socialne zadeve (Sozialdezernent)")),
    ("claire-deery", "", "Claire", "Deery", None, False,
     ("Rechtsanwältin, spezialisiert auf Migrationsrecht", "Lawyer specialising in migration law",
      "odvetnica, specializirana za migracijsko pravo")),
    ("elis-schmeer", "", "Elis", "Schmeer", "stadt-ulm", False,
     ("Stadt Ulm", "City of Ulm", "Mesto Ulm")),
]  # fmt: skip


def load_people_and_organisations(log):
    organisations = {}
    for slug, kind, parent, names in ORGANISATIONS:
        organisations[slug], _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={"kind": kind, "parent": organisations.get(parent), **lang("name", *names)},
        )
    log(f"{len(organisations)} organisations")
    for slug, prefix, given, family, organisation, city, role in PEOPLE:
        Person.objects.update_or_create(
            slug=slug,
            defaults={
                "honorific_prefix": prefix,
                "given_name": given,
                "family_name": family,
                "organisation": organisations.get(organisation),
                "works_for_city": city,
                **lang("role", *role),
            },
        )
    log(f"{len(PEOPLE)} people")


def load(log):
    load_people_and_organisations(log)
