"""Save documents cited by imported articles (see `citations.find_citations`)."""

from django.db import transaction
from django.utils import timezone

from core.publishing import Status

from .citations import DEFAULT_ISSUER_FOR_SUFFIX, CitedDocument
from .models import Document, DocumentType, Issuer, SuggestedReplacement, Validity


def _document_type(cited):
    name = cited.type_name or cited.type_abbr or "Văn bản"
    doc_type, _ = DocumentType.objects.get_or_create(
        name=name, defaults={"abbreviation": cited.type_abbr}
    )
    return doc_type


def _issuer(cited):
    """The issuer the text names, else the one row for the suffix, else a default for it."""
    suffix = cited.issuer_suffix
    if cited.issuer_name:
        issuer, _ = Issuer.objects.get_or_create(
            name=cited.issuer_name, defaults={"suffix": suffix.split("-")[0]}
        )
        return issuer
    name = DEFAULT_ISSUER_FOR_SUFFIX.get(_suffix_key(suffix), suffix)
    issuer, _ = Issuer.objects.get_or_create(name=name, defaults={"suffix": _suffix_key(suffix)})
    return issuer


def _suffix_key(suffix):
    """ "QH15" -> "QH"; "BTCTU-BDVTU" stays whole."""
    return "QH" if suffix.startswith("QH") and suffix[2:].isdigit() else suffix


def _match(cited):
    """The existing row for `cited`: same number and issuer, same year or a year not known."""
    rows = list(Document.objects.filter(number=cited.number).select_related("issuer"))
    if cited.issuer_name:
        named = [d for d in rows if d.issuer.name == cited.issuer_name]
        # A row filed earlier under the default issuer is the same document.
        default = DEFAULT_ISSUER_FOR_SUFFIX.get(_suffix_key(cited.issuer_suffix))
        rows = named or [d for d in rows if d.issuer.name == default]
    if cited.year:
        same_year = [d for d in rows if d.issue_year == cited.year]
        if same_year:
            return same_year[0]
        undated = [d for d in rows if not d.issue_year]
        return undated[0] if len(undated) == 1 else None
    if len(rows) == 1:
        return rows[0]
    undated = [d for d in rows if not d.issue_year]
    return undated[0] if undated else None


@transaction.atomic
def save_cited_document(cited: CitedDocument, *, post=None):
    """Create or complete the registry row for `cited`; returns (document, outcome).

    outcome is "created", "updated" (something unknown was filled in, or `post` newly linked)
    or "unchanged". An existing row keeps its status.

    The registry entry is this site's own record of a document an article cites, public from
    when the site recorded it (now). What the article does not say is not invented: its
    validity is "Chưa xác định" until an editor checks it.
    """
    document = _match(cited)
    if document is None:
        document = Document(
            number=cited.number,
            doc_type=_document_type(cited),
            issuer=_issuer(cited),
            issue_date=cited.issue_date,
            issue_year=cited.year or 0,
            title=cited.title,
            status=Status.PUBLISHED,
            publish_at=timezone.now(),
            is_internal=False,
            manual_validity=Validity.UNKNOWN,
        )
        document.save()
        if post is not None:
            document.posts.add(post)
        return document, "created"

    changed = []
    if cited.issue_date and not document.issue_date:
        document.issue_date = cited.issue_date
        changed.append("issue_date")
    if cited.year and not document.issue_year:
        document.issue_year = cited.year
        changed.append("issue_year")
    if cited.title and not document.title:
        document.title = cited.title
        changed.append("title")
    default = DEFAULT_ISSUER_FOR_SUFFIX.get(_suffix_key(cited.issuer_suffix))
    if cited.issuer_name and document.issuer.name == default != cited.issuer_name:
        document.issuer = _issuer(cited)
        changed.append("issuer")
    if changed:
        document.save()
    linked = False
    if post is not None and not document.posts.filter(pk=post.pk).exists():
        document.posts.add(post)
        linked = True
    return document, "updated" if changed or linked else "unchanged"


def save_suggested_replacement(newer, older, *, evidence="", post=None):
    """Record that an article suggests `newer` replaces `older`; None when already known.

    Nothing changes for the public until an editor confirms it (`SuggestedReplacement.confirm`).
    """
    if newer.pk == older.pk or newer.replaces.filter(pk=older.pk).exists():
        return None
    suggestion, created = SuggestedReplacement.objects.get_or_create(
        newer=newer, older=older, defaults={"evidence": evidence, "post": post}
    )
    return suggestion if created else None
