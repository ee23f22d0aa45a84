import datetime

import factory
from django.utils import timezone

from core.publishing import Status
from voice.models import Kind, Question, Sender, State


class QuestionFactory(factory.django.DjangoModelFactory):
    """A new item, as the public form stores it."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Hỏi về hỗ trợ hộ nghèo xây nhà số {n}")
    content = "Gia đình tôi thuộc hộ nghèo, xin hỏi thủ tục đề nghị hỗ trợ xây nhà đại đoàn kết?"
    kind = Kind.QUESTION
    allow_publish = True
    consented_at = factory.LazyFunction(timezone.now)
    sender = factory.RelatedFactory(
        "voice.tests.factories.SenderFactory", factory_related_name="question"
    )


class SenderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sender

    question = factory.SubFactory(QuestionFactory, sender=None)
    name = "Nguyễn Thị Riêng Tư"
    phone = "0912 345 678"
    email = "nguoidan.rieng@example.vn"
    address = "Thôn Bí Mật, xã Mộc Bắc"


class AnsweredQuestionFactory(QuestionFactory):
    """An item answered, approved and public."""

    state = State.ANSWERED
    answer = "Ban đã chuyển đề nghị tới Ủy ban MTTQ xã; hồ sơ gồm đơn và xác nhận hộ nghèo."
    answered_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=2))
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
