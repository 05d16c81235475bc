"""The curators' admin: every catalog model, drafts, and history of every change."""

import datetime as dt
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db.models import Count, OuterRef, Subquery, URLField
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext

from . import forms, models
from .caching import one_change
from .models import KEYNOTE_ORDER

# A link typed without a scheme is taken as https, as Django 6 will do.
URL_FIELDS = {URLField: {"assume_scheme": "https"}}

admin.site.site_header = "re:Invent keynotes: curation"
admin.site.site_title = "re:Invent keynotes admin"
admin.site.index_title = "Catalog"
# At 1,280 px the sidebar took a quarter of the width the lists and inlines need; the
# breadcrumbs and the index lead to every model.
admin.site.enable_nav_sidebar = False


def counted(n, word):
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def set_published(request, model, objs, value, message):
    """Publish or unpublish these records of `model` at once, logging each in its history."""
    fields = ["published"]
    stamped = any(f.name == "updated_at" for f in model._meta.concrete_fields)
    if stamped:
        fields.append("updated_at")  # bulk_update() leaves auto_now fields alone
    now = timezone.now()
    for obj in objs:
        obj.published = value
        if stamped:
            obj.updated_at = now
    model.objects.bulk_update(objs, fields)
    LogEntry.objects.log_actions(request.user.pk, objs, CHANGE, change_message=message)


