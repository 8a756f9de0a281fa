"""Initial Kassel content for the events app, loaded by `manage.py load_kassel_content`.

Only facts from ../shared/seeds: text 004 and supplementary-facts.md (Runder
Tisch of 11 July 2024), text 003 (Runder Tisch of 3 July 2025), texts 000/001
(Interkulturelle Woche). What the texts do not say stays empty: the 2025 time
and venue, the Rathaus address, the accessibility of the Bürgersaal.
"""

import datetime
from zoneinfo import ZoneInfo

from concept.models import FieldOfAction
from events.models import Event, EventQuote, EventSeries, Language, ProgrammeItem, Venue
from kassel_integration.content.richtext import RichTextField, sanitize
from officers.models import Organisation, Person, Quote

BERLIN = ZoneInfo("Europe/Berlin")


def lang(field, de, en, sl):
    return {f"{field}_de": de, f"{field}_en": en, f"{field}_sl": sl}


def langs(**fields):
    values = {}
    for field, texts in fields.items():
        values.update(lang(field, *texts))
    return values


LANGUAGES = [("de", ("Deutsch", "German", "nemščina"))]

VENUE = {
    # The texts name the hall and the town hall, not its street address.
    **lang(
        "name",
        "Bürgersaal im Rathaus Kassel",
        "Bürgersaal (civic hall), Kassel Town Hall",
        "Bürgersaal (dvorana), mestna hiša Kassel",
    ),
    "locality": "Kassel",
    "country": "DE",
}

SERIES = [
    {
        "order": 1,
        **langs(
            title=(
                "Runder Tisch Integration",
                "Runder Tisch Integration (Round Table on Integration)",
                "Runder Tisch Integration (okrogla miza o integraciji)",
            ),
            slug=(
                "runder-tisch-integration",
                "round-table-on-integration",
                "okrogla-miza-o-integraciji",
            ),
            summary=(
                "Das jährliche interdisziplinäre Fachforum der Stadt Kassel zur Integrations- "
                "und Migrationsarbeit und zum Integrationskonzept.",
                "The City of Kassel’s annual interdisciplinary forum on integration and "
                "migration work and on the integration concept.",
                "Letni interdisciplinarni strokovni forum mesta Kassel o integraciji, "
                "migracijah in konceptu integracije.",
            ),
            description=(
                "<p>Der Runde Tisch Integration ist ein jährlich stattfindendes "
                "interdisziplinäres Fachforum. Mit ihm lädt die Stadt Kassel regelmäßig zum "
                "Austausch und Dialog mit Zivilgesellschaft, Politik und Verwaltung ein. Er "
                "bringt alle am Integrationskonzept beteiligten Institutionen zusammen, um über "
                "Fortschritte und neue Projekte zu diskutieren: Politik, Verwaltung, den "
                "Ausländerbeirat, den Arbeitskreis Integration und die Zivilgesellschaft.</p>"
                "<p>Am Runden Tisch wird überprüft, wie weit das Integrationskonzept umgesetzt "
                "ist. Für 2023 und 2024 wurde dazu erstmals ein schriftlicher Integrationsbericht "
                "erstellt, den der Runde Tisch 2025 mit der Fachöffentlichkeit diskutiert hat.</p>"
                "<p>Der erste Runde Tisch, damals „I. Runder Tisch Integrationsförderung“, fand "
                "am 13. November 2013 im Rathaus Kassel statt.</p>",
                "<p>The Runder Tisch Integration (Round Table on Integration) is an annual "
                "interdisciplinary forum. With it, the City of Kassel regularly invites civil "
                "society, politics and the administration to exchange views. It brings together "
                "everyone involved in the integration concept to discuss progress and new "
                "projects: politicians, the city administration, the Ausländerbeirat (the "
                "foreign residents’ advisory council), the Arbeitskreis Integration (integration "
                "working group) and civil society.</p>"
                "<p>The Round Table reviews how far the integration concept has been put into "
                "practice. For 2023 and 2024 a written integration report "
                "(Integrationsbericht) was produced for the first time; the Round Table of 2025 "
                "discussed it with the professional public.</p>"
                "<p>The first Round Table, then called “I. Runder Tisch "
                "Integrationsförderung”, took place on 13 November 2013 in Kassel Town Hall.</p>",
                "<p>Runder Tisch Integration (okrogla miza o integraciji) je letni "
                "interdisciplinarni strokovni forum. Z njim mesto Kassel redno vabi civilno "
                "družbo, politiko in upravo k izmenjavi in dialogu. Povezuje vse, ki sodelujejo "
                "pri konceptu integracije, da razpravljajo o napredku in novih projektih: "
                "politiko, mestno upravo, Ausländerbeirat (svet tujcev), Arbeitskreis "
                "Integration (delovno skupino za integracijo) in civilno družbo.</p>"
                "<p>Okrogla miza preverja, koliko je koncept integracije že uresničen. Za leti "
                "2023 in 2024 je bilo prvič pripravljeno pisno poročilo o integraciji "
                "(Integrationsbericht), o katerem je okrogla miza leta 2025 razpravljala s "
                "strokovno javnostjo.</p>"
                "<p>Prva okrogla miza, takrat imenovana »I. Runder Tisch "
                "Integrationsförderung«, je potekala 13. novembra 2013 v mestni hiši v "
                "Kasslu.</p>",
            ),
        ),
    },
    {
        "order": 2,
        **langs(
            title=(
                "Interkulturelle Woche",
                "Interkulturelle Woche (Intercultural Week)",
                "Interkulturelle Woche (medkulturni teden)",
            ),
            slug=("interkulturelle-woche", "intercultural-week", "medkulturni-teden"),
            summary=(
                "Eigene Veranstaltungen der Integrationsbeauftragten für Vielfalt und "
                "Zusammenhalt.",
                "The Integration Officer’s own events for diversity and social cohesion.",
                "Lastni dogodki pooblaščenke za integracijo za raznolikost in povezanost.",
            ),
            description=(
                "<p>Mit eigenen Veranstaltungen wie der Interkulturellen Woche setzt die "
                "Integrationsbeauftragte der Stadt Kassel migrationsspezifische Impulse und "
                "wichtige Zeichen für Vielfalt und Zusammenhalt.</p>",
                "<p>With her own events, such as the Interkulturelle Woche (Intercultural Week), "
                "the Integration Officer of the City of Kassel raises topics that matter to "
                "migrants and sends an important signal for diversity and social cohesion.</p>",
                "<p>Z lastnimi dogodki, kot je Interkulturelle Woche (medkulturni teden), "
                "pooblaščenka za integracijo mesta Kassel daje pobude, pomembne za "
                "priseljence, in postavlja pomembna znamenja za raznolikost in povezanost.</p>",
            ),
        ),
    },
]

