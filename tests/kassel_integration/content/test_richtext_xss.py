"""Rich text against a corpus of classic XSS payloads, in the sanitiser and in a real browser.

Unit level: whatever goes in, the sanitised HTML holds only the allowed elements and
attributes, and links only the allowed schemes. Browser level: every payload is stored
as the explanation of a task on the office page (once through the model, which sanitises
on save, and once raw in the database, so that only the sanitising on output stands
between it and the reader), and the page is opened in Chromium. The portal's
Content-Security-Policy would stop inline script by itself; the page is therefore also
loaded with that header removed, so the test shows that the sanitiser alone is enough,
and a control proves that the same harness does see a payload that runs.
"""

from html.parser import HTMLParser

import pytest

from kassel_integration.content.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, RENAMED, sanitize

# Payloads that run set this flag or open a dialog; both are watched in the browser.
PAYLOADS = [
    # script elements
    "<script>window.__xss=1</script>",
    "<SCRIPT SRC=//xss.invalid/xss.js></SCRIPT>",
    "<script>alert(1)</script>after",
    "<<script>alert(1);//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<script type="module">window.__xss=1</script>',
    # event handlers
    '<img src=x onerror="window.__xss=1">',
    "<img src=x onerror=alert(1)//",
    "<svg onload=alert(1)>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<a href="https://example.org/" onclick="alert(1)" onmouseover=alert(1)>link</a>',
    '<span lang="de" onmouseover="alert(1)" style="display:block">x</span>',
    "<x onclick=alert(1)>click</x>",
    '<p onpointerenter="window.__xss=1">hover</p>',
    # javascript:, data: and vbscript: URLs, plain and obfuscated
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
    '<a href=" &#14;  javascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<IMG SRC="javascript:alert(1);">',
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    # svg and math
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    '<svg><animate onbegin="alert(1)" attributeName="x" dur="1s"/></svg>',
    '<math href="javascript:alert(1)">x</math>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    # style and expression()
    '<div style="background-image: url(javascript:alert(1))">x</div>',
    '<p style="width: expression(alert(1))">x</p>',
    "<style>@import 'https://xss.invalid/xss.css';</style>",
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    # iframe, object, embed, base, link, meta
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;parent.__xss=1&lt;/script&gt;"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="https://xss.invalid/x.css">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    # forms
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<form><button formaction="javascript:alert(1)">x</button></form>',
    # comments, CDATA and other parser confusion
    "<!--><img src=x onerror=alert(1)>-->",
    "<!-- --!><img src=x onerror=alert(1)> -->",
    "<![CDATA[><img src=x onerror=alert(1)>]]>",
    "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
    "<![if true]><img src=x onerror=alert(1)><![endif]>",
    # mutation XSS: markup that changes meaning when parsed a second time
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<p title="</p><img src=x onerror=alert(1)>">',
    "<template><img src=x onerror=alert(1)></template>",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    '<abbr title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">x</abbr>',
    "<textarea><img src=x onerror=alert(1)></textarea>",
    "<a href='https://example.org/'><span lang='\"><img src=x onerror=alert(1)>'>x</span></a>",
]

ALLOWED_AFTER_TIDY = (ALLOWED_TAGS - set(RENAMED)) | set(RENAMED.values())
SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
TASKS = ".office-tasks > li"


class Markup(HTMLParser):
    """The elements and attributes of a fragment, as a parser sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.comments = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_comment(self, data):
        self.comments.append(data)

    def unknown_decl(self, data):
        self.comments.append(data)


def markup(html):
    parser = Markup()
    parser.feed(html)
    parser.close()
    return parser


def test_corpus_is_a_real_corpus():
    assert len(PAYLOADS) >= 40
    assert len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitised_payload_has_no_dangerous_markup(payload):
    html = sanitize(payload)
    found = markup(html)
    assert found.comments == []
    for tag, attributes in found.elements:
        assert tag in ALLOWED_AFTER_TIDY, (payload, html)
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        assert set(attributes) <= allowed, (payload, html)
        if "href" in attributes:
            href = attributes["href"].strip().lower()
            assert ":" not in href.split("/", 1)[0] or href.startswith(SAFE_SCHEMES), html
        if tag == "a":
            assert attributes["rel"] == "noopener noreferrer"
    # Sanitised text is stable: the output pass changes nothing the save pass kept.
    assert sanitize(html) == html


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("<script>alert(1)</script>after", "after"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "x"),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', "x"),
        ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', "x"),
        (
            '<a href="https://example.org/" onclick="alert(1)" onmouseover=alert(1)>link</a>',
            '<a href="https://example.org/" rel="noopener noreferrer">link</a>',
        ),
        (
            '<span lang="de" onmouseover="alert(1)" style="display:block">x</span>',
            '<span lang="de">x</span>',
        ),
        ('<p title="</p><img src=x onerror=alert(1)>">', ""),
        (
            '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
            # The parser ends the noscript at the quoted "</noscript>": what follows is text.
            '"&gt;',
        ),
        (
            "<textarea><img src=x onerror=alert(1)></textarea>",
            "",
        ),
        ("<svg><a xlink:href='javascript:alert(1)'><text>x</text></a></svg>", ""),
        (
            '<abbr title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">x</abbr>',
            '<abbr title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">x</abbr>',
        ),
    ],
)
def test_sanitised_payload_exactly(payload, expected):
    assert sanitize(payload) == expected


# ---------------------------------------------------------------- in the browser

FLAG_AND_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
    (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));
"""

