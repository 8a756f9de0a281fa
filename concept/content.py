"""Initial Kassel content for the concept app, loaded by `manage.py load_kassel_content`.

Only facts from ../shared/seeds. The six fields of action and their German
names come from text 000 (the table "Handlungsbereich"). Other apps look the
fields up by their number. The concept's versions and the Integrationsbericht
come from supplementary-facts.md and text 003; the guiding idea from 000/001.
No field gets partners: no text names a partner for a particular field.
Loading again updates these rows in place and leaves staff additions alone.
"""

import datetime

from concept.dates import Season
from concept.models import (
    ConceptVersion,
    FieldOfAction,
    IntegrationReport,
    Measure,
    Progress,
    ReportEntry,
)


def lang(field, de, en, sl):
    return {f"{field}_de": de, f"{field}_en": en, f"{field}_sl": sl}


PUBLISHED = {"status": FieldOfAction.Status.PUBLISHED}

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


# ---------------------------------------------------------------- versions
INTRO_DE = """
<p>Das Integrationskonzept der Stadt Kassel trägt den Titel „Alle gehören dazu!“ und legt
Leitlinien und Ziele fest. Es basiert auf einem einstimmigen Beschluss der
Stadtverordnetenversammlung und wurde in einem umfassenden Entwicklungs- und
Beteiligungsprozess erarbeitet, in den Vertreterinnen und Vertreter von Institutionen, Vereinen
und Migrantenorganisationen einbezogen waren.</p>
<h2>Leitgedanke</h2>
<p>Die Stadt Kassel versteht Integration als Aufgabe der gesamten Gesellschaft. Es geht nicht nur
um die Integration von Migrantinnen und Migranten, sondern um das Zusammenwachsen aller Menschen –
ein wechselseitiger Prozess. Offenheit, Veränderungsbereitschaft und der gleichberechtigte Dialog
sind dabei wichtige Grundlagen.</p>
<h2>Gemeinsam umsetzen</h2>
<p>Partner bei der Entwicklung und Umsetzung des Konzepts sind Institutionen, Vereine, Schulen, die
freien Träger der Wohlfahrtspflege, Verbände, Religionsgemeinschaften und Migrantenorganisationen.
Die Stadtverwaltung steuert die Prozesse der Integrationsförderung mit fachlicher Unterstützung aus
den Ämtern und von den Trägern. Daneben setzt die Stadt eigene Programme zu Arbeitsmarkt,
Willkommens- und Anerkennungskultur sowie interkultureller Öffnung um.</p>
<p>Jedes Jahr bringt der Runde Tisch Integration alle Beteiligten zusammen, um über Fortschritte und
neue Projekte zu sprechen.</p>
"""

INTRO_EN = """
<p>The integration concept of the City of Kassel is called “<span lang="de">Alle gehören
dazu!</span>” (“Everyone belongs!”) and sets out guidelines and goals. It rests on a unanimous
decision of the city council (<span lang="de">Stadtverordnetenversammlung</span>) and was drawn up
in a broad process of development and participation that involved representatives of institutions,
associations and migrant organisations.</p>
<h2>Guiding idea</h2>
<p>Kassel sees integration as a task for society as a whole. It is not only about integrating
migrants but about everyone growing together – a process that works both ways. Openness, a
willingness to change and dialogue on an equal footing are its foundations.</p>
<h2>Working together</h2>
<p>The concept is developed and put into practice with institutions, associations, schools, the
independent welfare organisations, federations, religious communities and migrant organisations.
The city administration steers the work, supported by the expertise of its departments and of the
service providers. The city also runs its own programmes on the labour market, on a culture of
welcome and recognition, and on intercultural opening.</p>
<p>Every year the <span lang="de">Runder Tisch Integration</span> (round table on integration)
brings all partners together to review progress and discuss new projects.</p>
"""

