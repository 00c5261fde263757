"""Offscreen export: the final frame of slides as images, and a whole deck as PNGs and a PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

from zzkiosk.deck.deck import Deck, Section
from zzkiosk.deck.plain import Slide
from zzkiosk.qt_environment import prepare_qt_environment
from zzkiosk.render.canvas_fit import canvas_rect_in
from zzkiosk.render.scene import SlideScene
from zzkiosk.render.style import parse_colour

Progress = Callable[[int, int, str], None]
"""Called after each slide with (slides done, slides in all, what was just written)."""

_app: QApplication | None = None


def ensure_app() -> QCoreApplication:
    """The running Qt application, or a new offscreen QApplication when there is none.

    Chart axes use a hidden pyqtgraph widget, so a QApplication (not only a
    QGuiApplication) is needed; QT_QPA_PLATFORM is set to offscreen unless already set.
    """
    global _app
    existing = QCoreApplication.instance()
    if existing is not None:
        return existing
    prepare_qt_environment(offscreen=True)
    _app = QApplication(["zzkiosk-render"])
    return _app


def _paint_slide(painter: QPainter, scene: SlideScene, target: QRectF) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    scene.render(painter, target, scene.sceneRect(), Qt.AspectRatioMode.IgnoreAspectRatio)


def render_slide_image(deck: Deck, section: Section, slide: Slide,
                       size: tuple[int, int] = (1920, 1080)) -> QImage:
    """The final frame of a slide as an image of `size`, letterboxed in the theme's
    background colour when the aspect ratios differ."""
    ensure_app()
    scene = SlideScene(deck, section, slide)
    scene.finish_entrance()
    image = QImage(QSize(*size), QImage.Format.Format_RGB32)
    image.fill(parse_colour(deck.theme.palette.background))
    painter = QPainter(image)
    _paint_slide(painter, scene, canvas_rect_in(QSize(*size), deck.canvas))
    painter.end()
    return image


def slide_file_name(number: int, section: Section, slide: Slide) -> str:
    """NN-section-slide.png, numbered from 01 in playing order."""
    return f"{number:02d}-{section.id}-{slide.id}.png"


def _pdf_writer(pdf: Path, size: tuple[int, int]) -> QPdfWriter:
    """A PDF whose pages have the images' aspect ratio, one device pixel per image pixel."""
    writer = QPdfWriter(str(pdf))
    width_pt = 960.0
    height_pt = width_pt * size[1] / size[0]
    page = QPageSize(QSize(round(width_pt), round(height_pt)), "slide", QPageSize.SizeMatchPolicy.ExactMatch)
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setResolution(round(size[0] / (width_pt / 72.0)))
    writer.setTitle("zzkiosk")
    return writer


def render_deck(deck: Deck, out_dir: Path, size: tuple[int, int] = (1920, 1080),
                pdf: Path | None = None, progress: Progress | None = None) -> list[Path]:
    """Write every slide's final frame as `NN-section-slide.png` in `out_dir` (and, with
    `pdf`, one PDF page per slide); returns the PNG paths in playing order."""
    ensure_app()
    out_dir.mkdir(parents=True, exist_ok=True)
    slides = deck.slides
    writer = _pdf_writer(pdf, size) if pdf is not None else None
    pdf_painter = QPainter(writer) if writer is not None else None
    if pdf_painter is not None and not pdf_painter.isActive():  # a folder, or a path the disk refuses
        raise OSError(f"{pdf}: cannot write the PDF there (is it a folder, or a read-only place?)")
    written: list[Path] = []
    try:
        for number, (section, slide) in enumerate(slides, start=1):
            image = render_slide_image(deck, section, slide, size)
            path = out_dir / slide_file_name(number, section, slide)
            if not image.save(str(path)):
                raise OSError(f"{path}: could not write the image")
            written.append(path)
            if pdf_painter is not None:
                if number > 1:
                    writer.newPage()
                pdf_painter.drawImage(QRectF(0, 0, writer.width(), writer.height()), image)
            if progress is not None:
                progress(number, len(slides), path.name)
    finally:
        ended = pdf_painter.end() if pdf_painter is not None else True
    if not ended:
        raise OSError(f"{pdf}: the PDF could not be finished (is the disk full?)")
    return written
