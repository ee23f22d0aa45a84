"""The about pages: what the commission is, its leaders and contacts, and the English page."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from pages.models import AboutPage, Leader


@require_safe
def about(request):
    pages = AboutPage.objects.published().filter(language=AboutPage.Language.VI)
    leaders = Leader.objects.filter(is_current=True)
    crumbs = [("Giới thiệu", None)]
    return render(
        request, "about/index.html", {"pages": pages, "leaders": leaders, "crumbs": crumbs}
    )


@require_safe
def about_page(request, slug):
    page = get_object_or_404(
        AboutPage.objects.published().filter(language=AboutPage.Language.VI), slug=slug
    )
    pages = AboutPage.objects.published().filter(language=AboutPage.Language.VI)
    crumbs = [("Giới thiệu", reverse("about")), (page.title, None)]
    return render(request, "about/page.html", {"page": page, "pages": pages, "crumbs": crumbs})


@require_safe
def about_leaders(request):
    context = {
        "leaders": Leader.objects.filter(is_current=True),
        "pages": AboutPage.objects.published().filter(language=AboutPage.Language.VI),
        "crumbs": [("Giới thiệu", reverse("about")), ("Lãnh đạo Ban", None)],
    }
    return render(request, "about/leaders.html", context)


@require_safe
def about_contact(request):
    context = {
        "leaders": Leader.objects.filter(is_current=True).exclude(phone="", email=""),
        "pages": AboutPage.objects.published().filter(language=AboutPage.Language.VI),
        "crumbs": [("Giới thiệu", reverse("about")), ("Liên hệ", None)],
    }
    return render(request, "about/contact.html", context)


@require_safe
def about_english(request):
    page = AboutPage.objects.published().filter(language=AboutPage.Language.EN).first()
    if page is None:
        raise Http404
    leaders = Leader.objects.filter(is_current=True)
    context = {"page": page, "leaders": leaders, "page_lang": "en"}
    return render(request, "about/english.html", context)
