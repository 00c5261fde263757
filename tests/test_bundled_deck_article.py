"""The bundled deck against its source article: every figure there, none invented.

The article is the Zhuzhou Daily feature the default deck tells (`tests/data/` holds a
copy of /work/shared/source/plenary-2020-2021.txt so CI does not depend on it). These
tests guard the facts, not the looks: a figure dropped, altered, or stripped of its
qualifier (近, 超过, 余, 以上) fails here; so does a figure baked into a sentence, a
slide without presenter notes, or the article's self-repeating 学有所教→学有所教 pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from zzkiosk.deck.loader import load_deck
from zzkiosk.numbers import format_figure

DECK_FOLDER = Path(__file__).resolve().parents[1] / "slides"
ARTICLE_FILE = Path(__file__).resolve().parent / "data" / "plenary-2020-2021.txt"

# Numbers in the article that are dates, names or slogans, not figures. Each is cut out
# of the text before figures are looked for, and may appear in slide text as it is.
NOT_FIGURES = (
    r"20(?:20|21)(?=年|\.\.\.|…)",  # the years 2020年, 2021年 and the part titles 2020… / 2021…
    r"建党100周年",                   # the centenary of the Party: a name
    r"“3\+5\+2”",                     # the "3+5+2" industry clusters: a programme name
    r"“135”",                         # the "135" project: a programme name
    r"神24",                          # the 神24 locomotive: a product name
    r"“?三类500强”?",                 # the "三类500强" company rankings: a list name
    r"蓝天300天",                     # the slogan 蓝天300天、全域II类水 (the 315天 figure is separate)
    r"“15条”",                        # the employment policy named "15条"
)
NOT_FIGURES_RE = re.compile("|".join(f"(?:{pattern})" for pattern in NOT_FIGURES))

# Qualifiers that are part of a figure in the article, before and after the number.
BEFORE = ("超过", "至少", "仅用", "近", "约")
AFTER_NUMBER = ("余", "多")
AFTER_UNIT = ("以上",)
# Every unit the article uses after a number, longest first so 万家 wins over 家.
UNITS = sorted(
    ("条", "%", "件", "家", "万家", "个", "亿元", "名", "天", "批次", "人", "万人", "年", "项", "所", "套", "台"),
    key=len,
    reverse=True,
)

NUMBER_RE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")
FIGURE_RE = re.compile(
    rf"(?P<before>{'|'.join(BEFORE)})?"
    r"(?<![\d.])(?P<number>\d+(?:\.\d+)?)"
    rf"(?P<infix>{'|'.join(AFTER_NUMBER)})?"
    rf"(?P<unit>{'|'.join(re.escape(unit) for unit in UNITS)})"
    rf"(?P<suffix>{'|'.join(AFTER_UNIT)})?"
)

# Figures the article gives as estimates (预计): the slide must say so in label or note.
ESTIMATES = {(3, "%"), (62, "家"), (529, "家"), (315, "天"), (13.9, "%"), (3678, "套"), (205, "个"), (300, "台")}
# Figures that measure a fall (下降, 降费): the label must say so, since values are positive.
DECREASES = {(13.9, "%"), (12, "%"), (30, "%")}
# Shares of a whole, drawn as ring gauges.
SHARES = {78, 80, 89.6, 84.7, 94}
# Rankings and honours, each shown as a badge.
HONOURS = (
    "居全省第一", "居全省第二", "居全省第一位", "居长株潭第一", "全省第一家", "全省唯一",
    "全省首创", "全国文明城市", "全省安全生产先进市", "全国贫困县第一家科创板上市企业",
)
# 由“学有所教”向“学有所教”: the upgraded word was lost when the page was extracted.
SELF_REPEATING_RE = re.compile(r"[“‘\"']?([\u4e00-\u9fff]{2,8})[”’\"']?向[“‘\"']?\1(?![\u4e00-\u9fff])")


@dataclass(frozen=True)
class Shown:
    """A figure as a slide shows it."""

    slide: str
    kind: str
    value: float
    unit: str
    before: str
    after: str
    decimals: int | None
    grouping: bool
    words: str
    """Label, note and caption: what the figure is said to be."""

    @property
    def text(self) -> str:
        return str(format_figure(self.value, decimals=self.decimals, unit=self.unit,
                                 before=self.before, after=self.after, grouping=self.grouping))


@dataclass(frozen=True)
class Printed:
    """A figure as the article prints it."""

    value: float
    unit: str
    before: str
    after: str
    text: str
    context: str


def _normalise(text: str) -> str:
    """The article as one line: the page breaks that split words (总数达 / 529家) joined."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def deck():
    return load_deck(DECK_FOLDER)


