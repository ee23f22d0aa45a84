import datetime

import factory
from django.utils import timezone

from core.publishing import Status
from docs_registry.models import Attachment, Document, DocumentType, Issuer


class DocumentTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentType
        django_get_or_create = ("name",)

    name = "Quyết định"
    abbreviation = "QĐ"


class IssuerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issuer
        django_get_or_create = ("name",)

    name = "Bộ Chính trị"
    suffix = "TW"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: f"{n + 100}-QĐ/TW")
    doc_type = factory.SubFactory(DocumentTypeFactory)
    issuer = factory.SubFactory(IssuerFactory)
    issue_date = datetime.date(2021, 7, 30)
    title = factory.Sequence(lambda n: f"Về việc tổ chức hội nghị lần {n}")
    signer = "Trần Văn A"
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    document = factory.SubFactory(DocumentFactory)
    title = "Toàn văn"
    file = factory.django.FileField(filename="toan-van.pdf", data=b"%PDF-1.4\n% test\n")
