"""Rich text: what a municipal page needs is kept, Word's junk is removed, on save and on output."""

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.urls import reverse
from django.utils.translation import override

from kassel_integration.content.richtext import RichTextField, normalise_language, sanitize
from kassel_integration.models import LegalPage

# What Word 365 (German) puts on the clipboard as HTML for a short text with a
# heading, bold and italic words, an empty paragraph, a bulleted list item, a link
# and an English passage, trimmed of further style definitions but otherwise verbatim.
WORD_PASTE = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<link rel=File-List
href="file:///C:/Users/MUSTER~1/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<!--[if gte mso 9]><xml>
 <o:OfficeDocumentSettings>
  <o:AllowPNG/>
 </o:OfficeDocumentSettings>
</xml><![endif]-->
<!--[if gte mso 9]><xml>
 <w:WordDocument>
  <w:View>Normal</w:View>
  <w:Zoom>0</w:Zoom>
  <w:TrackMoves/>
  <w:HyphenationZone>21</w:HyphenationZone>
  <w:LidThemeOther>DE</w:LidThemeOther>
 </w:WordDocument>
</xml><![endif]-->
<style>
<!--
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;
	mso-style-qformat:yes;
	margin:0cm;
	font-size:12.0pt;
	font-family:"Calibri",sans-serif;
	mso-fareast-language:EN-US;}
a:link, span.MsoHyperlink
	{color:#0563C1;
	text-decoration:underline;}
@page WordSection1
	{size:595.3pt 841.9pt;
	margin:70.85pt 70.85pt 2.0cm 70.85pt;}
div.WordSection1
	{page:WordSection1;}
-->
</style>
</head>

<body lang=DE link="#0563C1" vlink="#954F72" style='tab-interval:35.4pt;
word-wrap:break-word'>
<!--StartFragment-->

<h1 style='margin-top:12.0pt'><span style='font-family:"Calibri Light",sans-serif'>Sprechstunde
im Rathaus<o:p></o:p></span></h1>

<p class=MsoNormal><span style='mso-fareast-language:EN-US'>Die Sprechstunde
findet <b>jeden Dienstag</b> statt. Bitte bringen Sie <i>Ihren Ausweis</i> mit.<o:p></o:p></span></p>

<p class=MsoNormal><o:p>&nbsp;</o:p></p>

<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol;mso-fareast-font-family:Symbol;mso-bidi-font-family:
Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]>Beratung zu Sprachkursen<o:p></o:p></p>

<p class=MsoNormal>Weitere Informationen: <a
href="https://www.kassel.de/" target="_blank">www.kassel.de</a><span
class=MsoHyperlink><o:p></o:p></span></p>

<p class=MsoNormal><span lang=EN-GB style='mso-ansi-language:EN-GB'>Welcome to Kassel</span><span
style='mso-spacerun:yes'>&nbsp;</span><font face="Arial" color=red>und</font> Ende.<o:p></o:p></p>

<!--EndFragment-->
</body>

</html>
"""

WORD_CLEANED = """<h2>Sprechstunde
im Rathaus</h2>

<p>Die Sprechstunde
findet <strong>jeden Dienstag</strong> statt. Bitte bringen Sie <em>Ihren Ausweis</em> mit.</p>

<p>Beratung zu Sprachkursen</p>

<p>Weitere Informationen: <a href="https://www.kassel.de/" rel="noopener noreferrer">www.kassel.de</a></p>

