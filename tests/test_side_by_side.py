"""bench/side_by_side.py: the pure parts of the side-by-side runner (no server started)."""

import pytest

from bench import side_by_side


def test_requests_alternate_so_each_site_goes_first_half_the_time():
    order = side_by_side.alternation(3)
    assert order == ["A", "B", "B", "A", "A", "B"]
    assert order.count("A") == order.count("B") == 3


def test_ratio_is_the_other_sites_median_over_ours():
    rows = side_by_side.ratio_rows({"article": {"A": [10, 12, 11], "B": [33, 30, 36]}})
    assert rows == [("article", 11, 11, 33, 33, 3.0)]


def test_a_page_names_a_cycle_of_paths_for_each_site():
    name, a_paths, b_paths = side_by_side.parse_page("article=/tin/a/|/tin/b/,/blog/x/")
    assert (name, a_paths, b_paths) == ("article", ["/tin/a/", "/tin/b/"], ["/blog/x/"])
    with pytest.raises(ValueError):
        side_by_side.parse_page("article=/tin/a/")
    with pytest.raises(ValueError):
        side_by_side.parse_page("article=http://example.com/,/b/")


@pytest.mark.parametrize(
    "url",
    ["http://example.com:80", "http://10.0.0.1:8000", "https://127.0.0.1:8000", "http://127.0.0.1"],
)
def test_only_this_machine_is_measured(url):
    with pytest.raises(ValueError):
        side_by_side.parse_base(url)
    assert side_by_side.parse_base("http://127.0.0.1:8001") == ("127.0.0.1", 8001)