SOURCE_2024 = (
    "Pressemitteilung der Stadt Kassel „Neue Impulse für die Migrationsarbeit in Kassel“, "
    "Juli 2024",
    "City of Kassel press release “Neue Impulse für die Migrationsarbeit in Kassel”, July 2024",
    "Sporočilo za javnost mesta Kassel »Neue Impulse für die Migrationsarbeit in Kassel«, "
    "julij 2024",
)
SOURCE_2025 = (
    "Bericht zum Runden Tisch Integration am 3. Juli 2025",
    "Report on the Runder Tisch Integration of 3 July 2025",
    "Poročilo o okrogli mizi Runder Tisch Integration 3. julija 2025",
)
ROLE_AYALP = (
    "Leiterin des Amtes für Chancengleichheit",
    "Head of the Amt für Chancengleichheit (Office for Equal Opportunities)",
    "vodja Urada za enake možnosti (Amt für Chancengleichheit)",
)
ROLE_MAISCH = (
    "Bürgermeisterin der Stadt Kassel",
    # In Kassel the Bürgermeisterin is the deputy of the Oberbürgermeister, not the mayor.
    "Bürgermeisterin (deputy mayor) of the City of Kassel",
    "podžupanja (Bürgermeisterin) mesta Kassel",
)

EVENT_2024 = {
    "slug_de": "runder-tisch-integration-2024",
    "series": "runder-tisch-integration",
    "fields": {
        **langs(
            title=(
                "Runder Tisch Integration 2024",
                "Runder Tisch Integration 2024",
                "Runder Tisch Integration 2024",
            ),
            slug=(
                "runder-tisch-integration-2024",
                "round-table-on-integration-2024",
                "okrogla-miza-o-integraciji-2024",
            ),
            motto=(
                "Was ist gelungene Integration?",
                "Was ist gelungene Integration? (What is successful integration?)",
                "Was ist gelungene Integration? (Kaj je uspešna integracija?)",
            ),
            summary=(
                "Fachforum im Bürgersaal des Rathauses mit dem Schwerpunkt "
                "Migrationsberatung für erwachsene Zugewanderte (MBE) und "
                "Jugendmigrationsdienste (JMD).",
                "A forum in the Bürgersaal of Kassel Town Hall focusing on the migration advice "
                "service for adult immigrants (MBE) and the youth migration services (JMD).",
                "Strokovni forum v dvorani Bürgersaal mestne hiše v Kasslu, osredotočen na "
                "migracijsko svetovanje za odrasle priseljence (MBE) in mladinske migracijske "
                "službe (JMD).",
            ),
            description=(
                "<p>Das interdisziplinäre Fachforum organisierte das Amt für Chancengleichheit "
                "der Stadt Kassel in Kooperation mit dem Caritasverband Nordhessen-Kassel, dem "
                "Diakonischen Werk Region Kassel, dem Internationalen Bund und dem Kulturzentrum "
                "Schlachthof. Im Mittelpunkt standen die Beratungsstellen der "
                "Migrationsberatung für erwachsene Zugewanderte (MBE) und die "
                "Jugendmigrationsdienste (JMD).</p>"
                "<p>Mit der Kernfrage „Was ist gelungene Integration?“ betrachteten die "
                "Teilnehmenden die Strukturen und Abläufe der Integrations- und "
                "Migrationsarbeit aus verschiedenen Perspektiven.</p>",
                "<p>The Amt für Chancengleichheit (Office for Equal Opportunities) of the City "
                "of Kassel organised this interdisciplinary forum together with "
                "Caritasverband Nordhessen-Kassel, Diakonisches Werk Region Kassel, "
                "Internationaler Bund and Kulturzentrum Schlachthof. It focused on the "
                "counselling centres of the migration advice service for adult immigrants "
                "(MBE) and on the youth migration services (JMD).</p>"
                "<p>Guided by the core question “What is successful integration?”, participants "
                "looked at the structures and processes of integration and migration work from "
                "different perspectives.</p>",
                "<p>Interdisciplinarni strokovni forum je organiziral Urad za enake možnosti "
                "(Amt für Chancengleichheit) mesta Kassel v sodelovanju z organizacijami "
                "Caritasverband Nordhessen-Kassel, Diakonisches Werk Region Kassel, "
                "Internationaler Bund in Kulturzentrum Schlachthof. V ospredju so bila "
                "svetovalna središča migracijskega svetovanja za odrasle priseljence (MBE) in "
                "mladinske migracijske službe (JMD).</p>"
                "<p>Ob osrednjem vprašanju »Kaj je uspešna integracija?« so udeleženci z "
                "različnih zornih kotov preučili strukture in postopke dela na področju "
                "integracije in migracij.</p>",
            ),
            registration=(
                "Um Anmeldung per E-Mail beim Amt für Chancengleichheit wurde gebeten.",
                "Registration was requested by e-mail to the Amt für Chancengleichheit "
                "(Office for Equal Opportunities).",
                "Prijava je bila zaželena po e-pošti pri Uradu za enake možnosti "
                "(Amt für Chancengleichheit).",
            ),
            focus=(
                "Migrationsberatung für erwachsene Zugewanderte (MBE)\n"
                "Jugendmigrationsdienste (JMD)",
                "Migration advice service for adult immigrants (Migrationsberatung für "
                "erwachsene Zugewanderte, MBE)\n"
                "Youth migration services (Jugendmigrationsdienste, JMD)",
                "Migracijsko svetovanje za odrasle priseljence (Migrationsberatung für "
                "erwachsene Zugewanderte, MBE)\n"
                "Mladinske migracijske službe (Jugendmigrationsdienste, JMD)",
            ),
            audience=(
                "Politische Vertreterinnen und Vertreter\n"
                "Ausländerbeirat\n"
                "Mitglieder des Arbeitskreises Integration von Stadt und Landkreis Kassel\n"
                "Alle Akteurinnen und Akteure, die in der Stadt im Bereich Integration tätig "
                "sind",
                "Political representatives\n"
                "The Ausländerbeirat (foreign residents’ advisory council)\n"
                "Members of the Arbeitskreis Integration (integration working group) of the "
                "city and the district of Kassel\n"
                "Everyone in the city who works on integration",
                "Predstavnice in predstavniki politike\n"
                "Ausländerbeirat (svet tujcev)\n"
                "Članice in člani delovne skupine za integracijo (Arbeitskreis Integration) "
                "mesta in okrožja Kassel\n"
                "Vsi, ki se v mestu ukvarjajo z integracijo",
            ),
            report=(
                "<p>Rund 120 Gäste kamen zum Runden Tisch Integration in den Bürgersaal des "
                "Kasseler Rathauses. Das Fachforum setzte erneut wichtige Akzente für die "
                "Migrations- und Integrationsarbeit in der Stadt.</p>"
                "<p>Sozialdezernent Dr. Norbert Wett eröffnete die Veranstaltung und hob die "
                "Bedeutung der Migrationsdienste hervor. Ein besonderer Höhepunkt war der "
                "Gastvortrag der auf Migrationsrecht spezialisierten Rechtsanwältin Claire Deery "
                "zum Thema „JMD & MBE – Integrationsmotor für die Kommune?“. Sie beleuchtete die "
                "Rolle der Beratungsdienste und deren Bedeutung für die Kommune und lieferte "
                "Impulse für die anschließenden Arbeitsgruppen.</p>"
                "<p>Den Abschluss bildete eine Podiumsdiskussion, bei der Menschen zu Wort "
                "kamen, die die Beratungsdienste von JMD und MBE nutzen oder genutzt haben. Sie "
                "berichteten über ihre Erfahrungen, klärten über Hürden und Schwierigkeiten auf "
                "und dankten für die Unterstützung, die sie durch die Beratungsstellen erhalten "
                "haben.</p>"
                "<p>Die Stadt Kassel dankt allen Teilnehmenden, Unterstützenden und Mitwirkenden "
                "für ihre engagierte Beteiligung.</p>",
                "<p>About 120 guests came to the Round Table in the Bürgersaal of Kassel Town "
                "Hall. Once again the forum set important impulses for migration and "
                "integration work in the city.</p>"
                "<p>Dr Norbert Wett, the city’s Head of Social Affairs (Sozialdezernent), opened "
                "the event and stressed how important the migration services are. A highlight "
                "was the guest lecture by Claire Deery, a lawyer specialising in migration law, "
                "on “JMD & MBE – Integrationsmotor für die Kommune?” (JMD and MBE: an engine of "
                "integration for the municipality?). She examined the role of the counselling "
                "services and what they mean for the city, and gave ideas for the working "
                "groups that followed.</p>"
                "<p>The day closed with a panel discussion in which people who use or have used "
                "the JMD and MBE counselling services spoke. They talked about their "
                "experiences, explained the obstacles and difficulties they had faced, and "
                "thanked the counselling centres for their support.</p>"
                "<p>The City of Kassel thanks everyone who took part, supported and contributed "
                "to the event.</p>",
                "<p>Na okroglo mizo v dvorani Bürgersaal mestne hiše v Kasslu je prišlo približno "
                "120 gostov. Forum je znova dal pomembne pobude za delo na področju migracij in "
                "integracije v mestu.</p>"
                "<p>Dogodek je odprl mestni svetnik za socialne zadeve (Sozialdezernent) "
                "dr. Norbert Wett in poudaril pomen migracijskih služb. Vrhunec je bilo "
                "gostujoče predavanje odvetnice Claire Deery, specializirane za migracijsko "
                "pravo, z naslovom »JMD & MBE – Integrationsmotor für die Kommune?« (JMD in MBE – "
                "gonilo integracije za občino?). Osvetlila je vlogo svetovalnih služb in njihov "
                "pomen za občino ter dala pobude za delovne skupine, ki so sledile.</p>"
                "<p>Dogodek se je končal z okroglo mizo, na kateri so spregovorili ljudje, ki "
                "uporabljajo ali so uporabljali svetovalne službe JMD in MBE. Pripovedovali so "
                "o svojih izkušnjah, opozorili na ovire in težave ter se zahvalili za podporo, "
                "ki so jo prejeli v svetovalnicah.</p>"
                "<p>Mesto Kassel se zahvaljuje vsem udeleženkam in udeležencem, podpornikom in "
                "sodelujočim za njihovo zavzeto sodelovanje.</p>",
            ),
            results=(
                "<p>In fünf Arbeitsgruppen arbeiteten die Teilnehmenden intensiv an der "
                "Kernfrage „Was ist gelungene Integration?“. Sie entwickelten Ideen für die "
                "Anerkennungsberatung, den Arbeitsmarkt und andere Strukturen, die die "
                "Integration in Kassel weiter voranbringen sollen.</p>",
                "<p>In five working groups, participants worked intensively on the core "
                "question “What is successful integration?”. They developed ideas for "
                "recognition counselling (advice on the recognition of foreign qualifications), "
                "the labour market and other structures that are to take integration in Kassel "
                "further.</p>",
                "<p>V petih delovnih skupinah so udeleženci intenzivno obravnavali osrednje "
                "vprašanje »Kaj je uspešna integracija?«. Razvili so zamisli za svetovanje o "
                "priznavanju tujih kvalifikacij, za trg dela in za druge strukture, ki naj bi "
                "integracijo v Kasslu še izboljšale.</p>",
            ),
            next_steps=(
                "<p>Die Ergebnisse des Fachtages werden dokumentiert und den städtischen "
                "Gremien vorgelegt, um Empfehlungen für veränderte oder neue Schwerpunkte "
                "auszusprechen. Sie fließen in die weitere Planung und Umsetzung der "
                "Integrationsarbeit in Kassel ein und helfen, die Angebote noch gezielter und "
                "wirkungsvoller zu gestalten.</p>",
                "<p>The results of the day are being documented and presented to the city’s "
                "committees, with recommendations for changed or new priorities. They will feed "
                "into the further planning and delivery of integration work in Kassel and help "
                "to make the services more targeted and effective.</p>",
                "<p>Rezultati strokovnega dne bodo dokumentirani in predstavljeni mestnim "
                "organom s priporočili za spremenjene ali nove poudarke. Upoštevani bodo pri "
                "nadaljnjem načrtovanju in izvajanju integracijskega dela v Kasslu ter bodo "
                "pomagali, da bodo ponudbe še bolj ciljno usmerjene in učinkovite.</p>",
            ),
        ),
        "motto_kind": Event.MottoKind.CORE_QUESTION,
        "start": datetime.datetime(2024, 7, 11, 9, 30, tzinfo=BERLIN),
        # "for about six hours": the end is an estimate and is shown as one.
        "end": datetime.datetime(2024, 7, 11, 15, 30, tzinfo=BERLIN),
        "end_is_approximate": True,
        "all_day": False,
        "participants": 120,
        "participants_approximate": True,
    },
    "venue": True,
    "organiser": "amt-fuer-chancengleichheit",
    "co_organisers": [
        "caritasverband-nordhessen-kassel",
        "diakonisches-werk-region-kassel",
        "internationaler-bund",
        "kulturzentrum-schlachthof",
    ],
    "invited_by": None,
    # The working groups dealt with recognition counselling and the labour market.
    "fields_of_action": [4],
    "programme": [
        (
            ProgrammeItem.Kind.WELCOME,
            (
                "Eröffnung durch Sozialdezernent Dr. Norbert Wett",
                "Opening by Dr Norbert Wett, Head of Social Affairs",
                "Otvoritev: dr. Norbert Wett, mestni svetnik za socialne zadeve",
            ),
            (
                "Er hebt die Bedeutung der Migrationsdienste hervor.",
                "He stresses how important the migration services are.",
                "Poudari pomen migracijskih služb.",
            ),
            ["norbert-wett"],
        ),
        (
            ProgrammeItem.Kind.KEYNOTE,
            (
                "JMD & MBE – Integrationsmotor für die Kommune?",
                "JMD & MBE – an engine of integration for the municipality?",
                "JMD in MBE – gonilo integracije za občino?",
            ),
            (
                "Gastvortrag der auf Migrationsrecht spezialisierten Rechtsanwältin Claire "
                "Deery über die Rolle der Beratungsdienste und ihre Bedeutung für die Kommune.",
                "Guest lecture (original title: “JMD & MBE – Integrationsmotor für die "
                "Kommune?”) by Claire Deery, a lawyer specialising in migration law, on the role "
                "of the counselling services and what they mean for the city.",
                "Gostujoče predavanje (izvirni naslov: »JMD & MBE – Integrationsmotor für die "
                "Kommune?«) odvetnice Claire Deery, specializirane za migracijsko pravo, o vlogi "
                "svetovalnih služb in njihovem pomenu za občino.",
            ),
            ["claire-deery"],
        ),
        (
            ProgrammeItem.Kind.WORKING_GROUPS,
            (
                "Kernfrage „Was ist gelungene Integration?“",
                "Core question: “What is successful integration?”",
                "Osrednje vprašanje: »Kaj je uspešna integracija?«",
            ),
            (
                "In fünf Arbeitsgruppen, unter anderem zur Anerkennungsberatung und zum "
                "Arbeitsmarkt.",
                "In five working groups; topics included recognition counselling and the "
                "labour market.",
                "V petih delovnih skupinah, med drugim o svetovanju za priznavanje kvalifikacij "
                "in o trgu dela.",
            ),
            [],
        ),
        (
            ProgrammeItem.Kind.PANEL,
            (
                "Erfahrungen mit den Beratungsdiensten von JMD und MBE",
                "Experiences with the JMD and MBE counselling services",
                "Izkušnje s svetovalnimi službami JMD in MBE",
            ),
            (
                "Menschen, die die Beratungsdienste von JMD und MBE nutzen oder genutzt haben, "
                "berichten über ihre Erfahrungen, Hürden und Schwierigkeiten.",
                "People who use or have used the JMD and MBE counselling services talk about "
                "their experiences, obstacles and difficulties.",
                "Ljudje, ki uporabljajo ali so uporabljali svetovalne službe JMD in MBE, "
                "pripovedujejo o svojih izkušnjah, ovirah in težavah.",
            ),
            [],
        ),
    ],
    "quotes": [
        (
            "norbert-wett",
            (
                "Sozialdezernent der Stadt Kassel",
                "Head of Social Affairs of the City of Kassel (Sozialdezernent)",
                "mestni svetnik za socialne zadeve (Sozialdezernent)",
            ),
            (
                "Die Migrationsdienste in unserer Stadt leisten wichtige und unerlässliche "
                "Arbeit. Die Kooperation mit ihnen läuft reibungslos und ich bin im Namen der "
                "gesamten Stadtverwaltung dankbar, dass die Dienste den neu Eingewanderten, "
                "egal ob jugendlich oder erwachsen, eine Orientierung geben und die Menschen in "
                "allen Belangen unterstützen.",
                "The migration services in our city do important and indispensable work. "
                "Cooperation with them runs smoothly, and on behalf of the whole city "
                "administration I am grateful that they give newly arrived immigrants, young "
                "people and adults alike, orientation and support them in every respect.",
                "Migracijske službe v našem mestu opravljajo pomembno in nepogrešljivo delo. "
                "Sodelovanje z njimi poteka gladko in v imenu celotne mestne uprave sem "
                "hvaležen, da službe novim priseljencem, mladim in odraslim, dajejo orientacijo "
                "in jih podpirajo v vseh zadevah.",
            ),
            SOURCE_2024,
        ),
        (
            "teslihan-ayalp",
            ROLE_AYALP,
            (
                "Mit dem Runden Tisch Integration lädt die Stadt Kassel regelmäßig zum "
                "Austausch und Dialog mit Zivilgesellschaft, Politik und Verwaltung ein. Dem "
                "Titel des Integrationskonzeptes ‚Alle gehören dazu!‘ verpflichtet, braucht es "
                "mehr denn je Formate der vertrauensvollen Zusammenarbeit. Mit dem Wirken aller "
                "Ebenen eröffnen sich für die Menschen in Kassel gleichberechtigte Chancen, um "
                "sich in die Stadtgesellschaft, den Arbeitsmarkt und das Stadtleben "
                "einzubringen.",
                "With the Runder Tisch Integration, the City of Kassel regularly invites civil "
                "society, politics and the administration to exchange and dialogue. True to the "
                "title of our integration concept, ‘Alle gehören dazu!’ (Everyone belongs!), we "
                "need formats of trusting cooperation more than ever. When all levels play "
                "their part, the people of Kassel gain equal opportunities to contribute to the "
                "community, the labour market and city life.",
                "Z okroglo mizo Runder Tisch Integration mesto Kassel redno vabi civilno "
                "družbo, politiko in upravo k izmenjavi in dialogu. Zavezani naslovu koncepta "
                "integracije ‚Alle gehören dazu!‘ (Vsi spadamo zraven!) bolj kot kdaj koli "
                "potrebujemo oblike zaupanja polnega sodelovanja. S prizadevanji vseh ravni se "
                "ljudem v Kasslu odpirajo enake možnosti, da se vključijo v mestno skupnost, na "
                "trg dela in v življenje mesta.",
            ),
            SOURCE_2024,
        ),
    ],
}

