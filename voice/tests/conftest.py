import time

import pytest

from voice.forms import started_token


@pytest.fixture(autouse=True)
def _voice_settings(settings):
    settings.VOICE_SENDS_PER_HOUR = 5
    settings.VOICE_SENDS_PER_CONTACT_PER_DAY = 3
    settings.VOICE_LOOKUPS_PER_HOUR = 20
    settings.VOICE_MIN_FILL_SECONDS = 5
    settings.HOLIDAYS = []


def form_data(**overrides):
    """What a person fills in, the form shown a minute ago."""
    data = {
        "kind": "cau-hoi",
        "title": "Hỏi về chế độ cho người có công",
        "content": "Xin hỏi thủ tục hưởng trợ cấp cho thân nhân liệt sĩ ở xã?",
        "name": "Trần Văn Bảo Mật",
        "phone": "0987 654 321",
        "email": "",
        "address": "Xóm Kín, xã Mộc Bắc",
        "wants_answer": "on",
        "allow_publish": "on",
        "consent": "on",
        "website": "",
        "started": started_token(now=time.time() - 60),
    }
    data.update(overrides)
    return data


@pytest.fixture
def send_data():
    return form_data
