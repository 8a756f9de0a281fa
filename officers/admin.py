from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from officers.models import Organisation, Person, Quote


@admin.register(Organisation)
class OrganisationAdmin(TabbedTranslationAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(TabbedTranslationAdmin):
    list_display = ["family_name", "given_name", "role", "organisation", "works_for_city"]
    list_filter = ["works_for_city", "organisation"]
    search_fields = ["family_name", "given_name", "role"]
    prepopulated_fields = {"slug": ["given_name", "family_name"]}
    autocomplete_fields = ["organisation"]


@admin.register(Quote)
class QuoteAdmin(TabbedTranslationAdmin):
    list_display = ["speaker", "said_on", "source"]
    list_filter = ["speaker"]
    search_fields = ["text", "speaker__family_name", "source"]
    autocomplete_fields = ["speaker"]