EVENT_2025 = {
    "slug_de": "runder-tisch-integration-2025",
    "series": "runder-tisch-integration",
    "fields": {
        **langs(
            title=(
                "Runder Tisch Integration 2025",
                "Runder Tisch Integration 2025",
                "Runder Tisch Integration 2025",
            ),
            slug=(
                "runder-tisch-integration-2025",
                "round-table-on-integration-2025",
                "okrogla-miza-o-integraciji-2025",
            ),
            motto=(
                "Alle werden gebraucht und alle gehören dazu",
                "Alle werden gebraucht und alle gehören dazu (Everyone is needed and everyone "
                "belongs)",
                "Alle werden gebraucht und alle gehören dazu (Vsi smo potrebni in vsi spadamo "
                "zraven)",
            ),
            summary=(
                "Auftakt zur Fortschreibung des Integrationskonzepts: 140 Teilnehmende "
                "analysierten den Integrationsbericht und diskutierten in Workshops entlang der "
                "Handlungsfelder.",
                "The start of the revision of the integration concept: 140 participants "
                "analysed the integration report and held workshops on the fields of action.",
                "Začetek prenove koncepta integracije: 140 udeležencev je analiziralo poročilo "
                "o integraciji in v delavnicah razpravljalo o področjih delovanja.",
            ),
            description=(
                "<p>Unter dem Motto „Alle werden gebraucht und alle gehören dazu“ lud die "
                "Integrationsbeauftragte der Stadt Kassel, Alena Schütz, zum Runden Tisch "
                "Integration ein. Teilnehmende aus der Stadtgesellschaft setzten sich mit der "
                "bevorstehenden Fortschreibung des Integrationskonzeptes auseinander.</p>"
                "<p>Grundlage war der Integrationsbericht: Für 2023 und 2024 wurde erstmals "
                "ein schriftlicher Bericht erstellt, von der ämterübergreifenden Arbeitsgruppe "
                "Integration der Stadt. Er dokumentiert systematisch, wie weit die Ziele und "
                "Handlungsempfehlungen des Integrationskonzepts von 2019 umgesetzt sind.</p>",
                "<p>Under the motto “Alle werden gebraucht und alle gehören dazu” (Everyone is "
                "needed and everyone belongs), Alena Schütz, the Integration Officer of the City "
                "of Kassel, invited people to the Round Table on Integration. Participants from "
                "across the city discussed the upcoming revision of the integration "
                "concept.</p>"
                "<p>The basis was the integration report (Integrationsbericht): for 2023 and "
                "2024 a written report was produced for the first time, by the city’s "
                "cross-departmental working group on integration. It documents systematically "
                "how far the goals and recommendations of the 2019 integration concept have "
                "been put into practice.</p>",
                "<p>Pod geslom »Alle werden gebraucht und alle gehören dazu« (Vsi smo potrebni "
                "in vsi spadamo zraven) je pooblaščenka za integracijo mesta Kassel Alena Schütz "
                "povabila na okroglo mizo o integraciji. Udeleženke in udeleženci iz mestne "
                "skupnosti so razpravljali o prihodnji prenovi koncepta integracije.</p>"
                "<p>Osnova je bilo poročilo o integraciji (Integrationsbericht): za leti 2023 in "
                "2024 ga je medoddelčna delovna skupina mesta za integracijo prvič pripravila v "
                "pisni obliki. Sistematično prikazuje, koliko so bili cilji in priporočila "
                "koncepta integracije iz leta 2019 že uresničeni.</p>",
            ),
            focus=(
                "Integrationsbericht: was sich seit 2019 in den sechs Bereichen des "
                "Integrationskonzepts verändert hat\n"
                "Fortschreibung des Integrationskonzepts",
                "The integration report: what has changed since 2019 in the six fields of the "
                "integration concept\n"
                "Revision of the integration concept",
                "Poročilo o integraciji: kaj se je od leta 2019 spremenilo na šestih področjih "
                "koncepta integracije\n"
                "Prenova koncepta integracije",
            ),
            report=(
                "<p>140 Teilnehmende aus der Stadtgesellschaft setzten sich beim Runden Tisch "
                "Integration mit der bevorstehenden Fortschreibung des Integrationskonzeptes "
                "auseinander. Zunächst analysierten sie den aktuellen Integrationsbericht. Er "
                "dokumentiert, was sich seit 2019 in den sechs Bereichen des "
                "Integrationskonzepts verändert hat, welche Ziele erreicht und welche Maßnahmen "
                "umgesetzt wurden – zum Beispiel in den Bereichen Stadtteilleben, Zugang zu "
                "Sprachförderung und Bildung, Teilhabe am Arbeitsmarkt sowie interkulturelle "
                "Öffnung der Stadtverwaltung.</p>"
                "<p>In thematischen Workshops entlang der Handlungsfelder des "
                "Integrationskonzeptes diskutierten Fachakteurinnen und Fachakteure, "
                "Stadtverordnete, Migrantinnenorganisationen sowie interessierte Bürgerinnen und "
                "Bürger konkrete Umsetzungserfahrungen und formulierten Perspektiven für die "
                "nächsten Jahre.</p>"
                "<p>Ein besonderer Programmpunkt war der Vortrag von Elis Schmeer von der Stadt "
                "Ulm. Sie stellte den Weg Ulms von einem klassischen Integrationskonzept hin zu "
                "einem umfassenden Konzept für Chancengerechtigkeit und Vielfalt vor.</p>",
                "<p>At the Round Table on Integration, 140 participants from across the city "
                "discussed the upcoming revision of the integration concept. First they "
                "analysed the current integration report. It documents what has changed since "
                "2019 in the six fields of the integration concept, which goals have been "
                "reached and which measures carried out – for example in neighbourhood life, "
                "access to language support and education, participation in the labour market "
                "and the intercultural opening of the city administration.</p>"
                "<p>In thematic workshops on the fields of action of the integration concept, "
                "professionals, city councillors, migrant women’s organisations and interested "
                "citizens discussed practical experience of putting the concept into practice "
                "and set out perspectives for the coming years.</p>"
                "<p>A special item on the programme was the talk by Elis Schmeer of the City of "
                "Ulm, who presented Ulm’s path from a classic integration concept to a "
                "comprehensive concept for equal opportunities and diversity.</p>",
                "<p>Na okrogli mizi o integraciji je 140 udeleženk in udeležencev iz mestne "
                "skupnosti razpravljalo o prihodnji prenovi koncepta integracije. Najprej so "
                "analizirali aktualno poročilo o integraciji. Poročilo prikazuje, kaj se je od "
                "leta 2019 spremenilo na šestih področjih koncepta integracije, kateri cilji so "
                "bili doseženi in kateri ukrepi izvedeni – na primer na področjih življenja v "
                "soseskah, dostopa do jezikovne podpore in izobraževanja, vključevanja na trg "
                "dela ter medkulturnega odpiranja mestne uprave.</p>"
                "<p>V tematskih delavnicah po področjih delovanja koncepta integracije so "
                "strokovnjakinje in strokovnjaki, mestni svetniki, organizacije migrantk ter "
                "zainteresirane meščanke in meščani razpravljali o konkretnih izkušnjah z "
                "uresničevanjem in oblikovali poglede za prihodnja leta.</p>"
                "<p>Poseben del programa je bilo predavanje Elis Schmeer iz mesta Ulm, ki je "
                "predstavila pot Ulma od klasičnega koncepta integracije do celovitega koncepta "
                "za enake možnosti in raznolikost.</p>",
            ),
            results=(
                "<p>Der Bericht zeigt, dass Kassel in vielen Bereichen wichtige Fortschritte "
                "gemacht hat, etwa beim Zugang zum Arbeitsmarkt, bei der Teilhabe von "
                "Migrantinnen und Migranten am gesellschaftlichen Leben und bei der "
                "Gesundheitsversorgung. Weiter ansetzen will die Stadt unter anderem beim Ausbau "
                "der Kinderbetreuung, mit weiteren Maßnahmen zur interkulturellen Öffnung der "
                "Verwaltung und mit einer besseren Verzahnung von Qualifikationsmaßnahmen für "
                "Zugewanderte.</p>",
                "<p>The report shows that Kassel has made important progress in many areas, "
                "such as access to the labour market, the participation of migrants in social "
                "life and health care. The city wants to do more in areas including the "
                "expansion of childcare, further measures for the intercultural opening of the "
                "administration and better coordination of qualification measures for "
                "immigrants.</p>",
                "<p>Poročilo kaže, da je Kassel na mnogih področjih pomembno napredoval, na "
                "primer pri dostopu do trga dela, pri vključevanju migrantk in migrantov v "
                "družbeno življenje in pri zdravstveni oskrbi. Mesto želi med drugim okrepiti "
                "otroško varstvo, sprejeti nadaljnje ukrepe za medkulturno odpiranje uprave in "
                "bolje povezati ukrepe za usposabljanje priseljencev.</p>",
            ),
            next_steps=(
                "<p>Der Runde Tisch war der Auftakt zur Neuformulierung des "
                "Integrationskonzepts, mit dem die Stadt Kassel neue Schwerpunkte bei der "
                "Integration von Zugewanderten definieren und Maßnahmen für eine verbesserte "
                "Teilhabe in allen Lebensbereichen formulieren will. Die Beteiligten wollen "
                "prüfen, wie das Integrationskonzept weiterentwickelt werden kann – hin zu einem "
                "Vielfalts- und Chancengleichheitskonzept, das alle Menschen mit ihren diversen "
                "Merkmalen und Lebensrealitäten in den Blick nimmt. Auch über den Runden Tisch "
                "hinaus will die Stadt mit Zivilgesellschaft, freien Trägern, Politik und "
                "migrantischen Organisationen im Austausch bleiben.</p>",
                "<p>The Round Table was the start of rewriting the integration concept, with "
                "which the City of Kassel wants to set new priorities for the integration of "
                "immigrants and define measures for better participation in all areas of life. "
                "Those involved want to examine how the integration concept can be developed "
                "further – into a concept for diversity and equal opportunities that takes in "
                "all people, with all their characteristics and realities of life. Beyond the "
                "Round Table, the city wants to stay in dialogue with civil society, the "
                "independent welfare organisations, politicians and migrant organisations.</p>",
                "<p>Okrogla miza je bila začetek novega oblikovanja koncepta integracije, s "
                "katerim želi mesto Kassel določiti nove poudarke pri integraciji priseljencev "
                "in oblikovati ukrepe za boljše vključevanje na vseh področjih življenja. "
                "Sodelujoči želijo preučiti, kako bi koncept integracije razvili naprej – v "
                "koncept raznolikosti in enakih možnosti, ki upošteva vse ljudi z vsemi "
                "njihovimi značilnostmi in življenjskimi okoliščinami. Tudi po okrogli mizi "
                "želi mesto ostati v dialogu s civilno družbo, nevladnimi izvajalci, politiko "
                "in migrantskimi organizacijami.</p>",
            ),
        ),
        "motto_kind": Event.MottoKind.MOTTO,
        # The text gives the date only: no time, no venue.
        "start": datetime.datetime(2025, 7, 3, 0, 0, tzinfo=BERLIN),
        "end": None,
        "end_is_approximate": False,
        "all_day": True,
        "participants": 140,
        "participants_approximate": False,
    },
    "venue": False,
    "organiser": None,
    "co_organisers": [],
    "invited_by": "alena-schuetz",
    "fields_of_action": [1, 2, 3, 4, 5, 6],
    "programme": [
        (
            ProgrammeItem.Kind.OTHER,
            (
                "Analyse des Integrationsberichts",
                "Analysis of the integration report",
                "Analiza poročila o integraciji",
            ),
            (
                "Was hat sich seit 2019 in den sechs Bereichen des Integrationskonzepts "
                "verändert, welche Ziele wurden erreicht, welche Maßnahmen umgesetzt?",
                "What has changed since 2019 in the six fields of the integration concept, "
                "which goals have been reached and which measures carried out?",
                "Kaj se je od leta 2019 spremenilo na šestih področjih koncepta integracije, "
                "kateri cilji so bili doseženi in kateri ukrepi izvedeni?",
            ),
            [],
        ),
        (
            ProgrammeItem.Kind.WORKSHOPS,
            (
                "Die Handlungsfelder des Integrationskonzepts",
                "The fields of action of the integration concept",
                "Področja delovanja koncepta integracije",
            ),
            (
                "In thematischen Workshops entlang der Handlungsfelder diskutieren "
                "Fachakteurinnen und Fachakteure, Stadtverordnete, Migrantinnenorganisationen "
                "und interessierte Bürgerinnen und Bürger Umsetzungserfahrungen und formulieren "
                "Perspektiven für die nächsten Jahre.",
                "In thematic workshops on the fields of action, professionals, city councillors, "
                "migrant women’s organisations and interested citizens discuss their experience "
                "of putting the concept into practice and set out perspectives for the coming "
                "years.",
                "V tematskih delavnicah po področjih delovanja strokovnjakinje in strokovnjaki, "
                "mestni svetniki, organizacije migrantk ter zainteresirane meščanke in meščani "
                "razpravljajo o izkušnjah z uresničevanjem in oblikujejo poglede za prihodnja "
                "leta.",
            ),
            [],
        ),
        (
            ProgrammeItem.Kind.TALK,
            (
                "Vom Integrationskonzept zum Konzept für Chancengerechtigkeit und Vielfalt: "
                "der Weg der Stadt Ulm",
                "From an integration concept to a concept for equal opportunities and "
                "diversity: the City of Ulm’s path",
                "Od koncepta integracije do koncepta za enake možnosti in raznolikost: pot "
                "mesta Ulm",
            ),
            (
                "Elis Schmeer von der Stadt Ulm stellt den Weg Ulms von einem klassischen "
                "Integrationskonzept hin zu einem umfassenden Konzept für Chancengerechtigkeit "
                "und Vielfalt vor.",
                "Elis Schmeer of the City of Ulm presents Ulm’s path from a classic integration "
                "concept to a comprehensive concept for equal opportunities and diversity.",
                "Elis Schmeer iz mesta Ulm predstavi pot Ulma od klasičnega koncepta "
                "integracije do celovitega koncepta za enake možnosti in raznolikost.",
            ),
            ["elis-schmeer"],
        ),
    ],
    "quotes": [
        (
            "nicole-maisch",
            ROLE_MAISCH,
            (
                "Der Bericht zeigt, dass Kassel in vielen Bereichen wichtige Fortschritte "
                "gemacht hat: sei es beim Zugang zum Arbeitsmarkt, in der Teilhabe von "
                "Migrantinnen und Migranten am gesellschaftlichen Leben oder bei der "
                "Gesundheitsversorgung.\n\n"
                "Gleichzeitig erkennen wir auch, wo wir weiter ansetzen müssen: etwa beim "
                "Ausbau der Kinderbetreuung, weitere Maßnahmen zur interkulturellen Öffnung der "
                "Verwaltung sowie eine bessere Verzahnung von Qualifikationsmaßnahmen für "
                "Zugewanderte. Integration ist ein gesamtgesellschaftlicher und wechselseitiger "
                "Prozess, der einen langen Atem erfordert. Mit einer gut aufgestellten "
                "Verwaltung sowie fruchtbaren Kooperationen mit zivilgesellschaftlichen "
                "Akteurinnen und Akteuren sind wir in Kassel gut aufgestellt um auch in Zukunft "
                "auf die dynamische Entwicklung unser Stadtgesellschaft reagieren zu können.",
                "The report shows that Kassel has made important progress in many areas: in "
                "access to the labour market, in the participation of migrants in society and "
                "in health care.\n\n"
                "At the same time, we can see where we need to do more: expanding childcare, "
                "further measures for the intercultural opening of the administration and "
                "better coordination of qualification measures for immigrants. Integration is "
                "a process that involves the whole of society, works both ways and takes "
                "staying power. With a well-organised administration and fruitful cooperation "
                "with civil society, Kassel is well placed to respond to the dynamic "
                "development of our city’s community in the future too.",
                "Poročilo kaže, da je Kassel na mnogih področjih pomembno napredoval: pri "
                "dostopu do trga dela, pri vključevanju migrantk in migrantov v družbeno "
                "življenje in pri zdravstveni oskrbi.\n\n"
                "Hkrati vidimo tudi, kje moramo še ukrepati: na primer pri širitvi otroškega "
                "varstva, z nadaljnjimi ukrepi za medkulturno odpiranje uprave in z boljšim "
                "povezovanjem ukrepov za usposabljanje priseljencev. Integracija je vzajemen "
                "proces, ki zadeva vso družbo in zahteva vztrajnost. Z dobro organizirano upravo "
                "in plodnim sodelovanjem z akterji civilne družbe smo v Kasslu dobro "
                "pripravljeni, da se bomo tudi v prihodnje odzivali na dinamičen razvoj naše "
                "mestne skupnosti.",
            ),
            SOURCE_2025,
        ),
        (
            "alena-schuetz",
            (
                "Integrationsbeauftragte der Stadt Kassel",
                "Integration Officer of the City of Kassel",
                "pooblaščenka za integracijo mesta Kassel",
            ),
            (
                "Der diesjährige Runde Tisch Integration dient als Auftakt zur "
                "Neuformulierung eines Konzeptes, mit dem wir als Stadt Kassel neue "
                "Schwerpunkte bei der Integration von Zugewanderten definieren und Maßnahmen "
                "für eine verbesserte Teilhabe in allen Lebensbereichen formulieren wollen. "
                "Dabei ist es uns wichtig, mit der Zivilgesellschaft, den freien Trägern, der "
                "Politik sowie den Vertreterinnen und Vertretern von migrantischen "
                "Organisationen ins Gespräch zu kommen und deren Perspektive, Impulse und "
                "Vorschläge in das neue Konzept einfließen zu lassen. Auch über den Runden "
                "Tisch hinaus wollen wir im Austausch bleiben, damit die formulierten Ziele und "
                "Handlungsempfehlungen auch in den nächsten Jahren von einem breiten "
                "gesellschaftlichen Konsens getragen werden.",
                "This year’s Runder Tisch Integration marks the start of drafting a new "
                "concept, with which we as the City of Kassel want to set new priorities for "
                "the integration of immigrants and define measures for better participation in "
                "all areas of life. It matters to us to talk with civil society, the "
                "independent welfare organisations, politicians and representatives of migrant "
                "organisations, and to let their perspectives, ideas and proposals flow into "
                "the new concept. We also want to stay in dialogue beyond the Round Table, so "
                "that the goals and recommendations we set out are backed by a broad consensus "
                "in society in the years to come.",
                "Letošnja okrogla miza Runder Tisch Integration je začetek oblikovanja novega "
                "koncepta, s katerim želimo kot mesto Kassel določiti nove poudarke pri "
                "integraciji priseljencev in oblikovati ukrepe za boljše vključevanje na vseh "
                "področjih življenja. Pri tem nam je pomembno, da se pogovorimo s civilno "
                "družbo, nevladnimi izvajalci, politiko ter predstavnicami in predstavniki "
                "migrantskih organizacij ter da njihove poglede, pobude in predloge vključimo v "
                "novi koncept. Tudi po okrogli mizi želimo ostati v dialogu, da bodo oblikovani "
                "cilji in priporočila tudi v prihodnjih letih uživali široko družbeno "
                "soglasje.",
            ),
            SOURCE_2025,
        ),
        (
            "nicole-maisch",
            ROLE_MAISCH,
            (
                "Dieses Beispiel dient auch für die Stadt Kassel als Inspiration, in der "
                "Zukunft den Blick zu weiten und auch weitere Zielgruppen einzubeziehen.",
                "This example also inspires the City of Kassel to broaden its view in future "
                "and to include further target groups.",
                "Ta primer je tudi za mesto Kassel navdih, da v prihodnje razširi pogled in "
                "vključi še druge ciljne skupine.",
            ),
            SOURCE_2025,
        ),
        (
            "teslihan-ayalp",
            ROLE_AYALP,
            (
                "Unsere Stadtgesellschaft ist vielfältig und unsere zugewanderten "
                "Mitbürgerinnen und Mitbürger sind es auch. Als Amt für Chancengleichheit "
                "wollen wir die Teilhabemöglichkeiten aller Kasseler Einwohnerinnen und "
                "Einwohner unabhängig von Herkunft, Alter, Geschlecht, sexuelle Orientierung, "
                "Religion oder ihrem sozialen Status verbessern.",
                "Our city’s community is diverse, and so are our fellow citizens who have "
                "moved here. As the Amt für Chancengleichheit (Office for Equal "
                "Opportunities), we want to improve the opportunities for all residents of "
                "Kassel to take part, regardless of origin, age, gender, sexual orientation, "
                "religion or social status.",
                "Naša mestna skupnost je raznolika in takšni so tudi naši someščani, ki so se "
                "priselili. Kot Urad za enake možnosti želimo izboljšati možnosti sodelovanja "
                "vseh prebivalk in prebivalcev Kassla ne glede na poreklo, starost, spol, "
                "spolno usmerjenost, vero ali socialni položaj.",
            ),
            SOURCE_2025,
        ),
    ],
}