# What the rendered explanations may contain, checked in the live DOM.
DOM_REPORT = """
(selector) => {
  const report = {tags: new Set(), attributes: new Set(), protocols: new Set()};
  for (const holder of document.querySelectorAll(selector)) {
    for (const element of holder.querySelectorAll('*')) {
      report.tags.add(element.localName);
      for (const attribute of element.attributes) report.attributes.add(attribute.name);
      if (element.localName === 'a' && element.hasAttribute('href')) {
        report.protocols.add(element.protocol);
      }
    }
  }
  return {
    tags: [...report.tags].sort(),
    attributes: [...report.attributes].sort(),
    protocols: [...report.protocols].sort(),
    holders: document.querySelectorAll(selector).length,
  };
}
"""


@pytest.fixture
def payload_page(transactional_db, live_server):
    """The office page with one task per payload, stored sanitised and stored raw."""
    from officers.models import Task
    from tests.officers.factories import OfficeFactory, TaskFactory

    office = OfficeFactory()
    for number, payload in enumerate(PAYLOADS):
        TaskFactory(office=office, key=f"saved-{number}", explanation_de=payload)
        raw = TaskFactory(office=office, key=f"raw-{number}")
        # .update() skips RichTextField.pre_save: only the output pass protects this one.
        Task.objects.filter(pk=raw.pk).update(explanation_de=payload)
    raw = Task.objects.filter(key__startswith="raw-").order_by("order")
    assert list(raw.values_list("explanation_de", flat=True)) == PAYLOADS
    return f"{live_server.url}/de/integrationsbeauftragte/"


def watch(page):
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.add_init_script(FLAG_AND_VIOLATIONS)
    return dialogs


def without_csp(page, inject=""):
    """Serve the page without its Content-Security-Policy (and optionally with extra HTML)."""

    def handle(route):
        response = route.fetch()
        headers = {
            name: value
            for name, value in response.headers.items()
            if name.lower() != "content-security-policy"
        }
        body = response.text().replace("</main>", f"{inject}</main>", 1)
        route.fulfill(response=response, headers=headers, body=body)

    page.route("**/de/integrationsbeauftragte/", handle)


# Inline handlers run for dispatched events too: this plays a reader moving over,
# focusing and toggling everything in the explanations, without leaving the page.
INTERACT = """
(selector) => {
  for (const element of document.querySelectorAll(selector + ' *')) {
    for (const type of ['mouseover', 'mouseenter', 'pointerenter', 'focus', 'toggle']) {
      element.dispatchEvent(new Event(type));
    }
  }
}
"""


def settle(page):
    page.evaluate(INTERACT, TASKS)
    # Give handlers that fire on load, error or animation a moment to run.
    page.wait_for_timeout(300)


def assert_nothing_ran(page, dialogs):
    assert dialogs == []
    assert page.evaluate("() => typeof window.__xss") == "undefined"
    report = page.evaluate(DOM_REPORT, TASKS)
    assert report["holders"] == 2 * len(PAYLOADS)
    assert set(report["tags"]) <= ALLOWED_AFTER_TIDY | {"h3"}, report
    assert set(report["attributes"]) <= {"href", "rel", "lang", "title", "hreflang"}, report
    assert set(report["protocols"]) <= set(SAFE_SCHEMES), report


@pytest.mark.browser
def test_payloads_do_not_run_on_the_page(page, payload_page):
    dialogs = watch(page)
    response = page.goto(payload_page)
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    settle(page)
    assert_nothing_ran(page, dialogs)
    # Nothing was even blocked by the policy: there was nothing to block.
    assert page.evaluate("() => window.__violations") == []


@pytest.mark.browser
def test_payloads_do_not_run_even_without_the_csp(page, payload_page):
    dialogs = watch(page)
    without_csp(page)
    response = page.goto(payload_page)
    assert response.status == 200
    assert "content-security-policy" not in response.headers
    settle(page)
    assert_nothing_ran(page, dialogs)


@pytest.mark.browser
def test_control_a_payload_that_reaches_the_page_is_seen(page, payload_page):
    """The harness itself works: unsanitised markup on the same page does run."""
    dialogs = watch(page)
    without_csp(page, inject='<img src="x" alt="" onerror="alert(1)">')
    response = page.goto(payload_page)
    assert response.status == 200
    page.wait_for_timeout(300)
    assert dialogs == ["1"]
