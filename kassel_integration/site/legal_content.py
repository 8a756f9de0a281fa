"""Initial text of the legal pages.

It states only what is true of this software as shipped; where facts are
missing (postal address, data protection officer) it says that the editorial
office completes them, instead of inventing them.
"""

from kassel_integration.models import LegalPage

LEGAL_PAGES = {
    LegalPage.Kind.IMPRINT: {
        "title": {"de": "Impressum", "en": "Imprint", "sl": "Impresum"},
        "body": {
            "de": (
                "<h2>Herausgeberin</h2>"
                "<p>Stadt Kassel, Amt für Chancengleichheit – Integrationsbeauftragte der Stadt Kassel</p>"
                "<p>Die Angaben nach § 5 Digitale-Dienste-Gesetz und § 18 Medienstaatsvertrag "
                "(Anschrift, vertretungsberechtigte Person, Kontakt) werden von der Redaktion "
                "hier ergänzt.</p>"
                "<h2>Inhalte</h2>"
                "<p>Die Inhalte dieser Website werden von der Integrationsbeauftragten der Stadt "
                "Kassel und dem Amt für Chancengleichheit gepflegt.</p>"
            ),
            "en": (
                "<h2>Publisher</h2>"
                "<p>City of Kassel, Amt für Chancengleichheit (Office for Equal Opportunities) – "
                "Integration Officer of the City of Kassel</p>"
                "<p>The details required by German law (§ 5 Digitale-Dienste-Gesetz and § 18 "
                "Medienstaatsvertrag: postal address, authorised representative, contact) will be "
                "added here by the editorial office.</p>"
                "<h2>Content</h2>"
                "<p>The content of this website is maintained by the Integration Officer of the "
                "City of Kassel and the Amt für Chancengleichheit.</p>"
            ),
            "sl": (
                "<h2>Izdajatelj</h2>"
                "<p>Mesto Kassel, Amt für Chancengleichheit (Urad za enake možnosti) – "
                "pooblaščenka za integracijo mesta Kassel</p>"
                "<p>Podatke, ki jih zahteva nemška zakonodaja (§ 5 Digitale-Dienste-Gesetz in "
                "§ 18 Medienstaatsvertrag: poštni naslov, zakoniti zastopnik, kontakt), bo "
                "uredništvo dodalo tukaj.</p>"
                "<h2>Vsebina</h2>"
                "<p>Vsebino tega spletnega mesta urejata pooblaščenka za integracijo mesta Kassel "
                "in Amt für Chancengleichheit.</p>"
            ),
        },
    },
    LegalPage.Kind.PRIVACY: {
        "title": {
            "de": "Datenschutzerklärung",
            "en": "Privacy policy",
            "sl": "Izjava o varstvu podatkov",
        },
        "body": {
            "de": (
                "<h2>Verantwortliche Stelle</h2>"
                "<p>Verantwortlich ist die Stadt Kassel. Die Kontaktdaten der Verantwortlichen und "
                "der oder des Datenschutzbeauftragten werden von der Redaktion hier ergänzt.</p>"
                "<h2>Aufruf der Website</h2>"
                "<p>Beim Aufruf einer Seite verarbeitet der Server technisch notwendige Daten "
                "(IP-Adresse, Zeitpunkt, aufgerufene Adresse), um die Seite auszuliefern "
                "(Art. 6 Abs. 1 lit. e DSGVO). Diese Website setzt beim bloßen Lesen keine Cookies, "
                "verwendet keine Analyse- oder Trackingdienste und lädt keine Inhalte, Schriften "
                "oder Skripte von anderen Servern.</p>"
                "<h2>Formulare</h2>"
                "<p>Wenn Sie ein Formular verwenden (zum Beispiel, um eine Barriere zu melden), "
                "wird zum Schutz vor Missbrauch ein technisch notwendiges Cookie gesetzt. Die "
                "Angaben, die Sie im Formular machen, verwenden wir nur, um Ihr Anliegen zu "
                "bearbeiten, und löschen sie, wenn sie dafür nicht mehr gebraucht werden.</p>"
                "<h2>Ihre Rechte</h2>"
                "<p>Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der "
                "Verarbeitung und Widerspruch (Art. 15 bis 21 DSGVO) sowie das Recht, sich bei "
                "der Aufsichtsbehörde zu beschweren, in Hessen bei der oder dem Hessischen "
                "Beauftragten für Datenschutz und Informationsfreiheit.</p>"
            ),
            "en": (
                "<h2>Controller</h2>"
                "<p>The controller is the City of Kassel. The contact details of the controller "
                "and of the data protection officer will be added here by the editorial office.</p>"
                "<h2>Visiting the website</h2>"
                "<p>When you open a page, the server processes the technically necessary data "
                "(IP address, time, address requested) to deliver the page (Art. 6(1)(e) GDPR). "
                "This website sets no cookies while you read, uses no analytics or tracking "
                "services and loads no content, fonts or scripts from other servers.</p>"
                "<h2>Forms</h2>"
                "<p>When you use a form (for example to report a barrier), a technically necessary "
                "cookie is set to protect against misuse. We use the details you give in the form "
                "only to deal with your request and delete them when they are no longer needed "
                "for that.</p>"
                "<h2>Your rights</h2>"
                "<p>You have the right of access, rectification, erasure, restriction of "
                "processing and objection (Art. 15 to 21 GDPR), and the right to lodge a complaint "
                "with the supervisory authority, in Hesse the Hessian Commissioner for Data "
                "Protection and Freedom of Information.</p>"
            ),
            "sl": (
                "<h2>Upravljavec</h2>"
                "<p>Upravljavec je mesto Kassel. Kontaktne podatke upravljavca in pooblaščene "
                "osebe za varstvo podatkov bo uredništvo dodalo tukaj.</p>"
                "<h2>Obisk spletnega mesta</h2>"
                "<p>Ko odprete stran, strežnik obdela tehnično nujne podatke (naslov IP, čas, "
                "zahtevani naslov), da vam stran dostavi (člen 6(1)(e) GDPR). To spletno mesto "
                "med branjem ne nastavlja piškotkov, ne uporablja storitev za analitiko ali "
                "sledenje in ne nalaga vsebin, pisav ali skript z drugih strežnikov.</p>"
                "<h2>Obrazci</h2>"
                "<p>Ko uporabite obrazec (na primer za prijavo ovire), se za zaščito pred zlorabo "
                "nastavi tehnično nujen piškotek. Podatke, ki jih vnesete v obrazec, uporabimo "
                "samo za obravnavo vaše zadeve in jih izbrišemo, ko jih za to ne potrebujemo več.</p>"
                "<h2>Vaše pravice</h2>"
                "<p>Imate pravico do dostopa, popravka, izbrisa, omejitve obdelave in ugovora "
                "(členi 15 do 21 GDPR) ter pravico do pritožbe pri nadzornem organu, v Hessnu pri "
                "hessenskem pooblaščencu za varstvo podatkov in svobodo informacij.</p>"
            ),
        },
    },
    LegalPage.Kind.ACCESSIBILITY: {
        "title": {
            "de": "Erklärung zur Barrierefreiheit",
            "en": "Accessibility statement",
            "sl": "Izjava o dostopnosti",
        },
        "body": {
            "de": (
                "<p>Die Stadt Kassel ist bemüht, diese Website im Einklang mit dem Hessischen "
                "Behinderten-Gleichstellungsgesetz (HessBGG) und der Hessischen Verordnung über "
                "barrierefreie Informationstechnik (HVBIT) zur Umsetzung der Richtlinie (EU) "
                "2016/2102 barrierefrei zugänglich zu machen.</p>"
                "<h2>Stand der Vereinbarkeit mit den Anforderungen</h2>"
                "<p>Jede Seitenart wird bei jeder Änderung der Software automatisiert in einem "
                "Browser gegen die Regeln der WCAG 2.1 (Stufen A und AA) geprüft. Eine "
                "vollständige Prüfung durch Fachleute steht noch aus; deshalb wird die "
                "Vereinbarkeit mit den Anforderungen derzeit nicht erklärt. Bekannte Barrieren "
                "werden hier aufgeführt, sobald sie festgestellt sind.</p>"
                "<h2>Barrieren melden (Feedback-Mechanismus)</h2>"
                "<p>Wenn Ihnen Barrieren auf dieser Website auffallen oder Sie Inhalte in einer "
                "zugänglichen Form benötigen, melden Sie sich bitte über das Formular "
                "„Barriere melden“. Ihre Meldung wird von der Redaktion bearbeitet.</p>"
                "<h2>Durchsetzungsverfahren</h2>"
                "<p>Wenn Sie auf Ihre Meldung innerhalb von sechs Wochen keine zufriedenstellende "
                "Antwort erhalten, können Sie nach § 6 HVBIT die Durchsetzungs- und "
                "Überwachungsstelle des Landes Hessen bei der Beauftragten der Hessischen "
                "Landesregierung für barrierefreie IT einschalten. Informationen und das "
                "Antragsformular finden Sie unter "
                '<a href="https://lbit.hessen.de/">lbit.hessen.de</a>.</p>'
            ),
            "en": (
                "<p>The City of Kassel endeavours to make this website accessible in accordance "
                "with the Hessian Disability Equality Act (HessBGG) and the Hessian Ordinance on "
                "Accessible Information Technology (HVBIT), which implements Directive (EU) "
                "2016/2102.</p>"
                "<h2>Compliance status</h2>"
                "<p>Every type of page is tested automatically in a browser against the rules of "
                "WCAG 2.1 (levels A and AA) whenever the software changes. A full review by "
                "experts has not yet taken place, so compliance with the requirements is not "
                "declared at present. Known barriers will be listed here as soon as they are "
                "found.</p>"
                "<h2>Reporting barriers (feedback mechanism)</h2>"
                "<p>If you come across barriers on this website or need content in an accessible "
                "format, please tell us using the “Report a barrier” form. The editorial office "
                "will deal with your report.</p>"
                "<h2>Enforcement procedure</h2>"
                "<p>If you do not receive a satisfactory answer within six weeks, you can turn to "
                "the enforcement and monitoring body of the State of Hesse, run by the Hessian "
                "Government Commissioner for Accessible IT, under § 6 HVBIT. Information and the "
                'application form are available at <a href="https://lbit.hessen.de/">'
                "lbit.hessen.de</a> (in German).</p>"
            ),
            "sl": (
                "<p>Mesto Kassel si prizadeva, da bi bilo to spletno mesto dostopno v skladu s "
                "hessenskim zakonom o enakopravnosti invalidov (HessBGG) in hessensko uredbo o "
                "dostopni informacijski tehnologiji (HVBIT), ki izvaja Direktivo (EU) "
                "2016/2102.</p>"
                "<h2>Stanje skladnosti z zahtevami</h2>"
                "<p>Vsaka vrsta strani se ob vsaki spremembi programske opreme samodejno preveri "
                "v brskalniku po pravilih WCAG 2.1 (ravni A in AA). Celovit strokovni pregled še "
                "ni bil opravljen, zato skladnost z zahtevami trenutno ni izjavljena. Znane ovire "
                "bodo navedene tukaj, takoj ko bodo ugotovljene.</p>"
                "<h2>Prijava ovir (mehanizem za povratne informacije)</h2>"
                "<p>Če na tem spletnem mestu opazite ovire ali potrebujete vsebino v dostopni "
                "obliki, nam to sporočite prek obrazca »Prijavite oviro«. Uredništvo bo vašo "
                "prijavo obravnavalo.</p>"
                "<h2>Postopek izvrševanja</h2>"
                "<p>Če v šestih tednih ne prejmete zadovoljivega odgovora, se lahko v skladu s "
                "§ 6 HVBIT obrnete na organ za izvrševanje in nadzor dežele Hessen pri "
                "pooblaščenki hessenske deželne vlade za dostopno informacijsko tehnologijo. "
                'Informacije in obrazec za vlogo so na voljo na <a href="https://lbit.hessen.de/">'
                "lbit.hessen.de</a> (v nemščini).</p>"
            ),
        },
    },
}


def translated(values: dict, field: str) -> dict:
    return {f"{field}_{code}": text for code, text in values.items()}


def load(log):
    for kind, texts in LEGAL_PAGES.items():
        # Staff may have edited the text since: only create, never overwrite.
        _page, created = LegalPage.objects.get_or_create(
            kind=kind,
            defaults={**translated(texts["title"], "title"), **translated(texts["body"], "body")},
        )
        log(f"legal page {kind}: {'created' if created else 'kept'}")
