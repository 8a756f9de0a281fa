from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from concept.models import FieldOfAction


@admin.register(FieldOfAction)
class FieldOfActionAdmin(TabbedTranslationAdmin):
    list_display = ["number", "title", "status"]
    list_filter = ["status"]
    search_fields = ["title"]
    ordering = ["number"]