@pytest.fixture(scope="module")
def article() -> str:
    return _normalise(ARTICLE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def printed(article) -> list[Printed]:
    return printed_figures(article)


@pytest.fixture(scope="module")
def shown(deck) -> list[Shown]:
    return shown_figures(deck)


def printed_figures(article: str) -> list[Printed]:
    """Every figure of the article, with its unit and qualifiers."""
    text = NOT_FIGURES_RE.sub("§", article)
    figures, unexplained = [], []
    for number in NUMBER_RE.finditer(text):
        match = _figure_at(text, number.start())
        if match is None:
            unexplained.append(text[max(0, number.start() - 8):number.end() + 8])
            continue
        figures.append(Printed(
            value=float(match["number"]),
            unit=match["unit"],
            before=match["before"] or "",
            after=match["infix"] or match["suffix"] or "",
            text=match.group(0),
            context=text[max(0, match.start() - 12):match.end() + 6],
        ))
    assert not unexplained, f"numbers with no known unit (add the unit, or list them in NOT_FIGURES): {unexplained}"
    return figures


def _figure_at(text: str, start: int) -> re.Match | None:
    """The figure whose digits start at `start`, with any qualifier just before them."""
    for before in sorted(BEFORE, key=len, reverse=True) + [""]:
        begin = start - len(before)
        if begin >= 0 and text.startswith(before, begin):
            match = FIGURE_RE.match(text, begin)
            if match and match.start("number") == start:
                return match
    return None


def shown_figures(deck) -> list[Shown]:
    """Every figure block value on every slide: counters, chart items, rings, timeline steps."""
    figures = []
    for _, slide in deck.slides:
        for block in slide.blocks:
            figures.extend(_block_figures(slide.id, block))
    return figures


def _block_figures(slide: str, block) -> list[Shown]:
    content = block.content
    if block.kind == "counter":
        return [Shown(slide, "counter", content.value, content.unit, content.before, content.after,
                      content.decimals, content.grouping, f"{content.label} {content.note}")]
    if block.kind == "chart" and content.kind == "ring":
        return [Shown(slide, "ring", content.value, content.unit, content.before, content.after,
                      content.decimals, False, f"{content.label} {content.title}")]
    if block.kind == "chart":
        return [Shown(slide, f"chart {content.kind}", item.value, item.unit or content.unit, item.before,
                      item.after, item.decimals, False, f"{item.label} {content.title}")
                for item in content.items]
    if block.kind == "timeline":
        return [Shown(slide, "timeline", step.value, step.unit, step.before, step.after,
                      step.decimals, False, f"{step.label} {content.title}")
                for step in content.items if step.value is not None]
    return []


def _same(a: float, b: float) -> bool:
    return abs(a - b) < 1e-9


def _shows(figure: Shown, printed: Printed) -> bool:
    """Whether `figure` shows the printed figure with its unit and qualifiers."""
    if not (_same(figure.value, printed.value) and figure.unit == printed.unit):
        return False
    if figure.after != printed.after:
        return False
    # A qualifier the article puts by the number must be on the slide; a slide may carry
    # a fuller one (停运 5年, 历时 21年) that the next test finds in the article.
    if printed.before:
        return figure.before == printed.before
    return figure.before not in BEFORE


def _displayed_text(deck) -> list[tuple[str, str]]:
    """Every piece of text a visitor reads, with where it is."""
    pieces = [("deck title", deck.title), ("deck credit", deck.credit)]
    for section in deck.sections:
        pieces.append((f"section {section.id}", section.title))
    for _, slide in deck.slides:
        pieces += [(f"{slide.id} title", slide.title), (f"{slide.id} subtitle", slide.subtitle)]
        for block in slide.blocks:
            content = block.content
            if block.kind == "text":
                pieces += [(f"{slide.id} text", line) for line in [content.text, *content.items]]
                pieces.append((f"{slide.id} text by", content.by))
            elif block.kind == "badge":
                pieces += [(f"{slide.id} badge", content.text), (f"{slide.id} badge label", content.label)]
            elif block.kind in ("counter", "chart"):
                pieces.append((f"{slide.id} {block.kind} label", content.label))
                pieces += [(f"{slide.id} counter note", getattr(content, "note", ""))]
                pieces += [(f"{slide.id} chart item", item.label) for item in getattr(content, "items", [])]
                pieces.append((f"{slide.id} chart title", getattr(content, "title", "")))
            elif block.kind == "timeline":
                pieces.append((f"{slide.id} timeline title", content.title))
                pieces += [(f"{slide.id} timeline step", f"{step.label} {step.at}") for step in content.items]
    return [(where, text) for where, text in pieces if text]


def test_the_article_copy_has_the_figures_this_test_relies_on(printed):
    """Guards against an empty or truncated tests/data copy passing every check vacuously."""
    texts = {figure.text for figure in printed}
    assert {"近1100亿元", "4.5万家", "2600余件", "3%以上", "超过80%", "仅用34天", "11153个"} <= texts
    assert len(printed) == 51, "the article prints 51 figures (dates and names aside)"


def test_every_article_figure_is_on_a_slide_with_unit_and_qualifier(printed, shown):
    missing = [f"{figure.text}  (…{figure.context}…)" for figure in printed
               if not any(_shows(block, figure) for block in shown)]
    assert not missing, "figures of the article not shown as a block value:\n" + "\n".join(missing)


def test_every_figure_on_a_slide_is_printed_in_the_article(article, shown):
    text = NOT_FIGURES_RE.sub("§", article)
    invented = [f"{figure.slide}: {figure.kind} {figure.text}" for figure in shown if figure.text not in text]
    assert not invented, "figures on slides that the article does not print so:\n" + "\n".join(invented)


def test_figures_are_never_baked_into_displayed_text(deck):
    baked = [f"{where}: {text}" for where, text in _displayed_text(deck)
             if NUMBER_RE.search(NOT_FIGURES_RE.sub("§", text))]
    assert not baked, "numbers in text; show them as counters, chart items or timeline steps:\n" + "\n".join(baked)


def test_estimates_say_so(shown):
    for value, unit in ESTIMATES:
        blocks = [figure for figure in shown if _same(figure.value, value) and figure.unit == unit]
        assert blocks and all("预计" in figure.words for figure in blocks), f"{value:g}{unit} is 预计 in the article"


def test_decreases_say_so(shown):
    for value, unit in DECREASES:
        blocks = [figure for figure in shown if _same(figure.value, value) and figure.unit == unit]
        assert blocks and all("降" in figure.words for figure in blocks), f"{value:g}{unit} is a fall in the article"


def test_shares_are_ring_gauges(shown):
    rings = {figure.value for figure in shown if figure.kind == "ring" and figure.unit == "%"}
    assert SHARES <= rings


def test_rankings_and_honours_are_badges(deck, article):
    badges = {block.content.text for _, slide in deck.slides for block in slide.blocks if block.kind == "badge"}
    for honour in HONOURS:
        assert honour in article, f"{honour} is not in the article: fix HONOURS"
        assert honour in badges, f"{honour} should be a badge"


def test_no_self_repeating_pairs_anywhere(deck):
    pieces = _displayed_text(deck) + [(f"{slide.id} notes", slide.notes) for _, slide in deck.slides]
    files = [(str(path), path.read_text(encoding="utf-8")) for path in deck.files]
    repeated = [f"{where}: {match.group(0)}" for where, text in pieces + files
                for match in SELF_REPEATING_RE.finditer(text)]
    assert not repeated, "the article's lost upgrade words must not be shown as X向X:\n" + "\n".join(repeated)


def test_the_self_repeating_pattern_catches_the_article_flaw(article):
    assert SELF_REPEATING_RE.search(article), "the check above would pass vacuously"


def test_every_slide_has_notes(deck):
    silent = [slide.id for _, slide in deck.slides if not slide.notes.strip()]
    assert not silent, f"slides without presenter notes: {silent}"


def test_extraction_flaws_are_not_copied(deck):
    everything = "\n".join(text for _, text in _displayed_text(deck))
    everything += "\n".join(slide.notes for _, slide in deck.slides)
    assert "学校学校" not in _normalise(everything)
    party = [slide for _, slide in deck.slides if slide.title == "党的建设更加坚强有力"]
    assert party and not any("中部崛起势正劲" in slide.notes for slide in party), \
        "the 中部崛起势正劲 paragraph belongs to 宣传思想工作 only"


def test_deck_loads_without_warnings(deck):
    assert not deck.warnings, "\n".join(str(problem) for problem in deck.warnings)


def test_slide_ids_are_lowercase_and_unique(deck):
    ids = [slide.id for _, slide in deck.slides]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slide_id) for slide_id in ids)
