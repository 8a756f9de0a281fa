"""The stylesheets lay pages out for either direction: logical properties, never left or right.

A page in Arabic or Farsi (dir="rtl") mirrors by itself only if every side is
named by where a line starts and ends (margin-inline-start, text-align: start,
border-inline-start…), not by the left and right of the screen.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

STATIC = Path(settings.BASE_DIR) / "static"
# Third-party files are kept as their authors ship them.
VENDOR = STATIC / "vendor"

# (file relative to static/, selector, property) where left or right is meant
# physically, whatever the direction of the text, each with the reason. None so far.
ALLOWED: dict[tuple[str, str, str], str] = {}

COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
SIDE = re.compile(r"(^|-)(left|right)(-|$)")
SIDE_VALUE = re.compile(r"\b(left|right)\b")
# Shorthands whose four values go top, right, bottom, left.
BOX_SHORTHANDS = {
    "margin",
    "padding",
    "inset",
    "border-width",
    "border-style",
    "border-color",
    "scroll-margin",
    "scroll-padding",
}


def physical_declarations(css: str) -> list[tuple[str, str, str]]:
    """(selector, property, value) of every declaration that names left or right."""
    found = []
    for selectors, body in RULE.findall(COMMENT.sub("", css)):
        selector = " ".join(selectors.split())
        for declaration in body.split(";"):
            prop, colon, value = declaration.partition(":")
            prop, value = prop.strip().lower(), " ".join(value.split())
            if not colon or prop.startswith("--"):
                continue
            values = value.replace("!important", "").split()
            if (
                SIDE.search(prop)
                or SIDE_VALUE.search(value)
                or (prop in BOX_SHORTHANDS and len(values) == 4 and values[1] != values[3])
                or (prop == "border-radius" and len(set(values)) > 1)
            ):
                found.append((selector, prop, value))
    return found


def stylesheets():
    return sorted(path for path in STATIC.rglob("*.css") if not path.is_relative_to(VENDOR))


@pytest.mark.parametrize("path", stylesheets(), ids=lambda path: str(path.relative_to(STATIC)))
def test_stylesheet_uses_logical_properties(path):
    name = str(path.relative_to(STATIC))
    physical = [
        f"{selector} {{ {prop}: {value} }}"
        for selector, prop, value in physical_declarations(path.read_text(encoding="utf-8"))
        if (name, selector, prop) not in ALLOWED
    ]
    assert physical == [], f"{name} names left or right; use logical properties"


def test_the_stylesheets_are_found():
    names = {str(path.relative_to(STATIC)) for path in stylesheets()}
    assert {"css/portal.css", "css/events.css", "admin_extra/attention.css"} <= names


def test_the_check_sees_each_kind_of_physical_side():
    css = """
    /* margin-left in a comment is no declaration */
    .a { margin-left: 1rem; }
    .b { padding: 0 1rem 0 0; }
    .c { float: right; text-align: left; }
    .d { left: 0; border-top-right-radius: 3px; }
    .e { border-radius: 3px 0; }
    .ok { margin: 0 auto; padding: 0.5rem 1rem; padding: 1rem 2rem 1rem 2rem;
          margin-inline-start: 1rem; text-align: start; inset-inline-end: 0;
          border-radius: 3px; --left-gap: 1rem; }
    """
    assert physical_declarations(css) == [
        (".a", "margin-left", "1rem"),
        (".b", "padding", "0 1rem 0 0"),
        (".c", "float", "right"),
        (".c", "text-align", "left"),
        (".d", "left", "0"),
        (".d", "border-top-right-radius", "3px"),
        (".e", "border-radius", "3px 0"),
    ]