INTRO_SL = """
<p>Koncept integracije mesta Kassel nosi naslov »<span lang="de">Alle gehören dazu!</span>«
(»Vsi spadamo zraven!«) in določa smernice ter cilje. Temelji na soglasni odločitvi mestne
skupščine (<span lang="de">Stadtverordnetenversammlung</span>) in je nastal v obsežnem procesu
razvoja in sodelovanja, v katerega so bili vključeni predstavniki institucij, društev in
organizacij migrantov.</p>
<h2>Vodilna misel</h2>
<p>Mesto Kassel razume integracijo kot nalogo celotne družbe. Ne gre le za vključevanje migrantk in
migrantov, temveč za to, da vsi ljudje rastemo skupaj – za vzajemen proces. Njegovi temelji so
odprtost, pripravljenost na spremembe in dialog med enakopravnimi.</p>
<h2>Skupno uresničevanje</h2>
<p>Koncept razvijajo in uresničujejo skupaj z institucijami, društvi, šolami, nevladnimi
organizacijami socialnega varstva, zvezami, verskimi skupnostmi in organizacijami migrantov. Mestna
uprava delo usmerja s strokovno podporo svojih uradov in izvajalcev. Mesto izvaja tudi lastne
programe na področjih trga dela, kulture dobrodošlice in priznavanja ter medkulturnega odpiranja.</p>
<p>Vsako leto okrogla miza o integraciji (<span lang="de">Runder Tisch Integration</span>) združi
vse partnerje, da pregledajo napredek in se pogovorijo o novih projektih.</p>
"""

REVISION_DE = """
<p>Die Stadt will neue Schwerpunkte bei der Integration von Zugewanderten setzen und Maßnahmen für
eine verbesserte Teilhabe in allen Lebensbereichen formulieren. Dazu sucht sie das Gespräch mit der
Zivilgesellschaft, den freien Trägern, der Politik und migrantischen Organisationen, damit die
neuen Ziele von einem breiten gesellschaftlichen Konsens getragen werden.</p>
<p>Die Richtung: Die Beteiligten wollen prüfen, wie sich das Integrationskonzept zu einem
Vielfalts- und Chancengleichheitskonzept weiterentwickeln lässt, das alle Menschen mit ihren
diversen Merkmalen und Lebensrealitäten in den Blick nimmt. Als Anregung diente der Vortrag von
Elis Schmeer (Stadt Ulm) über den Weg Ulms von einem klassischen Integrationskonzept zu einem
umfassenden Konzept für Chancengerechtigkeit und Vielfalt.</p>
"""

REVISION_EN = """
<p>The city wants to set new priorities for the integration of immigrants and to define measures
that improve participation in all areas of life. It is doing so in conversation with civil
society, the independent service providers, politicians and migrant organisations, so that the
new goals are backed by a broad consensus in society.</p>
<p>The direction: those involved want to examine how the integration concept can grow into a
concept of diversity and equal opportunities that looks at all people with their different
characteristics and realities of life. The inspiration was a talk by Elis Schmeer of the City of
Ulm about Ulm's path from a classic integration concept to a comprehensive concept for equal
opportunities and diversity.</p>
"""

REVISION_SL = """
<p>Mesto želi postaviti nova težišča pri vključevanju priseljencev in opredeliti ukrepe za boljše
sodelovanje na vseh področjih življenja. Pri tem se pogovarja s civilno družbo, nevladnimi
izvajalci, politiko in organizacijami migrantov, da bi nove cilje podprlo široko družbeno
soglasje.</p>
<p>Smer: udeleženci želijo preučiti, kako bi koncept integracije razvili v koncept raznolikosti in
enakih možnosti, ki upošteva vse ljudi z njihovimi različnimi značilnostmi in življenjskimi
okoliščinami. Navdih je bilo predavanje Elis Schmeer iz mesta Ulm o tem, kako je Ulm od
klasičnega koncepta integracije prešel k celovitemu konceptu enakih možnosti in raznolikosti.</p>
"""

