"""make_synthetic_content fills the "Dân vận khéo" catalogue: realistic rows as save() makes them,
recognitions, results, units, and articles whose candidates an editor can accept."""

import pytest
from django.core.management import call_command

from practices import candidates
from practices.models import Candidate, Practice, Recognition, Result
from tools import synthetic, synthetic_practices


@pytest.mark.django_db
def test_fills_the_catalogue_and_offers_candidates(client, publisher):
    synthetic.generate(synthetic.Sizes(posts=30, documents=0, events=0), seed=3)
    counts = synthetic_practices.generate(300, seed=3)
    assert counts == {"practices": 300, "practice_posts": 4}
    assert 0 < Practice.objects.published().count() < 300
    assert Practice.objects.filter(sector__isnull=False, unit__isnull=False).count() == 300
    assert Recognition.objects.values("year").distinct().count() > 3
    assert Result.objects.count() >= 300
    # each recognition carries its model's public state, as Recognition.save would set it
    copies = Recognition.objects.values_list(
        "status", "publish_at", "practice__status", "practice__publish_at"
    )
    assert all((s, p) == (ps, pp) for s, p, ps, pp in copies)
    for practice in Practice.objects.order_by("?")[:10]:
        stored = (practice.slug, practice.search_title, practice.search_text, practice.name_key,
                  practice.last_recognised_year)  # fmt: skip
        practice.save()
        practice.refresh_from_db()
        assert (practice.slug, practice.search_title, practice.search_text, practice.name_key,
                practice.last_recognised_year) == stored  # fmt: skip
    new = Candidate.objects.filter(name__endswith="kiểu mẫu").first()
    assert new is not None and new.unit is not None and new.year
    practice = candidates.accept(new, publisher)
    practice.publish(publisher)
    assert practice.title in client.get("/mo-hinh/?sort=ten&q=kieu+mau").content.decode()


@pytest.mark.django_db
def test_the_command_fills_it_too():
    call_command(
        "make_synthetic_content",
        posts=5,
        documents=3,
        events=2,
        practices=50,
        force=True,
        verbosity=0,
    )
    assert Practice.objects.count() == 50
