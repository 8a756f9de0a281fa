"""Initial Kassel content for the officers app, loaded by `manage.py load_kassel_content`.

Only facts from ../shared/seeds (the five texts and supplementary-facts.md).
People and organisations are shared: the events and concept apps look them up
by these slugs.
"""

import datetime

from officers.models import Office, OfficeQuote, Organisation, Person, Quote, Task, Term


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
     # In Kassel the Bürgermeisterin is the deputy of the Oberbürgermeister, not the mayor.
     ("Bürgermeisterin der Stadt Kassel", "Bürgermeisterin (deputy mayor) of the City of Kassel",
      "podžupanja (Bürgermeisterin) mesta Kassel")),
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


BIOGRAPHIES = {
    # Text 000: her background as the appointment text presents it.
    "alena-schuetz": (
        "<p>Alena Schütz kam als Kind aus Kasachstan nach Deutschland. Ihre eigene Geschichte "
        "als Zugewanderte motiviert sie besonders, Sprachbarrieren abzubauen und Hindernisse im "
        "Alltag von Zugewanderten zu verringern.</p>",
        "<p>Alena Schütz came to Germany from Kazakhstan as a child. Her own story as an "
        "immigrant is what particularly drives her to break down language barriers and to reduce "
        "the obstacles immigrants face in everyday life.</p>",
        "<p>Alena Schütz je v Nemčijo prišla kot otrok iz Kazahstana. Njena lastna izkušnja "
        "priseljenke jo še posebej spodbuja, da odpravlja jezikovne ovire in zmanjšuje ovire, s "
        "katerimi se priseljenci srečujejo v vsakdanjem življenju.</p>",
    ),
}

OFFICE_KEY = "integrationsbeauftragte"

OFFICE = {
    "title": (
        "Integrationsbeauftragte der Stadt Kassel",
        "Integration Officer of the City of Kassel",
        "Pooblaščenka za integracijo mesta Kassel",
    ),
    # Text 001.
    "lead": (
        "Rund ein Drittel der in Kassel lebenden Menschen hat eine Migrationsgeschichte. Die "
        "Integrationsbeauftragte der Stadt vertritt die Interessen dieser Menschen.",
        "About one third of the people living in Kassel have a history of migration. The city's "
        "Integration Officer represents their interests.",
        "Približno tretjina prebivalcev Kassla ima migrantsko ozadje. Mestna pooblaščenka za "
        "integracijo zastopa njihove interese.",
    ),
    # Texts 001 and 000.
    "description": (
        "<p>In Kassel ist Migration seit langem gelebte Realität. Die Stadt versteht Integration "
        "als Aufgabe der gesamten Gesellschaft: Es geht nicht nur um die Integration von "
        "Migrantinnen und Migranten, sondern um das Zusammenwachsen aller Menschen. Offenheit, "
        "Veränderungsbereitschaft und der gleichberechtigte Dialog sind dabei wichtige "
        "Grundlagen.</p>"
        "<p>Die Integrationsbeauftragte begleitet die gesellschaftlichen Veränderungsprozesse "
        "und unterstützt die interkulturelle Öffnung der Stadtverwaltung. Sie ist das Bindeglied "
        "zwischen Stadtverwaltung, Institutionen, Initiativen und der Stadtgesellschaft.</p>",
        "<p>Migration has long been part of everyday life in Kassel. The city sees integration "
        "as a task for society as a whole: it is not only about integrating migrants but about "
        "everyone growing together. Openness, a willingness to change and dialogue on equal "
        "terms are its foundations.</p>"
        "<p>The Integration Officer accompanies the changes in society and supports the "
        "intercultural opening of the city administration. She is the link between the city "
        "administration, institutions, initiatives and the people of Kassel.</p>",
        "<p>Migracije so v Kasslu že dolgo del vsakdanjega življenja. Mesto razume integracijo "
        "kot nalogo celotne družbe: ne gre le za integracijo migrantk in migrantov, temveč za "
        "zbliževanje vseh ljudi. Temelji za to so odprtost, pripravljenost na spremembe in "
        "enakopraven dialog.</p>"
        "<p>Pooblaščenka za integracijo spremlja spremembe v družbi in podpira medkulturno "
        "odpiranje mestne uprave. Je vez med mestno upravo, ustanovami, pobudami in prebivalci "
        "mesta.</p>",
    ),
}

