"""Topic tags from the vocabulary: on the article itself only, accent- and case-insensitive."""

from pathlib import Path

import pytest
from django.conf import settings

from news.importing.decoding import decode_bytes
from news.importing.parsing import parse_article
from news.importing.topics import match_topics
from taxonomy.vocabulary import load_vocabulary

SEEDS = Path(settings.BASE_DIR) / "seeds"
SAMPLES = Path(__file__).parent / "samples"
VOCABULARY = load_vocabulary()


def topics_of(path):
    return set(match_topics(parse_article(decode_bytes(path.read_bytes())).text, VOCABULARY))


def seed_path(prefix):
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def test_the_vocabulary_holds_the_topics_the_product_asks_for():
    names = {name for name, _ in VOCABULARY}
    assert {
        "Dân vận khéo",
        "Quy chế dân chủ",
        "Dân vận chính quyền",
        "Mặt trận Tổ quốc",
        "Công tác tôn giáo",
        "Bồi dưỡng – tập huấn",
        "Học tập và làm theo Bác",
    } <= names


@pytest.mark.parametrize(
    ("prefix", "expected", "absent"),
    [
        ("000", {"Quy chế dân chủ", "Bồi dưỡng – tập huấn", "Mặt trận Tổ quốc"}, {"Dân vận khéo"}),
        (
            "001",
            {"Dân vận khéo", "Mặt trận Tổ quốc", "Công tác tôn giáo", "Học tập và làm theo Bác"},
            {"Dân vận chính quyền"},
        ),
        # Only 002's headline lists mention these two.
        ("002", {"Quy chế dân chủ"}, {"Dân vận chính quyền", "Học tập và làm theo Bác"}),
        ("003", {"Bồi dưỡng – tập huấn", "Quy chế dân chủ", "Công tác tôn giáo"}, {"Dân vận khéo"}),
        # 004's "Tin cùng chuyên mục" is full of them; the article mentions them too.
        ("004", {"Dân vận khéo", "Quy chế dân chủ", "Dân vận chính quyền"}, {"Công tác tôn giáo"}),
    ],
)
def test_seed_topics(prefix, expected, absent):
    topics = topics_of(seed_path(prefix))
    assert expected <= topics
    assert not (absent & topics)


def test_navigation_lists_never_give_a_topic():
    # The WordPress sample's related posts mention three topics; its article none of them.
    topics = topics_of(SAMPLES / "wordpress.txt")
    assert {"Dân vận khéo", "Quy chế dân chủ", "Bồi dưỡng – tập huấn"} <= topics
    assert not {"Mặt trận Tổ quốc", "Học tập và làm theo Bác", "Dân vận chính quyền"} & topics


@pytest.mark.parametrize(
    "text",
    ["DÂN VẬN KHÉO", "dan van kheo", "phong trào “Dân vận khéo”", "Dân vận khéo."],
)
def test_matching_ignores_accents_case_and_punctuation(text):
    assert match_topics(text, [("Dân vận khéo", ["dân vận khéo"])]) == ["Dân vận khéo"]


@pytest.mark.parametrize("text", ["dân vận khéoléo", "MTTQVN", "tập huấnluyện"])
def test_matching_is_on_whole_words(text):
    vocabulary = [("A", ["dân vận khéo"]), ("B", ["MTTQ"]), ("C", ["tập huấn"])]
    assert match_topics(text, vocabulary) == []


LEAD = "Ban Dân vận Tỉnh ủy tổ chức hội nghị tổng kết công tác dân vận năm 2024."


def test_a_topic_named_once_in_a_list_of_attendees_is_a_passing_mention():
    body = f"{LEAD}\n\nDự hội nghị có đại diện Ủy ban MTTQ tỉnh và các đoàn thể chính trị - xã hội."
    assert match_topics(f"Tổng kết năm 2024\n\n{body}", VOCABULARY, lead=LEAD) == []


def test_a_topic_in_the_title_or_lead_or_repeated_in_the_body_is_what_the_article_is_about():
    in_title = "Tổng kết phong trào Dân vận khéo"
    assert match_topics(f"{in_title}\n\n{LEAD}", VOCABULARY, lead=in_title) == ["Dân vận khéo"]
    repeated = (
        f"{LEAD}\n\nMặt trận Tổ quốc tỉnh đã phối hợp tốt. Năm tới, Mặt trận Tổ quốc các cấp "
        "tiếp tục vận động nhân dân."
    )
    assert match_topics(repeated, VOCABULARY, lead=LEAD) == ["Mặt trận Tổ quốc"]