class PublishActionsMixin:
    """Publish or unpublish many records at once, each change written to its history."""

    actions = ["publish", "unpublish"]

    def hidden_by(self, obj):
        """What keeps a published obj off the public site: its draft edition or keynote."""
        return []

    def warn_if_hidden(self, request, objs):
        drafts = {}
        for obj in objs:
            for container in self.hidden_by(obj):
                drafts.setdefault(container, []).append(obj)
        for container, hidden in drafts.items():
            kind = container._meta.verbose_name
            self.message_user(
                request,
                ngettext(
                    "%(count)d %(name)s stays hidden until its %(kind)s “%(container)s” is "
                    "published.",
                    "%(count)d %(name_plural)s stay hidden until their %(kind)s “%(container)s” "
                    "is published.",
                    len(hidden),
                )
                % {
                    "count": len(hidden),
                    "name": self.model._meta.verbose_name,
                    "name_plural": self.model._meta.verbose_name_plural,
                    "kind": kind,
                    "container": container,
                },
                messages.WARNING,
            )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.published and "published" in form.changed_data:
            self.warn_if_hidden(request, [obj])

    def _set_published(self, request, queryset, value):
        changed = [obj for obj in queryset if obj.published != value]
        word = "Published" if value else "Unpublished"
        with one_change():
            set_published(request, self.model, changed, value, f"{word} with the list action.")
        return len(changed)

    @admin.action(description="Publish the selected records", permissions=["change"])
    def publish(self, request, queryset):
        count = self._set_published(request, queryset, True)
        self.message_user(
            request,
            ngettext("Published %d record.", "Published %d records.", count) % count,
            messages.SUCCESS,
        )
        self.warn_if_hidden(request, queryset.filter(published=True))

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
    actions = ["publish", "publish_with_contents", "unpublish"]
    list_display = ["name", "year", "city", "start_date", "end_date", "published", "last_loaded"]
    list_filter = ["published"]
    search_fields = ["name", "city", "venue"]
    readonly_fields = ["keynote_links", "last_loaded"]
    inlines = [SourceInline]
    fieldsets = [
        (None, {"fields": ["year", "name", "published", "summary"]}),
        ("Where and when", {"fields": ["city", "venue", "time_zone", "start_date", "end_date"]}),
        ("Keynotes", {"fields": ["keynote_links"]}),
        ("Fixture", {"fields": ["last_loaded"]}),
    ]

    def get_queryset(self, request):
        loads = models.YearLoad.objects.filter(year=OuterRef("year")).values("loaded_at")[:1]
        return super().get_queryset(request).annotate(loaded_at=Subquery(loads))

    def get_fieldsets(self, request, obj=None):
        if obj is None:  # nothing to list or to have loaded yet
            return [
                fieldset for fieldset in self.fieldsets if fieldset[0] in (None, "Where and when")
            ]
        return self.fieldsets

    @admin.display(description="last loaded from its fixture", ordering="loaded_at")
    def last_loaded(self, edition):
        if getattr(edition, "loaded_at", None) is None:
            return f"Never: not loaded from fixtures/reinvent-{edition.year}.json"
        return format_html(
            '{} <span class="help">from fixtures/reinvent-{}.json</span>',
            timezone.localtime(edition.loaded_at).strftime("%Y-%m-%d %H:%M %Z"),
            edition.year,
        )

    @admin.display(description="keynotes")
    def keynote_links(self, edition):
        keynotes = edition.keynotes.order_by(*KEYNOTE_ORDER)
        add = reverse("admin:events_keynote_add") + "?" + urlencode({"edition": edition.pk})
        listed = format_html_join(
            "",
            '<li><a href="{}">{}</a>{}</li>',
            (
                (
                    reverse("admin:events_keynote_change", args=[k.pk]),
                    k.title,
                    "" if k.published else " (draft)",
                )
                for k in keynotes
            ),
        )
        return format_html(
            '<ul class="keynote-links">{}</ul><a class="addlink" href="{}">Add a keynote to {}</a>',
            listed,
            add,
            edition.name,
        )

    def drafts_in(self, editions):
        keynotes = models.Keynote.objects.filter(edition__in=editions, published=False)
        announcements = models.Announcement.objects.filter(edition__in=editions, published=False)
        return keynotes, announcements

    def warn_if_hidden(self, request, objs):
        keynotes, announcements = self.drafts_in(list(objs))
        k, a = keynotes.count(), announcements.count()
        if k or a:
            self.message_user(
                request,
                f"Still drafts in the published edition: {counted(k, 'keynote')} and "
                f"{counted(a, 'announcement')}. To publish them too, use the list action "
                f"“{self.publish_with_contents.short_description}”.",
                messages.WARNING,
            )

    @admin.action(
        description="Publish the selected editions with all their keynotes and announcements",
        permissions=["change"],
    )
    def publish_with_contents(self, request, queryset):
        editions = list(queryset)
        keynotes, announcements = self.drafts_in(editions)
        keynotes, announcements = list(keynotes), list(announcements)
        with one_change():
            count = self._set_published(request, queryset, True)
            for model, drafts in ((models.Keynote, keynotes), (models.Announcement, announcements)):
                message = "Published with its edition's list action."
                set_published(request, model, drafts, True, message)
        self.message_user(
            request,
            f"Published {counted(count, 'edition')}, {counted(len(keynotes), 'keynote')} and "
            f"{counted(len(announcements), 'announcement')}.",
            messages.SUCCESS,
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
    """Announcements typed as they are made on stage, reordered by editing positions."""

    model = models.Announcement
    form = forms.AnnouncementInlineForm
    formset = forms.AnnouncementInlineFormSet
    formfield_overrides = URL_FIELDS
    extra = 1
    fields = forms.INLINE_FIELDS
    autocomplete_fields = ["topics", "availability_source"]
    prepopulated_fields = {"slug": ["title"]}
    ordering = ["position"]
    show_change_link = True
    fk_name = "keynote"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # A row keeps the link that adds a topic or source while typing; editing, deleting
        # or viewing one belongs on its own page, and the icons took a second line a row.
        if field is not None and isinstance(field.widget, RelatedFieldWidgetWrapper):
            field.widget.can_change_related = False
            field.widget.can_delete_related = False
            field.widget.can_view_related = False
        return field


def venue_zone_of(request, object_id):
    """The time zone a keynote form is shown in: its edition's, posted or asked for."""
    key = request.POST.get("edition") or request.GET.get("edition")
    edition = forms.edition_named(key)
    if edition is None and object_id and str(object_id).isdecimal():
        edition = models.Edition.objects.filter(keynotes__pk=int(object_id)).first()
    return forms.edition_zone(edition) if edition else None


def keep_in_next_form(response, request, **values):
    """After “Save and add another”, start the next form with these values filled in."""
    if "_addanother" in request.POST and response.status_code == 302:
        location = response["Location"]
        joiner = "&" if "?" in location else "?"
        response["Location"] = location + joiner + urlencode({k: v for k, v in values.items() if v})
    return response


@admin.register(models.Keynote)
class KeynoteAdmin(PublishActionsMixin, admin.ModelAdmin):
    form = forms.KeynoteForm
    list_display = [
        "title",
        "edition",
        "venue_start",
        "speaker_names",
        "announcement_count",
        "published",
    ]
    list_filter = ["edition__year", "published"]
    list_select_related = ["edition"]
    search_fields = ["title", "slug", "summary", "speakers__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["edition", "schedule_source"]
    inlines = [AppearanceInline, KeyPointInline, AnnouncementInline]
    fieldsets = [
        (None, {"fields": ["edition", "title", "slug", "published", "summary"]}),
        ("When and where", {"fields": ["day", "start", "end", "venue", "schedule_source"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n=Count("announcements", distinct=True))
            .prefetch_related("appearances__speaker")
        )

    def hidden_by(self, keynote):
        return [] if keynote.edition.published else [keynote.edition]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Rendered in the venue's zone too, so the calendar's “Now” is the venue's clock.
        zone = venue_zone_of(request, object_id)
        if zone is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        with timezone.override(zone):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render"):
                response.render()
        return response

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        return keep_in_next_form(response, request, edition=obj.edition_id)

    @admin.display(description="when (venue time)", ordering="day")
    def venue_start(self, keynote):
        if keynote.start is None:
            return f"{keynote.day:%a %d %b %Y}, time not given"
        return keynote.local_start.strftime("%a %d %b %Y, %H:%M %Z")

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
            "-edition__year", *KEYNOTE_ORDER
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


class StatusChangeInline(admin.TabularInline):
    """What became of an announcement: each later change of status, with its source."""

    model = models.StatusChange
    extra = 0
    fields = ["date", "availability", "source"]
    autocomplete_fields = ["source"]
    verbose_name_plural = "history: later changes of status"


@admin.register(models.StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["announcement", "date", "availability", "source"]
    list_filter = ["announcement__edition__year", "availability"]
    list_select_related = ["announcement__edition", "source"]
    search_fields = ["announcement__title", "source__title"]
    autocomplete_fields = ["announcement", "source"]
    date_hierarchy = "date"


@admin.register(models.Announcement)
class AnnouncementAdmin(PublishActionsMixin, admin.ModelAdmin):
    form = forms.AnnouncementForm
    formfield_overrides = URL_FIELDS
    list_display = [
        "title",
        "keynote",
        "number",
        "section",
        "availability",
        "status",
        "published",
        "updated",
    ]
    list_display_links = ["title"]
    list_filter = [
        YearFilter,
        KeynoteFilter,
        "topics",
        "services",
        "availability",
        "status",
        "published",
    ]
    list_select_related = ["keynote__edition", "edition"]
    search_fields = ["title", "other_names", "slug", "summary", "section", "keynote__title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["keynote", "topics", "services", "availability_source", "follows"]
    readonly_fields = ["status", "updated_at"]
    inlines = [StatusChangeInline]
    fieldsets = [
        (None, {"fields": ["keynote", "title", "other_names", "slug", "published", "summary"]}),
        ("In the source", {"fields": ["section", "number", "position"]}),
        ("Classification", {"fields": ["topics", "services"]}),
        (
            "Availability when announced",
            {"fields": ["availability", "availability_source", "availability_note", "link"]},
        ),
        ("Across the years", {"fields": ["follows"]}),
        ("Record", {"fields": ["status", "updated_at"]}),
    ]

    @admin.display(description="updated (UTC)", ordering="updated_at")
    def updated(self, announcement):
        return announcement.updated_at.astimezone(dt.UTC).strftime("%d %b %Y %H:%M")

    def hidden_by(self, announcement):
        keynote = announcement.keynote
        hidden = [] if keynote.published else [keynote]
        return hidden + ([] if keynote.edition.published else [keynote.edition])

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        return keep_in_next_form(response, request, keynote=obj.keynote_id, section=obj.section)