EVENTS = [EVENT_2024, EVENT_2025]


def load_languages(log):
    languages = {}
    for code, names in LANGUAGES:
        languages[code], _ = Language.objects.update_or_create(
            code=code, defaults=lang("name", *names)
        )
    log(f"{len(languages)} event languages")
    return languages


def load_series(log):
    series = {}
    for data in SERIES:
        slug = data["slug_de"]
        series[slug], _ = EventSeries.objects.update_or_create(
            slug_de=slug, defaults={**data, "status": EventSeries.Status.PUBLISHED}
        )
    log(f"{len(series)} event series")
    return series


def load_programme(event, items, people):
    for order, (kind, titles, descriptions, speakers) in enumerate(items, start=1):
        item, _ = ProgrammeItem.objects.update_or_create(
            event=event,
            order=order,
            defaults={"kind": kind, **lang("title", *titles), **lang("description", *descriptions)},
        )
        item.speakers.set([people[slug] for slug in speakers])
    event.programme_items.filter(order__gt=len(items)).delete()


def load_quotes(event, quotes, people):
    said_on = event.start_date
    for order, (speaker, roles, texts, sources) in enumerate(quotes, start=1):
        values = {
            "speaker": people[speaker],
            "said_on": said_on,
            "original_language": "de",
            "order": order,
            **lang("speaker_role", *roles),
            **lang("text", *texts),
            **lang("source", *sources),
        }
        link = EventQuote.objects.filter(event=event, order=order).select_related("quote").first()
        if link is None:
            quote = Quote.objects.create(**values)
            EventQuote.objects.create(event=event, quote=quote, order=order)
        else:
            for name, value in values.items():
                setattr(link.quote, name, value)
            link.quote.save()
    stale = EventQuote.objects.filter(event=event, order__gt=len(quotes))
    Quote.objects.filter(event_links__in=stale).delete()