TASKS = [
    # key, title (de, en, sl), explanation (de, en, sl). The first three from text 001,
    # the last two from text 000 (the appointment), with the revision's start from text 003.
    ("interkulturelle-orientierung",
     ("Förderung der interkulturellen Orientierung", "Promoting intercultural orientation",
      "Spodbujanje medkulturne usmerjenosti"),
     ("<p>Sie wirkt an stadtweiten Netzwerken und Arbeitskreisen mit, etwa am Arbeitskreis "
      "Integration, in Stadtteilgremien oder im Bündnis für Familie.</p>",
      "<p>She takes part in city-wide networks and working groups, such as the Arbeitskreis "
      "Integration (integration working group), neighbourhood committees (Stadtteilgremien) and "
      "the Bündnis für Familie (alliance for families).</p>",
      "<p>Sodeluje v mestnih mrežah in delovnih skupinah, kot so Arbeitskreis Integration "
      "(delovna skupina za integracijo), četrtni odbori (Stadtteilgremien) in Bündnis für "
      "Familie (zavezništvo za družine).</p>")),
    ("migrantenorganisationen",
     ("Unterstützung von Migrantenorganisationen", "Supporting migrant organisations",
      "Podpora migrantskim organizacijam"),
     ("<p>Sie stärkt die Partizipation von Vereinen und Initiativen und hilft bei der Akquise "
      "von Fördermitteln, bei Projekten und bei der Vernetzung.</p>",
      "<p>She strengthens the participation of associations and initiatives and helps them to "
      "obtain funding, to set up projects and to build networks.</p>",
      "<p>Krepi sodelovanje društev in pobud ter jim pomaga pri pridobivanju sredstev, pri "
      "projektih in pri povezovanju.</p>")),
    ("migrationsspezifische-impulse",
     ("Migrationsspezifische Impulse", "New impetus on migration",
      "Spodbude na področju migracij"),
     ("<p>Mit eigenen Veranstaltungen wie der Interkulturellen Woche setzt sie Zeichen für "
      "Vielfalt und Zusammenhalt.</p>",
      "<p>With her own events, such as the Interkulturelle Woche (Intercultural Week), she "
      "makes a visible case for diversity and cohesion.</p>",
      "<p>Z lastnimi prireditvami, kot je Interkulturelle Woche (medkulturni teden), postavlja "
      "vidna znamenja za raznolikost in povezanost.</p>")),
    ("fortschreibung-integrationskonzept",
     ("Fortschreibung des Integrationskonzepts", "Updating the integration concept",
      "Posodabljanje koncepta integracije"),
     ("<p>Sie schreibt das städtische Integrationskonzept fort. Der Runde Tisch Integration am "
      "3. Juli 2025 war der Auftakt zur Neuformulierung des Konzepts.</p>",
      "<p>She is updating the city's integration concept. The Runder Tisch Integration (round "
      "table on integration) on 3 July 2025 marked the start of its revision.</p>",
      "<p>Posodablja mestni koncept integracije. Okrogla miza o integraciji (Runder Tisch "
      "Integration) 3. julija 2025 je bila začetek njegove prenove.</p>")),
    ("interkulturelle-oeffnung-verwaltung",
     ("Interkulturelle Öffnung der Verwaltung",
      "Intercultural opening of the administration",
      "Medkulturno odpiranje uprave"),
     ("<p>Sie fördert die interkulturelle Öffnung der Stadtverwaltung. Unter ihrer Leitung "
      "setzt die Stadt weiterhin Programme in den Bereichen Arbeitsmarkt, Willkommens- und "
      "Anerkennungskultur sowie interkulturelle Öffnung um.</p>",
      "<p>She promotes the intercultural opening of the city administration. Under her "
      "leadership the city continues its programmes on the labour market, on a culture of "
      "welcome and recognition, and on intercultural opening.</p>",
      "<p>Spodbuja medkulturno odpiranje mestne uprave. Pod njenim vodstvom mesto nadaljuje "
      "programe na področjih trga dela, kulture dobrodošlice in priznavanja ter medkulturnega "
      "odpiranja.</p>")),
]  # fmt: skip

