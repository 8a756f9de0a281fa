"""Uploaded images: what is accepted, how it is cleaned, stored and shown.

Every image the portal shows is uploaded by staff, so every upload goes through
the same steps, whichever model holds it (today: the portraits of people):

- The type is decided by the content, never by the name or the browser's
  claim. Pillow must recognise the file as JPEG, PNG or WebP; anything else (a
  script or an HTML page renamed ".jpg", a GIF, an SVG) is refused with a
  message in the editor's language.
- Size limits: the file (IMAGE_MAX_UPLOAD_SIZE, 10 MB) and the number of
  pixels (IMAGE_MAX_PIXELS, 40 million) are checked before the image is
  decoded, so a small file that unpacks into gigabytes (a "decompression
  bomb") is refused instead of filling the server's memory.
- The image is decoded and written anew: the EXIF orientation is applied to
  the pixels and then everything that is not pixels goes (EXIF with camera
  and GPS position, XMP, comments, text chunks). Colours in another profile
  are converted to sRGB first, so dropping the profile changes nothing.
- The stored name is random; the uploader's file name never reaches the disk.
- Smaller copies (IMAGE_RENDITION_WIDTHS, 320/640/960 pixels wide, never
  enlarged) are written beside it, so pages can offer a srcset.

Text alternatives belong to the model that shows the image (a portrait's
description differs from the same photo elsewhere): `ProcessedImageField`
names its alt text and "decorative" fields, `check_alt_text` enforces a German
description unless the image is marked decorative, and the `{% image %}` tag
(kassel_integration/templatetags/images.py) renders it.
"""

import contextlib
import io
import secrets
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import models, transaction
from django.db.models.fields.files import ImageFieldFile
from django.db.models.signals import post_delete, post_init, post_save
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

DEFAULT_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# A 40-megapixel photo decodes to about 160 MB; larger ones are not needed on a web page.
DEFAULT_MAX_PIXELS = 40_000_000
DEFAULT_RENDITION_WIDTHS = (320, 640, 960)

# Pillow format name -> file extension, content type.
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
ENCODER_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 85, "method": 4},
}

NOT_AN_IMAGE = _(
    "This file is not a JPEG, PNG or WebP image. The type is checked by the file's content, "
    "not by its name."
)
UNREADABLE = _("This image could not be read; it may be damaged. Please save it again and retry.")


def max_upload_size() -> int:
    return getattr(settings, "IMAGE_MAX_UPLOAD_SIZE", DEFAULT_MAX_UPLOAD_SIZE)


def max_pixels() -> int:
    return getattr(settings, "IMAGE_MAX_PIXELS", DEFAULT_MAX_PIXELS)


def rendition_widths() -> tuple[int, ...]:
    return tuple(sorted(getattr(settings, "IMAGE_RENDITION_WIDTHS", DEFAULT_RENDITION_WIDTHS)))


