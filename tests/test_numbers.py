"""Chinese figure formatting, checked against every figure in the plenary article."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zzkiosk.numbers import (
    AFTER_NUMBER,
    FigureText,
    count_up_text,
    format_figure,
    format_number,
    infer_decimals,
    scale_to_chinese,
)

# (value, unit, before, after, printed) for each figure in
# /work/shared/source/plenary-2020-2021.txt, in article order.
ARTICLE_FIGURES = [
    (17, "条", "", "", "17条"),
    (78, "%", "", "", "78%"),
    (3, "%", "", "以上", "3%以上"),
    (17.1, "件", "", "", "17.1件"),
    (62, "家", "", "", "62家"),
    (529, "家", "", "", "529家"),
    (4.5, "万家", "", "", "4.5万家"),
    (600, "家", "", "", "600家"),
    (385, "个", "", "", "385个"),
    (340, "个", "", "", "340个"),
    (160, "个", "", "", "160个"),
    (1100, "亿元", "近", "", "近1100亿元"),
    (21, "家", "", "", "21家"),
    (131, "家", "", "", "131家"),
    (8694, "名", "", "", "8694名"),
    (315, "天", "", "", "315天"),
    (300, "天", "", "", "300天"),
    (13.9, "%", "", "", "13.9%"),
    (34, "天", "", "", "34天"),
    (34, "天", "仅用", "", "仅用34天"),
    (54, "天", "", "", "54天"),
    (5, "批次", "", "", "5批次"),
    (83, "人", "", "", "83人"),
    (562, "个", "", "", "562个"),
    (5, "年", "", "", "5年"),
    (21, "年", "", "", "21年"),
    (2, "个", "", "", "2个"),
    (8, "个", "", "", "8个"),
    (80, "项", "", "", "80项"),
    (89.6, "%", "", "", "89.6%"),
    (80, "%", "超过", "", "超过80%"),
    (15, "条", "", "", "15条"),
    (5, "万人", "", "", "5万人"),
    (12, "万人", "", "", "12万人"),
    (1, "所", "至少", "", "至少1所"),
    (69, "个", "", "", "69个"),
    (94, "%", "", "", "94%"),
    (12, "%", "", "", "12%"),
    (84.7, "%", "", "", "84.7%"),
    (30, "%", "", "以上", "30%以上"),
    (3678, "套", "", "", "3678套"),
    (205, "个", "", "", "205个"),
    (300, "台", "", "", "300台"),
    (2600, "件", "", "余", "2600余件"),
    (9, "个", "", "", "9个"),
    (99, "个", "", "", "99个"),
    (11153, "个", "", "", "11153个"),
    (5, "个", "", "", "5个"),
    (98, "个", "", "", "98个"),
    (1387, "个", "", "", "1387个"),
    (2206, "件", "", "", "2206件"),
    (719, "件", "", "", "719件"),
    (721, "人", "", "", "721人"),
    (470, "人", "", "", "470人"),
    (100, "周年", "", "", "100周年"),
]


@pytest.mark.parametrize(
    ("value", "unit", "before", "after", "printed"),
    ARTICLE_FIGURES,
    ids=[case[-1] for case in ARTICLE_FIGURES],
)
def test_article_figure_prints_as_in_the_article(value, unit, before, after, printed):
    assert str(format_figure(value, unit=unit, before=before, after=after)) == printed


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        (format_figure(1100, unit="亿元", before="近"),
         (("qualifier", "近"), ("number", "1100"), ("unit", "亿元"))),
        (format_figure(2600, unit="件", after="余"),
         (("number", "2600"), ("qualifier", "余"), ("unit", "件"))),
        (format_figure(30, unit="%", after="以上"),
         (("number", "30"), ("unit", "%"), ("qualifier", "以上"))),
        (format_figure(80, unit="%", before="超过"),
         (("qualifier", "超过"), ("number", "80"), ("unit", "%"))),
        (format_figure(4.5, unit="万家"), (("number", "4.5"), ("unit", "万家"))),
        (format_figure(17), (("number", "17"),)),
    ],
    ids=["近1100亿元", "2600余件", "30%以上", "超过80%", "4.5万家", "bare"],
)
def test_parts_come_in_printed_order_without_empty_pieces(figure, expected):
    assert figure.parts() == expected
    assert "".join(text for _, text in figure.parts()) == str(figure)


def test_figure_text_fields_hold_each_piece():
    assert format_figure(3, unit="%", after="以上", before="约") == FigureText(
        before="约", number="3", infix="", unit="%", suffix="以上"
    )


@pytest.mark.parametrize("after", sorted(AFTER_NUMBER))
def test_number_qualifiers_go_between_number_and_unit(after):
    assert str(format_figure(30, unit="人", after=after)) == f"30{after}人"


@pytest.mark.parametrize(
    ("value", "unit", "after", "printed"),
    [
        (2, "倍", "多", "2倍多"),
        (3, "年", "多", "3年多"),
        (20, "倍", "多", "20多倍"),
        (1100, "亿元", "多", "1100多亿元"),
        (5, "万人", "余", "5万余人"),
        (4.5, "万家", "余", "4.5万余家"),
        (30, "万人", "余", "30余万人"),
        (5, "人", "余万", "5万余人"),
        (1100, "元", "多亿", "1100多亿元"),
        (2, "万", "余", "2万余"),
        (1000, "件", "余", "1000余件"),
    ],
)
def test_number_qualifiers_follow_a_non_round_number_after_the_unit(value, unit, after, printed):
    # Guards against "2多倍" for 两倍多: 余/多 follow the digits only when they end in 0.
    assert str(format_figure(value, unit=unit, after=after)) == printed


@pytest.mark.parametrize("after", ["以上", "以下", "左右", "上下", "以内"])
def test_quantity_qualifiers_go_after_the_unit(after):
    assert str(format_figure(30, unit="%", after=after)) == f"30%{after}"


@pytest.mark.parametrize(
    ("unit", "after", "printed"),
    [("%以上", "以上", "3%以上"), ("余件", "余", "3余件"), ("万余家", "余", "3万余家"),
     (" % ", " 以上 ", "3%以上")],
)
def test_qualifier_already_in_the_unit_is_not_written_twice(unit, after, printed):
    assert str(format_figure(3, unit=unit, after=after)) == printed


@pytest.mark.parametrize(
    ("value", "decimals"),
    [(17.1, 1), (89.6, 1), (385, 0), (385.0, 0), (0.25, 2), (13.90, 1), (0.1 + 0.2, 1),
     (1e-7, 0), (1.23456789, 6), (1e16, 0), (-2.5, 1)],
)
def test_infer_decimals_counts_the_written_digits(value, decimals):
    assert infer_decimals(value) == decimals


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (2.5, 0, "3"), (3.5, 0, "4"), (-2.5, 0, "-3"), (0.125, 2, "0.13"),
        (2.675, 2, "2.68"), (1.005, 2, "1.01"), (3, 1, "3.0"), (17.1, None, "17.1"),
        (89.6, 0, "90"), (-0.001, 2, "0.00"), (-0.0, None, "0"), (-0.4, 0, "0"),
        (1e16, None, "10000000000000000"), (1e-7, 7, "0.0000001"),
    ],
)
def test_format_number_rounds_half_away_from_zero(value, decimals, text):
    assert format_number(value, decimals) == text


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [(11153, None, "11,153"), (999, None, "999"), (1234567.891, 2, "1,234,567.89"),
     (-1234.5, 1, "-1,234.5"), (0, 0, "0")],
)
def test_grouping_adds_thousands_separators(value, decimals, text):
    assert format_number(value, decimals, grouping=True) == text


def test_grouping_reaches_the_figure():
    assert str(format_figure(11153, unit="个", grouping=True)) == "11,153个"


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_format_number_refuses_non_finite_values(value):
    with pytest.raises(ValueError, match="finite"):
        format_number(value)


def test_format_number_refuses_negative_decimals():
    with pytest.raises(ValueError, match="decimals"):
        format_number(1.5, -1)


@pytest.mark.parametrize(
    ("value", "scaled"),
    [(45000, (4.5, "万")), (110_000_000_000, (1100.0, "亿")), (1e8, (1.0, "亿")),
     (99_999_999, (9999.9999, "万")), (10000, (1.0, "万")), (9999, (9999, "")),
     (123456, (12.3456, "万")), (-45000, (-4.5, "万")), (0, (0, ""))],
)
def test_scale_to_chinese_picks_the_magnitude(value, scaled):
    assert scale_to_chinese(value) == scaled


def test_scaled_value_formats_cleanly():
    value, magnitude = scale_to_chinese(45000)
    assert str(format_figure(value, unit=magnitude + "家")) == "4.5万家"


@pytest.mark.parametrize(
    ("progress", "text"),
    [(0, "0.0%"), (0.5, "44.8%"), (1, "89.6%"), (-1, "0.0%"), (2, "89.6%")],
)
def test_count_up_keeps_the_final_decimals(progress, text):
    assert str(count_up_text(89.6, progress, unit="%")) == text


def test_count_up_from_a_start_value_keeps_qualifiers_in_place():
    frames = [count_up_text(2600, p, start=2000, unit="件", after="余") for p in (0, 0.5, 1)]
    assert [str(frame) for frame in frames] == ["2000余件", "2300余件", "2600余件"]


@pytest.mark.parametrize(
    ("value", "unit", "after", "halfway"),
    [(2600, "件", "余", "1300余件"), (2, "倍", "多", "1倍多"), (5, "万人", "余", "3万余人")],
)
def test_count_up_keeps_the_qualifier_where_the_final_figure_has_it(value, unit, after, halfway):
    final = format_figure(value, unit=unit, after=after)
    frame = count_up_text(value, 0.5, unit=unit, after=after)
    assert (frame.infix, frame.unit, frame.suffix) == (final.infix, final.unit, final.suffix)
    assert str(frame) == halfway


def test_count_up_passes_non_round_numbers_without_moving_the_qualifier():
    # 1301 is not round, but the 余 of 2600余件 must not jump behind the unit mid-count.
    frame = count_up_text(2600, 1301 / 2600, unit="件", after="余")
    assert str(frame) == "1301余件"


def test_count_up_width_does_not_jitter():
    # Guards against 3.0 -> 3 -> 3.5 style changes in digit count while counting.
    texts = [count_up_text(17.1, step / 100).number for step in range(101)]
    assert {len(text.split(".")[1]) for text in texts} == {1}
    assert texts[-1] == "17.1"


def test_count_up_ends_exactly_on_an_awkward_float():
    # 0.1 + (0.3 - 0.1) * 1 is 0.30000000000000004; the last frame must still be the figure.
    assert count_up_text(0.3, 1, start=0.1, decimals=6) == format_figure(0.3, decimals=6)


@given(
    value=st.floats(allow_nan=False, allow_infinity=False),
    decimals=st.integers(min_value=0, max_value=4),
    grouping=st.booleans(),
)
def test_format_number_parses_back_to_the_rounded_value(value, decimals, grouping):
    text = format_number(value, decimals, grouping)
    scaled = Fraction(repr(value)) * 10**decimals
    expected = Fraction(math.floor(abs(scaled) + Fraction(1, 2)), 10**decimals)
    assert Fraction(text.replace(",", "")) == (expected if value >= 0 else -expected)
    assert not text.startswith("-") or expected != 0
    assert len(text.partition(".")[2]) == decimals


@given(
    value=st.floats(min_value=-1e15, max_value=1e15, allow_nan=False),
    start=st.floats(min_value=-1e15, max_value=1e15, allow_nan=False),
    decimals=st.none() | st.integers(min_value=0, max_value=4),
    after=st.sampled_from(["", "余", "以上"]),
)
def test_count_up_ends_on_the_figure(value, start, decimals, after):
    final = format_figure(value, decimals=decimals, unit="个", after=after)
    assert count_up_text(value, 1, start=start, decimals=decimals, unit="个", after=after) == final