<p><span lang="en-GB">Welcome to Kassel</span>&nbsp;und Ende.</p>"""


def test_word_paste_loses_its_junk():
    assert sanitize(WORD_PASTE) == WORD_CLEANED


def test_what_a_municipal_page_needs_is_kept_unchanged():
    html = (
        "<h2>Beratung</h2><h3>Wann</h3><h4>Wo</h4>"
        "<p>Text mit <strong>Betonung</strong>, <em>Hervorhebung</em><br>und Umbruch.</p>"
        "<ul><li>eins</li><li>zwei</li></ul><ol><li>erstens</li></ol>"
        '<p lang="en">An English paragraph.</p>'
        '<p>Das Motto <span lang="de">„Alle gehören dazu!“</span> und '
        '<abbr title="Integrationsbeauftragte">IB</abbr>.</p>'
        '<blockquote lang="sl"><p>Citat.</p></blockquote>'
        '<p><a href="https://www.kassel.de/" hreflang="de" rel="noopener noreferrer">Stadt</a>, '
        '<a href="mailto:integration@example.org" rel="noopener noreferrer">E-Mail</a>, '
        '<a href="tel:+495610000" rel="noopener noreferrer">Telefon</a>, '
        '<a href="/de/impressum/" rel="noopener noreferrer">Impressum</a>, '
        '<a href="#kontakt" rel="noopener noreferrer">Kontakt</a></p>'
    )
    assert sanitize(html) == html


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # Links always get rel; other rel values and targets go.
        (
            '<a href="https://example.org/" rel="opener" target="_blank">x</a>',
            '<a href="https://example.org/" rel="noopener noreferrer">x</a>',
        ),
        # Only safe schemes; a link without address is no link.
        ('<p><a href="ftp://example.org/">x</a></p>', "<p>x</p>"),
        ('<p><a name="anker">x</a></p>', "<p>x</p>"),
        # Language tags: valid ones in their usual spelling, others dropped with their span.
        ('<span lang="EN-us">x</span>', '<span lang="en-US">x</span>'),
        ('<span lang="sr-latn-rs">x</span>', '<span lang="sr-Latn-RS">x</span>'),
        ('<span lang="english">x</span>', "x"),
        ('<span lang="de" title="t">x</span>', '<span lang="de">x</span>'),
        (
            '<h2 title="t" lang="sl">x</h2><ul><li lang="en">y</li></ul>',
            '<h2 lang="sl">x</h2><ul><li lang="en">y</li></ul>',
        ),
        ('<span lang="">x</span>', "x"),
        ('<p lang="x-klingon">x</p>', "<p>x</p>"),
        ('<a href="/x" hreflang="de_DE">x</a>', '<a href="/x" rel="noopener noreferrer">x</a>'),
        # Bare and nested spans unwrap around a kept one.
        (
            '<span class="a"><span lang="sl">b</span><span>c</span></span>',
            '<span lang="sl">b</span>c',
        ),
        # Browsers' and Word's inline tags become their meaningful equivalents.
        ("<b>fett</b> <i>kursiv</i>", "<strong>fett</strong> <em>kursiv</em>"),
        ("<h1>Titel</h1><h5>a</h5><h6>b</h6>", "<h2>Titel</h2><h4>a</h4><h4>b</h4>"),
        # Everything else goes; text inside stays, text inside scripts and styles does not.
        (
            '<div class="MsoNormal"><font face="Arial">Text</font><u>x</u><table><tr><td>y'
            "</td></tr></table></div>",
            "Textxy",
        ),
        ("<p>a<!-- Kommentar -->b</p>", "<p>ab</p>"),
        ("<p><img src=/media/x.jpg alt=Bild>Bild</p>", "<p>Bild</p>"),
        ("<style>p{color:red}</style><p>Text</p>", "<p>Text</p>"),
        # Empty leftovers go, whitespace collapses.
        ("<p> </p><p>&nbsp;</p><p><br></p><ul><li></li></ul><ol> </ol><p>a</p>", "<p>a</p>"),
        ("<p>a</p>\n \n\t\n<p>b</p>", "<p>a</p>\n\n<p>b</p>"),
        ("", ""),
    ],
)
def test_sanitise(html, expected):
    assert sanitize(html) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("de", "de"),
        ("SL", "sl"),
        ("en-gb", "en-GB"),
        ("es-419", "es-419"),
        ("zh-hant", "zh-Hant"),
        ("deu", "deu"),
        (" en ", "en"),
        ("d", None),
        ("english", None),
        ("en_GB", None),
        ("en-GB-oxendict", None),
        ('de" onmouseover="x', None),
    ],
)
def test_language_tags(value, expected):
    assert normalise_language(value) == expected


def test_sanitising_is_idempotent_on_the_word_paste():
    assert sanitize(WORD_CLEANED) == WORD_CLEANED


def test_shipped_content_is_unchanged_by_sanitising(content):
    """Every rich text the portal ships is already clean: the output pass keeps it as stored."""
    checked = 0
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, RichTextField) and f.attname[-3:] in ("_de", "_en", "_sl")
        ]
        for row in model._base_manager.values_list(*fields) if fields else []:
            for value in row:
                if value:
                    assert sanitize(value) == value
                    checked += 1
    assert checked > 20


def test_field_is_sanitised_on_save_and_on_output(client, content):
    page = LegalPage.objects.get(kind="imprint")
    page.body_de = WORD_PASTE
    page.save()
    page.refresh_from_db()
    assert page.body_de == WORD_CLEANED

    # A row written around the model (an import, old data) is cleaned when shown.
    LegalPage.objects.filter(pk=page.pk).update(
        body_de='<p onclick="alert(1)">Impressum<script>alert(1)</script></p><b>fett</b>'
    )
    with override("de"):
        response = client.get(reverse("imprint"))
    body = BeautifulSoup(response.content, "html.parser").select_one("article.prose")
    assert body.find("script") is None
    assert [str(p) for p in body.find_all("p")[:1]] == ["<p>Impressum</p>"]
    assert str(body.find("strong")) == "<strong>fett</strong>"


def test_translation_left_empty_stays_empty_after_word_paste(db):
    page = LegalPage.objects.create(
        kind="privacy", title_de="Datenschutz", body_de=WORD_PASTE, body_en="", body_sl=""
    )
    page.refresh_from_db()
    assert (page.body_de, page.body_en, page.body_sl) == (WORD_CLEANED, "", "")
