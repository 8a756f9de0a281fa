"""Initial Kassel content for the concept app, loaded by `manage.py load_kassel_content`.

Only facts from ../shared/seeds. The six fields of action and their German
names come from text 000 (the table "Handlungsbereich"). Other apps look the
fields up by their number.
"""

from concept.models import FieldOfAction

FIELDS = [
    # number, (title de, en, sl), (slug de, en, sl)
    (1, ("Bildung und Sprachförderung", "Education and language support",
         "Izobraževanje in jezikovna podpora"),
        ("bildung-und-sprachfoerderung", "education-and-language-support",
         "izobrazevanje-in-jezikovna-podpora")),
    (2, ("Kultur/Interkultur und interreligiöser Dialog",
         "Culture, intercultural exchange and interreligious dialogue",
         "Kultura, medkulturnost in medverski dialog"),
        ("kultur-interkultur-und-interreligioeser-dialog",
         "culture-intercultural-exchange-and-interreligious-dialogue",
         "kultura-medkulturnost-in-medverski-dialog")),
    (3, ("Sport und Gesundheit", "Sport and health", "Šport in zdravje"),
        ("sport-und-gesundheit", "sport-and-health", "sport-in-zdravje")),
    (4, ("Teilhabe am Arbeitsmarkt", "Participation in the labour market",
         "Vključevanje na trg dela"),
        ("teilhabe-am-arbeitsmarkt", "participation-in-the-labour-market",
         "vkljucevanje-na-trg-dela")),
    (5, ("Wohnen und Leben im Stadtteil", "Housing and neighbourhood life",
         "Stanovanje in življenje v soseski"),
        ("wohnen-und-leben-im-stadtteil", "housing-and-neighbourhood-life",
         "stanovanje-in-zivljenje-v-soseski")),
    (6, ("Kommunale Verwaltung – Integration als Querschnittsaufgabe",
         "Municipal administration – integration as a cross-cutting task",
         "Občinska uprava – integracija kot presečna naloga"),
        ("kommunale-verwaltung-integration-als-querschnittsaufgabe",
         "municipal-administration-integration-as-a-cross-cutting-task",
         "obcinska-uprava-integracija-kot-presecna-naloga")),
]  # fmt: skip


def load_fields(log):
    for number, titles, slugs in FIELDS:
        FieldOfAction.objects.update_or_create(
            number=number,
            defaults={
                "status": FieldOfAction.Status.PUBLISHED,
                **{
                    f"title_{code}": text
                    for code, text in zip(("de", "en", "sl"), titles, strict=True)
                },
                **{
                    f"slug_{code}": text
                    for code, text in zip(("de", "en", "sl"), slugs, strict=True)
                },
            },
        )
    log(f"{len(FIELDS)} fields of action")


def load(log):
    load_fields(log)