VERSIONS = [
    {
        "code": "2012",
        "order": 1,
        "stage": ConceptVersion.Stage.SUPERSEDED,
        "official_title": "Alle gehören dazu! Kassel ist bunt und lebt Vielfalt in allen Generationen",
        **lang("official_title_meaning", "",
               "Everyone belongs! Kassel is colourful and lives diversity across all generations",
               "Vsi spadamo zraven! Kassel je pisan in živi raznolikost v vseh generacijah"),
        **lang("title", "Erstes Integrationskonzept (2012)", "First integration concept (2012)",
               "Prvi koncept integracije (2012)"),
        # The sources give "Stand Juni 2012" and "im Sommer 2012": no day is known.
        "as_of_year": 2012,
        "as_of_month": 6,
        "adopted_year": 2012,
        "adopted_season": Season.SUMMER,
        "adopted_unanimously": True,
        **lang("summary",
               "Das erste Integrationskonzept der Stadt Kassel hat die Stadtverordnetenversammlung "
               "im Sommer 2012 einstimmig beschlossen. Am 13. November 2013 fand im Rathaus Kassel "
               "der I. Runde Tisch Integrationsförderung statt.",
               "Kassel's first integration concept was adopted unanimously by the city council in "
               "the summer of 2012. The first round table on promoting integration (I. Runder Tisch "
               "Integrationsförderung) followed on 13 November 2013 in Kassel City Hall.",
               "Prvi koncept integracije mesta Kassel je mestna skupščina soglasno sprejela poleti "
               "2012. Prva okrogla miza o spodbujanju integracije (I. Runder Tisch "
               "Integrationsförderung) je bila 13. novembra 2013 v mestni hiši v Kasslu."),
        **lang("description", "", "", ""),
    },
    {
        "code": "2019",
        "order": 2,
        "stage": ConceptVersion.Stage.IN_FORCE,
        "official_title": "Alle gehören dazu!",
        **lang("official_title_meaning", "", "Everyone belongs!", "Vsi spadamo zraven!"),
        **lang("title", "Integrationskonzept 2019", "Integration concept 2019",
               "Koncept integracije 2019"),
        # "June 2019": month known, day not.
        "adopted_year": 2019,
        "adopted_month": 6,
        **lang("summary",
               "Das geltende Integrationskonzept hat die Stadtverordnetenversammlung im Juni 2019 "
               "beschlossen. Seine Ziele und Handlungsempfehlungen sind der Maßstab des "
               "Integrationsberichts.",
               "The concept in force was adopted by the city council in June 2019. Its goals and "
               "recommendations are what the integration report measures progress against.",
               "Veljavni koncept integracije je mestna skupščina sprejela junija 2019. Njegovi cilji "
               "in priporočila so merilo, po katerem poročilo o integraciji ocenjuje napredek."),
        **lang("description", INTRO_DE, INTRO_EN, INTRO_SL),
    },
    {
        "code": "fortschreibung-2025",
        "order": 3,
        "stage": ConceptVersion.Stage.IN_PREPARATION,
        "official_title": "",
        **lang("official_title_meaning", "", "", ""),
        **lang("title", "Fortschreibung des Integrationskonzepts",
               "Revision of the integration concept", "Prenova koncepta integracije"),
        "work_started_on": datetime.date(2025, 7, 3),
        **lang("summary",
               "Der Runde Tisch Integration am 3. Juli 2025 war der Auftakt zur Fortschreibung. Die "
               "140 Teilnehmenden analysierten dort den Integrationsbericht und diskutierten in "
               "Workshops entlang der Handlungsfelder ihre Erfahrungen mit der Umsetzung und "
               "Perspektiven für die nächsten Jahre. Die Fortschreibung gehört zu den Aufgaben der "
               "Integrationsbeauftragten Alena Schütz.",
               "The Runder Tisch Integration on 3 July 2025 launched the revision. Its 140 "
               "participants analysed the integration report and, in workshops on each field of "
               "action, discussed their experience of putting the concept into practice and the "
               "outlook for the coming years. The revision is one of the tasks of the Integration "
               "Officer, Alena Schütz.",
               "Okrogla miza o integraciji 3. julija 2025 je bila začetek prenove. 140 udeležencev je "
               "analiziralo poročilo o integraciji in v delavnicah po področjih delovanja razpravljalo "
               "o izkušnjah z izvajanjem in o načrtih za prihodnja leta. Prenova je ena od nalog "
               "pooblaščenke za integracijo Alene Schütz."),
        **lang("description", REVISION_DE, REVISION_EN, REVISION_SL),
    },
]  # fmt: skip