TERMS = [
    # person slug, started on, has ended, ended on, previous position, next position, dates note
    # No source says when Teslihan Ayalp's term began or exactly when it ended: text 000 and
    # the supplementary facts give what is known.
    ("teslihan-ayalp", None, True, None,
     ("", "", ""),
     ("Seit Juni 2024 Leiterin des Amtes für Chancengleichheit",
      "Head of the Amt für Chancengleichheit (Office for Equal Opportunities) since June 2024",
      "Od junija 2024 vodja urada Amt für Chancengleichheit (Urad za enake možnosti)"),
     ("Im Juli 2024 wurde sie noch als Integrationsbeauftragte der Stadt genannt. Am 14. Januar "
      "2025 trat Alena Schütz ihre Nachfolge an.",
      "In July 2024 she was still referred to as the city's Integration Officer. Alena Schütz "
      "succeeded her on 14 January 2025.",
      "Julija 2024 je bila še navedena kot mestna pooblaščenka za integracijo. 14. januarja 2025 "
      "jo je nasledila Alena Schütz.")),
    ("alena-schuetz", datetime.date(2025, 1, 14), False, None,
     ("Referentin für Zuwanderung und Integration in Wiesbaden",
      "Officer for immigration and integration (Referentin für Zuwanderung und Integration) in "
      "Wiesbaden",
      "Referentka za priseljevanje in integracijo v Wiesbadnu"),
     ("", "", ""),
     ("", "", "")),
]  # fmt: skip

APPOINTMENT_TEXT = (
    "Pressetext zum Amtsantritt von Alena Schütz",
    "Press text on Alena Schütz taking office",
    "Besedilo za medije ob nastopu funkcije Alene Schütz",
)

