"""The curators' admin: every catalog model, drafts, and history of every change."""

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.db.models import Count, OuterRef, Subquery, URLField
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import ngettext

from . import models
from .caching import one_change

# A link typed without a scheme is taken as https, as Django 6 will do.
URL_FIELDS = {URLField: {"assume_scheme": "https"}}

admin.site.site_header = "re:Invent keynotes: curation"
admin.site.site_title = "re:Invent keynotes admin"
admin.site.index_title = "Catalog"


class PublishActionsMixin:
    """Publish or unpublish many records at once, each change written to its history."""

    actions = ["publish", "unpublish"]

    def _set_published(self, request, queryset, value):
        changed = [obj for obj in queryset if obj.published != value]
        fields = ["published"]
        stamped = any(f.name == "updated_at" for f in self.model._meta.concrete_fields)
        if stamped:
            fields.append("updated_at")  # bulk_update() leaves auto_now fields alone
        now = timezone.now()
        for obj in changed:
            obj.published = value
            if stamped:
                obj.updated_at = now
        with one_change():
            self.model.objects.bulk_update(changed, fields)
        word = "Published" if value else "Unpublished"
        LogEntry.objects.log_actions(
            request.user.pk, changed, CHANGE, change_message=f"{word} with the list action."
        )
        return len(changed)

    @admin.action(description="Publish the selected records", permissions=["change"])
    def publish(self, request, queryset):
        count = self._set_published(request, queryset, True)
        self.message_user(
            request,
            ngettext("Published %d record.", "Published %d records.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(
        description="Unpublish the selected records (make drafts)", permissions=["change"]
    )
    def unpublish(self, request, queryset):
        count = self._set_published(request, queryset, False)
        self.message_user(
            request,
            ngettext("Made %d record a draft.", "Made %d records drafts.", count) % count,
            messages.SUCCESS,
        )


class SourceInline(admin.TabularInline):
    model = models.Source
    formfield_overrides = URL_FIELDS
    extra = 0
    fields = ["slug", "kind", "title", "author", "url", "published_on"]


@admin.register(models.Edition)
class EditionAdmin(PublishActionsMixin, admin.ModelAdmin):
    list_display = ["name", "year", "city", "start_date", "end_date", "published", "last_loaded"]
    list_filter = ["published"]
    search_fields = ["name", "city", "venue"]
    readonly_fields = ["last_loaded"]
    inlines = [SourceInline]
    fieldsets = [
        (None, {"fields": ["year", "name", "published", "summary"]}),
        ("Where and when", {"fields": ["city", "venue", "time_zone", "start_date", "end_date"]}),
        ("Fixture", {"fields": ["last_loaded"]}),
    ]

    def get_queryset(self, request):
        loads = models.YearLoad.objects.filter(year=OuterRef("year")).values("loaded_at")[:1]
        return super().get_queryset(request).annotate(loaded_at=Subquery(loads))

    @admin.display(description="last loaded from its fixture", ordering="loaded_at")
    def last_loaded(self, edition):
        if getattr(edition, "loaded_at", None) is None:
            return f"Never: not loaded from fixtures/reinvent-{edition.year}.json"
        return format_html(
            '{} <span class="help">from fixtures/reinvent-{}.json</span>',
            timezone.localtime(edition.loaded_at).strftime("%Y-%m-%d %H:%M %Z"),
            edition.year,
        )


@admin.register(models.Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "author", "kind", "edition", "published_on"]
    list_filter = ["edition__year", "kind"]
    list_select_related = ["edition"]
    search_fields = ["title", "author", "url", "slug"]
    autocomplete_fields = ["edition"]


@admin.register(models.Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "announcement_count"]
    ordering = ["name"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n=Count("announcements"))

    @admin.display(description="announcements", ordering="n")
    def announcement_count(self, topic):
        return topic.n


@admin.register(models.Service)
class ServiceAdmin(TopicAdmin):
    pass


@admin.register(models.Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "slug", "keynote_count"]
    ordering = ["name"]
    search_fields = ["name", "slug", "bio"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n=Count("appearances"))

    @admin.display(description="keynotes", ordering="n")
    def keynote_count(self, speaker):
        return speaker.n


class AppearanceInline(admin.TabularInline):
    model = models.Appearance
    extra = 0
    autocomplete_fields = ["speaker"]
    fields = ["position", "speaker", "role", "job_title", "organization"]
    ordering = ["position"]


class KeyPointInline(admin.StackedInline):
    model = models.KeyPoint
    extra = 0
    fields = ["position", "title", "body"]
    ordering = ["position"]


class AnnouncementInline(admin.TabularInline):
    model = models.Announcement
    extra = 0
    fields = ["position", "number", "section", "title", "availability", "published"]
    ordering = ["position"]
    show_change_link = True
    fk_name = "keynote"

    def has_add_permission(self, request, obj):
        # New announcements need their summary, topics and edition: the full form.
        return False


@admin.register(models.Keynote)
class KeynoteAdmin(PublishActionsMixin, admin.ModelAdmin):
    list_display = ["title", "edition", "start", "speaker_names", "announcement_count", "published"]
    list_filter = ["edition__year", "published"]
    list_select_related = ["edition"]
    search_fields = ["title", "slug", "summary", "speakers__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["edition", "schedule_source"]
    date_hierarchy = "start"
    inlines = [AppearanceInline, KeyPointInline, AnnouncementInline]
    fieldsets = [
        (None, {"fields": ["edition", "title", "slug", "published", "summary"]}),
        ("When and where", {"fields": ["start", "end", "venue", "schedule_source"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n=Count("announcements", distinct=True))
            .prefetch_related("appearances__speaker")
        )

    @admin.display(description="speakers")
    def speaker_names(self, keynote):
        lineup = sorted(keynote.appearances.all(), key=lambda a: a.position)
        return ", ".join(a.speaker.name for a in lineup)

    @admin.display(description="announcements", ordering="n")
    def announcement_count(self, keynote):
        return keynote.n


@admin.register(models.Appearance)
class AppearanceAdmin(admin.ModelAdmin):
    list_display = ["speaker", "keynote", "position", "role", "job_title", "organization"]
    list_filter = ["keynote__edition__year", "role"]
    list_select_related = ["speaker", "keynote__edition"]
    search_fields = ["speaker__name", "job_title", "organization", "keynote__title"]
    autocomplete_fields = ["keynote", "speaker"]


@admin.register(models.KeyPoint)
class KeyPointAdmin(admin.ModelAdmin):
    list_display = ["title", "keynote", "position"]
    list_filter = ["keynote__edition__year"]
    list_select_related = ["keynote__edition"]
    search_fields = ["title", "body", "keynote__title"]
    autocomplete_fields = ["keynote"]


class KeynoteFilter(admin.SimpleListFilter):
    """Keynotes by title and year, read in one query."""

    title = "keynote"
    parameter_name = "keynote"

    def lookups(self, request, model_admin):
        keynotes = models.Keynote.objects.select_related("edition").order_by(
            "-edition__year", "start"
        )
        return [(str(k.pk), f"{k.title} ({k.edition.year})") for k in keynotes]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdecimal():
            return queryset.filter(keynote_id=int(self.value()))
        return queryset


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        return [
            (str(year), str(year)) for year in models.Edition.objects.values_list("year", flat=True)
        ]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdecimal():
            return queryset.filter(edition__year=int(self.value()))
        return queryset


@admin.register(models.Announcement)
class AnnouncementAdmin(PublishActionsMixin, admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = [
        "title",
        "keynote",
        "number",
        "section",
        "availability",
        "published",
        "updated_at",
    ]
    list_display_links = ["title"]
    list_filter = [
        YearFilter,
        KeynoteFilter,
        "topics",
        "services",
        "availability",
        "published",
    ]
    list_select_related = ["keynote__edition", "edition"]
    search_fields = ["title", "slug", "summary", "section", "keynote__title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["edition", "keynote", "topics", "services", "availability_source"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["edition", "keynote", "title", "slug", "published", "summary"]}),
        ("In the source", {"fields": ["section", "number", "position"]}),
        ("Classification", {"fields": ["topics", "services"]}),
        ("Availability", {"fields": ["availability", "availability_source", "link"]}),
        ("Record", {"fields": ["updated_at"]}),
    ]