def load_versions(log):
    versions = {}
    for data in VERSIONS:
        defaults = {**PUBLISHED, **{k: v for k, v in data.items() if k != "code"}}
        versions[data["code"]], _ = ConceptVersion.objects.update_or_create(
            code=data["code"], defaults=defaults
        )
    log(f"{len(versions)} concept versions")
    return versions


# ---------------------------------------------------------------- measures
# Text 000 and the city's integration page: the city runs programmes on the labour market
# and on intercultural opening (and "will continue" them), hence "ongoing". The third area
# they name, welcome and recognition culture, fits no single field and is only told in prose.
SOURCE_CITY_PAGE = ("Integrationsseite der Stadt Kassel (kassel.de)",
                    "Integration page of the City of Kassel (kassel.de)",
                    "Stran mesta Kassel o integraciji (kassel.de)")  # fmt: skip
MEASURES = [
    (4, ("Städtische Programme zum Arbeitsmarkt", "City programmes on the labour market",
         "Mestni programi na področju trga dela")),
    (6, ("Interkulturelle Öffnung der Stadtverwaltung",
         "Intercultural opening of the city administration",
         "Medkulturno odpiranje mestne uprave")),
]  # fmt: skip


def load_measures(log):
    for order, (number, titles) in enumerate(MEASURES, start=1):
        Measure.objects.update_or_create(
            field=FieldOfAction.objects.get(number=number),
            title_de=titles[0],
            defaults={
                **lang("title", *titles),
                **lang("status_source", *SOURCE_CITY_PAGE),
                "progress": Progress.ONGOING,
                "order": order,
            },
        )
    log(f"{len(MEASURES)} measures")


# ---------------------------------------------------------------- integration report
REPORT_SUMMARY = (
    "<p>Für die Jahre 2023 und 2024 gibt es erstmals einen schriftlichen Integrationsbericht, "
    "zusätzlich zum jährlichen Runden Tisch. Er dokumentiert systematisch, wie weit die Ziele und "
    "Handlungsempfehlungen des Integrationskonzepts von 2019 umgesetzt sind: was sich seit 2019 in "
    "den sechs Handlungsfeldern verändert hat, welche Ziele erreicht und welche Maßnahmen umgesetzt "
    "wurden – zum Beispiel beim Stadtteilleben, beim Zugang zu Sprachförderung und Bildung, bei der "
    "Teilhabe am Arbeitsmarkt und bei der interkulturellen Öffnung der Stadtverwaltung.</p>",
    "<p>For 2023 and 2024 the city has, for the first time, produced a written integration report "
    "in addition to the annual round table. It documents systematically how far the goals and "
    "recommendations of the 2019 concept have been implemented: what has changed in the six fields "
    "of action since 2019, which goals have been reached and which measures carried out – for "
    "example in neighbourhood life, access to language support and education, participation in the "
    "labour market and the intercultural opening of the city administration.</p>",
    "<p>Za leti 2023 in 2024 je mesto prvič pripravilo pisno poročilo o integraciji, poleg vsakoletne "
    "okrogle mize. Sistematično dokumentira, koliko so uresničeni cilji in priporočila koncepta iz "
    "leta 2019: kaj se je od leta 2019 spremenilo na šestih področjih delovanja, kateri cilji so "
    "doseženi in kateri ukrepi izvedeni – na primer pri življenju v soseskah, dostopu do jezikovne "
    "podpore in izobraževanja, vključevanju na trg dela ter medkulturnem odpiranju mestne uprave.</p>",
)