QUOTES = [
    # key, kind, speaker slug, said on, source (de, en, sl), text (de, en, sl)
    # Text 000 reports her statement in indirect speech: shipped as reported speech, in the
    # press text's own words, never as her verbatim quote.
    ("schuetz-herkunft-teilhabe", Quote.Kind.REPORTED, "alena-schuetz",
     datetime.date(2025, 1, 14), APPOINTMENT_TEXT,
     ("Schütz betont die Wichtigkeit, dass Herkunft bei der Teilhabe keine Rolle spielen darf.",
      "Schütz stresses that where people come from must play no role in whether they can take "
      "part in society.",
      "Alena Schütz poudarja, kako pomembno je, da izvor pri sodelovanju v družbi ne sme igrati "
      "nobene vloge.")),
    # Text 003: verbatim.
    ("schuetz-runder-tisch-2025-auftakt", Quote.Kind.VERBATIM, "alena-schuetz", None,
     ("Bericht über den Runden Tisch Integration am 3. Juli 2025",
      "Report on the Runder Tisch Integration of 3 July 2025",
      "Poročilo o okrogli mizi o integraciji (Runder Tisch Integration) 3. julija 2025"),
     ("Der diesjährige Runde Tisch Integration dient als Auftakt zur Neuformulierung eines "
      "Konzeptes, mit dem wir als Stadt Kassel neue Schwerpunkte bei der Integration von "
      "Zugewanderten definieren und Maßnahmen für eine verbesserte Teilhabe in allen "
      "Lebensbereichen formulieren wollen.",
      "This year's Runder Tisch Integration is the starting point for drafting a new concept, "
      "with which we as the City of Kassel want to set new priorities for the integration of "
      "immigrants and define measures for better participation in all areas of life.",
      "Letošnja okrogla miza o integraciji je izhodišče za oblikovanje novega koncepta, s "
      "katerim želimo v mestu Kassel določiti nove poudarke pri integraciji priseljencev in "
      "oblikovati ukrepe za boljše sodelovanje na vseh področjih življenja.")),
    # Text 000, indirect speech again.
    ("maisch-ueber-schuetz", Quote.Kind.REPORTED, "nicole-maisch",
     datetime.date(2025, 1, 14), APPOINTMENT_TEXT,
     ("Die Bürgermeisterin von Kassel, Nicole Maisch, beschreibt Schütz als erfahrene "
      "Fachkraft, die mit ihrem Wissen und ihrer Lebensgeschichte wertvolle Impulse für die "
      "Integrationsarbeit in der Stadt setzen kann.",
      "Nicole Maisch, Kassel's Bürgermeisterin, describes Schütz as an experienced "
      "professional whose knowledge and life story can give valuable impetus to integration "
      "work in the city.",
      "Nicole Maisch, podžupanja (Bürgermeisterin) mesta Kassel, opisuje Aleno Schütz kot izkušeno "
      "strokovnjakinjo, ki lahko s svojim znanjem in življenjsko zgodbo da dragocene spodbude "
      "integracijskemu delu v mestu.")),
]  # fmt: skip


def load_office(log):
    office, _ = Office.objects.update_or_create(
        key=OFFICE_KEY,
        defaults={
            "organisation": Organisation.objects.get(slug="amt-fuer-chancengleichheit"),
            "status": Office.Status.PUBLISHED,
            **{k: v for field, texts in OFFICE.items() for k, v in lang(field, *texts).items()},
        },
    )
    for order, (key, title, explanation) in enumerate(TASKS, start=1):
        Task.objects.update_or_create(
            office=office,
            key=key,
            defaults={"order": order, **lang("title", *title), **lang("explanation", *explanation)},
        )
    log(f"{len(TASKS)} tasks")
    for slug, started_on, has_ended, ended_on, previous, following, note in TERMS:
        texts = {
            **lang("previous_position", *previous),
            **lang("next_position", *following),
            **lang("dates_note", *note),
        }
        Term.objects.update_or_create(
            office=office,
            person=Person.objects.get(slug=slug),
            defaults=texts,
            # Dates and whether a term has ended are staff's to complete or change later:
            # a reload must neither erase a date found since nor make a finished term current.
            create_defaults={
                "started_on": started_on,
                "has_ended": has_ended,
                "ended_on": ended_on,
                **texts,
            },
        )
    log(f"{len(TERMS)} terms of office")
    for order, (key, kind, speaker, said_on, source, text) in enumerate(QUOTES, start=1):
        quote, _ = Quote.objects.update_or_create(
            key=key,
            defaults={
                "kind": kind,
                "speaker": Person.objects.get(slug=speaker),
                "said_on": said_on,
                "original_language": "de",
                **lang("source", *source),
                **lang("text", *text),
            },
        )
        OfficeQuote.objects.update_or_create(office=office, quote=quote, defaults={"order": order})
    log(f"{len(QUOTES)} quotes")
    return office


def load_biographies(log):
    for slug, texts in BIOGRAPHIES.items():
        person = Person.objects.get(slug=slug)
        for field, value in lang("biography", *texts).items():
            setattr(person, field, value)
        person.save()
    log(f"{len(BIOGRAPHIES)} biographies")


def load(log):
    load_people_and_organisations(log)
    load_biographies(log)
    load_office(log)