def _too_many_pixels():
    return ValidationError(
        _(
            "The image has too many pixels: at most %(limit)s megapixels are accepted. "
            "Please make it smaller before uploading it."
        ),
        code="image_too_many_pixels",
        params={"limit": max_pixels() // 1_000_000},
    )


@dataclass
class ProcessedImage:
    """An upload that passed the checks, decoded, oriented and stripped of metadata."""

    image: Image.Image
    format: str
    data: bytes

    @property
    def extension(self):
        return FORMATS[self.format][0]

    @property
    def size(self):
        return self.image.size


def _open(fileobj) -> Image.Image:
    """Open by content, refusing other formats and decompression bombs before decoding."""
    fileobj.seek(0)
    # Pillow may close the file it reads; it gets its own copy (at most the size limit).
    data = io.BytesIO(fileobj.read())
    fileobj.seek(0)
    with warnings.catch_warnings():
        # Pillow only warns between its own limit and twice that; treat both alike.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(data, formats=list(FORMATS))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels() from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ValidationError(NOT_AN_IMAGE, code="image_type") from None
    width, height = image.size
    if width * height > max_pixels():
        image.close()
        raise _too_many_pixels()
    return image


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB(A) pixels in sRGB, so that the colour profile can be dropped without a colour shift."""
    if image.mode in ("L", "LA"):
        return image
    mode = "RGBA" if image.has_transparency_data else "RGB"
    profile = image.info.get("icc_profile")
    if profile:
        # A profile that cannot be applied (broken, or for another colour space)
        # is ignored: the pixels are converted as they are.
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):
            return ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                ImageCms.createProfile("sRGB"),
                outputMode=mode,
            )
    return image if image.mode == mode else image.convert(mode)


def _encode(image: Image.Image, format: str) -> bytes:
    # Encoders fall back to `image.info` for some metadata (PNG: ICC profile,
    # JPEG: comment); with it empty, only pixels are written.
    image.info = {}
    if format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format=format, **ENCODER_OPTIONS[format])
    return buffer.getvalue()


def process(fileobj) -> ProcessedImage:
    """Check an upload and turn it into a clean image, or raise ValidationError."""
    size = getattr(fileobj, "size", None)
    if size is not None and size > max_upload_size():
        raise ValidationError(
            _("The file is %(size)s; images may be at most %(limit)s."),
            code="image_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_upload_size())},
        )
    source = _open(fileobj)
    try:
        image_format = source.format
        source.load()
        image = ImageOps.exif_transpose(source)
        image = _to_srgb(image)
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(UNREADABLE, code="image_unreadable") from None
    finally:
        source.close()
    return ProcessedImage(image=image, format=image_format, data=_encode(image, image_format))


def make_renditions(processed: ProcessedImage):
    """Smaller copies for srcset: (width, height, bytes) for each width below the image's."""
    width, height = processed.size
    for target in rendition_widths():
        if target >= width:
            break
        target_height = max(1, round(height * target / width))
        copy = processed.image.resize(
            (target, target_height), Image.Resampling.LANCZOS, reducing_gap=3.0
        )
        yield target, target_height, _encode(copy, processed.format)


# Processing is done once per upload: the form field and the model validator
# both need it, and saving the file uses the result.
_CACHE_ATTRIBUTE = "_kassel_processed_image"


def processed_upload(upload) -> ProcessedImage:
    cached = getattr(upload, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = process(upload)
        setattr(upload, _CACHE_ATTRIBUTE, cached)
    return cached


def _upload_of(value):
    """The uploaded file behind a FieldFile that has not been saved yet, else None."""
    if not value or getattr(value, "_committed", True):
        return None
    return getattr(value, "file", value)


def validate_image(value):
    """Model field validator; an unchanged, stored image passed it when it was uploaded."""
    upload = _upload_of(value)
    if upload is not None:
        processed_upload(upload)


@deconstructible
class RandomName:
    """upload_to: "<folder>/<random>.<extension of the cleaned format>"."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        extension = PurePosixPath(filename).suffix.lower()
        return f"{self.folder}/{secrets.token_urlsafe(16)}{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


def rendition_name(name: str, width: int) -> str:
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}-{width}w{path.suffix}"))


class ProcessedImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        processed = processed_upload(content)
        super().save(f"image.{processed.extension}", ContentFile(processed.data), save=False)
        width, height = processed.size
        if self.field.width_field:
            setattr(self.instance, self.field.width_field, width)
        if self.field.height_field:
            setattr(self.instance, self.field.height_field, height)
        renditions = []
        for width, height, data in make_renditions(processed):
            stored = self.storage.save(rendition_name(self.name, width), ContentFile(data))
            renditions.append({"name": stored, "width": width, "height": height})
        if self.field.renditions_field:
            setattr(self.instance, self.field.renditions_field, renditions)
        if save:
            self.instance.save()

    save.alters_data = True


class ImageUploadField(forms.ImageField):
    """Form field that judges the upload with `process` (and its messages) instead of Django's."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        processed = processed_upload(upload)
        upload.content_type = FORMATS[processed.format][1]
        return upload

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ",".join(content_type for _ext, content_type in FORMATS.values())
        return attrs


class ProcessedImageField(models.ImageField):
    """An ImageField whose uploads are checked, cleaned and given responsive copies.

    `renditions_field` (a JSONField) receives the list of smaller copies;
    `alt_field` (a translated CharField) and `decorative_field` (a BooleanField)
    name the image's text alternative for `check_alt_text` and `{% image %}`.
    Replaced or deleted images are removed from storage with their copies.
    """

    attr_class = ProcessedImageFieldFile
    default_validators = [validate_image]

    def __init__(
        self, *args, renditions_field=None, alt_field=None, decorative_field=None, **kwargs
    ):
        self.renditions_field = renditions_field
        self.alt_field = alt_field
        self.decorative_field = decorative_field
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for option in ("renditions_field", "alt_field", "decorative_field"):
            if getattr(self, option):
                kwargs[option] = getattr(self, option)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, **kwargs})

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        # An upload not yet processed is not opened here: Django would decode a
        # decompression bomb before any check, and its size may change when the
        # orientation is applied. The stored image sets the dimensions on save.
        value = instance.__dict__.get(self.attname)
        if isinstance(value, File) and not getattr(value, "_committed", False):
            return
        # A stored file that has gone missing must not break every page that
        # loads the row (Django reads it when the dimension fields are empty).
        with contextlib.suppress(FileNotFoundError):
            super().update_dimension_fields(instance, force, *args, **kwargs)

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            post_init.connect(self._remember_stored, sender=cls)
            post_save.connect(self._remove_replaced, sender=cls)
            post_delete.connect(self._remove_deleted, sender=cls)

    # ---------------------------------------------------------------- cleanup
    def _stored_files(self, instance):
        value = instance.__dict__.get(self.attname)
        name = getattr(value, "name", value) or ""
        if not name:
            return []
        renditions = getattr(instance, self.renditions_field, None) if self.renditions_field else []
        return [name, *(r["name"] for r in renditions or [])]

    def _remember_stored(self, instance, **kwargs):
        instance.__dict__[f"_{self.attname}_stored"] = self._stored_files(instance)

    def _delete_on_commit(self, names):
        storage = self.storage
        if names:
            transaction.on_commit(lambda: [storage.delete(name) for name in names])

    def _remove_replaced(self, instance, **kwargs):
        key = f"_{self.attname}_stored"
        current = self._stored_files(instance)
        self._delete_on_commit([n for n in instance.__dict__.get(key, []) if n not in current])
        instance.__dict__[key] = current

    def _remove_deleted(self, instance, **kwargs):
        self._delete_on_commit(self._stored_files(instance))


