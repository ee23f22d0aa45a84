from voice.models.consultations import Consultation, DraftComment  # noqa: F401
from voice.models.questions import (  # noqa: F401
    OPEN_STATES,
    Kind,
    Note,
    Question,
    QuestionAttachment,
    Sender,
    State,
)
