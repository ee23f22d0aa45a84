"""What site-wide search offers from the published questions and answers (never the sender)."""

from core.search import SearchSource
from voice.models import Question

SEARCH_SOURCE = SearchSource(
    kind="question",
    label="Hỏi đáp",
    queryset=lambda: Question.objects.published(),
    date=lambda question: question.answered_at,
    date_field="answered_at",
    text=lambda question: " ".join(part for part in (question.content, question.answer) if part),
)