# Text 003 (the Mayor on the report). field = number of the field of action, None = no
# field. Labour market, health care, intercultural opening and qualification measures
# belong obviously to fields 4, 3, 6 and 4. Two are judgement calls:
# - participation of migrants in social life -> 5 "Wohnen und Leben im Stadtteil": social
#   life takes place where people live, and the report itself names "Stadtteilleben"
#   (neighbourhood life) as an area of change; field 2 is the narrower cultural and
#   interreligious dialogue.
# - expanding child care -> 1 "Bildung und Sprachförderung": in Germany day care (Kita) is
#   early childhood education and the first place of language support.
REPORT_ENTRIES = [
    (ReportEntry.Kind.PROGRESS, 4, ("Zugang zum Arbeitsmarkt", "Access to the labour market",
                                    "Dostop do trga dela")),
    (ReportEntry.Kind.PROGRESS, 5, ("Teilhabe von Migrantinnen und Migranten am gesellschaftlichen Leben",
                                    "Participation of migrants in social life",
                                    "Sodelovanje migrantk in migrantov v družbenem življenju")),
    (ReportEntry.Kind.PROGRESS, 3, ("Gesundheitsversorgung", "Health care", "Zdravstvena oskrba")),
    (ReportEntry.Kind.OPEN_TASK, 1, ("Ausbau der Kinderbetreuung", "Expanding child care",
                                     "Širitev otroškega varstva")),
    (ReportEntry.Kind.OPEN_TASK, 6, ("Weitere Maßnahmen zur interkulturellen Öffnung der Verwaltung",
                                     "Further measures for the intercultural opening of the administration",
                                     "Nadaljnji ukrepi za medkulturno odpiranje uprave")),
    (ReportEntry.Kind.OPEN_TASK, 4, ("Bessere Verzahnung von Qualifikationsmaßnahmen für Zugewanderte",
                                     "Better coordination of qualification measures for immigrants",
                                     "Boljša povezanost ukrepov za usposabljanje priseljencev")),
]  # fmt: skip


def load_report(log, versions):
    report, _ = IntegrationReport.objects.update_or_create(
        first_year=2023,
        last_year=2024,
        defaults={
            **PUBLISHED,
            **lang("title", "Integrationsbericht 2023/2024", "Integration report 2023–2024",
                   "Poročilo o integraciji 2023–2024"),
            **lang("author", "Ämterübergreifende Arbeitsgruppe Integration der Stadt Kassel",
                   "The city's cross-departmental working group on integration "
                   "(ämterübergreifende Arbeitsgruppe Integration)",
                   "Delovna skupina mestnih uradov za integracijo "
                   "(ämterübergreifende Arbeitsgruppe Integration)"),
            **lang("discussed_at", "Runder Tisch Integration",
                   "Runder Tisch Integration (round table on integration)",
                   "okrogla miza o integraciji (Runder Tisch Integration)"),
            "discussed_on": datetime.date(2025, 7, 3),
            "concept_version": versions["2019"],
            **lang("summary", *REPORT_SUMMARY),
        },
    )  # fmt: skip
    fields = {field.number: field for field in FieldOfAction.objects.all()}
    for order, (kind, number, texts) in enumerate(REPORT_ENTRIES, start=1):
        ReportEntry.objects.update_or_create(
            report=report,
            kind=kind,
            text_de=texts[0],
            defaults={"field": fields.get(number), "order": order, **lang("text", *texts)},
        )
    log(f"1 integration report with {len(REPORT_ENTRIES)} entries")


def load(log):
    load_fields(log)
    versions = load_versions(log)
    load_measures(log)
    load_report(log, versions)