def reprocess_stored(instance, field_name) -> bool:
    """Run an image stored before these checks existed through them; False if it cannot be.

    Used by the migration that introduced them, so that no earlier upload keeps
    its metadata or lacks its copies. The old file is removed once the new one
    is saved; a file that is missing or not an accepted image is left as it is.
    """
    fieldfile = getattr(instance, field_name)
    if not fieldfile:
        return False
    try:
        with fieldfile.storage.open(fieldfile.name, "rb") as stored:
            upload = ContentFile(stored.read(), name=fieldfile.name)
        fieldfile.save(fieldfile.name, upload, save=False)
    except (FileNotFoundError, ValidationError):
        return False
    image_field = instance._meta.get_field(field_name)
    instance.save(
        update_fields=[
            name
            for name in (
                field_name,
                image_field.width_field,
                image_field.height_field,
                image_field.renditions_field,
            )
            if name
        ]
    )
    return True


def check_alt_text(instance, field_name):
    """ValidationError unless the image has a German description or is marked decorative.

    German is the language every other one falls back to, so it is the one required.
    """
    image_field = instance._meta.get_field(field_name)
    if not getattr(instance, field_name) or getattr(instance, image_field.decorative_field):
        return
    alt_field = build_localized_fieldname(image_field.alt_field, settings.LANGUAGE_CODE)
    if not (getattr(instance, alt_field, None) or "").strip():
        raise ValidationError(
            {
                alt_field: _(
                    "Please describe the image: people who cannot see it need this. "
                    "If it is only decoration, tick “decorative image” instead."
                )
            },
            code="alt_text_required",
        )


def responsive(fieldfile, renditions, width, height):
    """src, srcset, width and height for an <img>, from the stored image and its copies."""
    largest = max(rendition_widths(), default=0)
    candidates = [(r["name"], r["width"], r["height"]) for r in renditions or []]
    if not candidates or width <= largest:
        # Small enough to be offered as it is (or no copies exist, e.g. an old upload).
        candidates.append((fieldfile.name, width, height))
    candidates.sort(key=lambda candidate: candidate[1])
    storage = fieldfile.storage
    src_name, src_width, src_height = candidates[-1]
    return {
        "src": storage.url(src_name),
        "srcset": ", ".join(f"{storage.url(name)} {w}w" for name, w, _h in candidates),
        "width": src_width,
        "height": src_height,
    }


class UploadAgainMixin:
    """After a form error, say beside each file field that the chosen file must be chosen again.

    Browsers never fill a file input in a returned page, and the upload is not
    kept on the server: a portrait is personal data, and a half-finished form
    must not leave an image behind that nobody will ever save or delete. So
    the person is told clearly, beside the field and in the error box, when
    the file itself was fine and only other fields had errors.
    """

    def render_change_form(self, request, context, *args, **kwargs):
        form = context.get("adminform") and context["adminform"].form
        if form is not None and form.is_bound and form.errors:
            for name, field in form.fields.items():
                upload = request.FILES.get(form.add_prefix(name))
                # A file refused for itself has its own error, which says what to do.
                if (
                    isinstance(field, forms.FileField)
                    and upload is not None
                    and name not in form.errors
                ):
                    form.add_error(
                        name,
                        gettext(
                            "The file “%(file)s” was not saved because of the errors on this "
                            "page, and a browser cannot keep a chosen file. Please choose it "
                            "again before you save."
                        )
                        % {"file": upload.name},
                    )
        return super().render_change_form(request, context, *args, **kwargs)