def stored(obj, name, value):
    """The value as the database will hold it (rich text is sanitised on save)."""
    field = obj._meta.get_field(name)
    return sanitize(value or "") if isinstance(field, RichTextField) else value


def save_if_changed(model, lookup, values):
    """Like update_or_create, but an unchanged row is not saved again.

    A save sets "last updated", which feeds and calendars pass on: reloading
    the same content must not tell every subscriber that all events changed.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**{**values, **lookup})
    changed = [
        name for name, value in values.items() if getattr(obj, name) != stored(obj, name, value)
    ]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj


def load_events(log, series, languages):
    people = {p.slug: p for p in Person.objects.all()}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    fields = {f.number: f for f in FieldOfAction.objects.all()}
    venue, _ = Venue.objects.update_or_create(name_de=VENUE["name_de"], defaults=VENUE)
    for data in EVENTS:
        event = save_if_changed(
            Event,
            {"slug_de": data["slug_de"]},
            {
                **data["fields"],
                "series": series[data["series"]],
                "venue": venue if data["venue"] else None,
                "organiser": organisations.get(data["organiser"]),
                "invited_by": people.get(data["invited_by"]),
                "status": Event.Status.PUBLISHED,
                "event_status": Event.EventStatus.SCHEDULED,
            },
        )
        event.full_clean()
        event.co_organisers.set([organisations[slug] for slug in data["co_organisers"]])
        event.languages.set([languages["de"]])
        event.fields_of_action.set([fields[n] for n in data["fields_of_action"] if n in fields])
        load_programme(event, data["programme"], people)
        load_quotes(event, data["quotes"], people)
    log(f"{len(EVENTS)} events with programme, quotes and reports")


def load(log):
    languages = load_languages(log)
    series = load_series(log)
    load_events(log, series, languages)
