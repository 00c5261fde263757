"""Reading YAML safely, keeping the line and column of every key and value.

The only module that imports `yaml`. Files are read event by event from the C parser
(when PyYAML has it) into plain dicts, lists and scalars, so that nothing in a file can
build Python objects, expand aliases, or recurse deeper than `MAX_DEPTH`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from zzkiosk.deck.errors import DeckError, Problem
from zzkiosk.i18n import N_, tr
from zzkiosk.numbers import WrittenNumber

MAX_FILE_BYTES = 2_000_000
"""Largest deck, section or theme file accepted (2 MB: a deck of thousands of slides)."""
MAX_DEPTH = 32
"""Deepest nesting of mappings and lists accepted; real decks need about 8."""
MAX_VALUES = 10_000
"""Most keys and values in one file: the bundled deck's largest section has about 650.
Reading costs ~8 us a value, so a file of many tiny values is refused within ~0.1 s
(at 500 000 a 1.2 MB file took 4 s to refuse: the show stalled while it was read)."""

Path_ = tuple[str | int, ...]
"""Where a value sits in a document: keys and list indexes from the top."""

_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_CONTAINER_TAGS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

_SYNTAX_HINTS = (
    ("mapping values are not allowed", N_("a ':' inside a value: put the whole value in quotes")),
    ("could not find expected ':'", N_("each line is `key: value`; check the indentation or quote the text")),
    ("did not find expected key", N_("check the indentation: keys of one mapping line up exactly")),
    ("did not find expected '-'", N_("list items line up under each other, each starting with '- '")),
    ("found unexpected end of stream", N_("a quote or bracket is not closed; the file may be cut short")),
    ("found character '\\t'", N_("indent with spaces, not tabs")),
    ("while scanning a quoted scalar", N_("a quoted value is not closed: add the closing quote")),
)


@dataclass
class Document:
    """A YAML file read into plain values, with the position of each value and key."""

    file: Path
    """The file read."""
    data: Any
    """Its content: dicts, lists, str, int, float, bool and None only."""
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each value, by its path."""
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each mapping key, by the path of its value."""
    digest: str = ""
    """SHA-256 of the bytes read: what the deck cache is keyed by (zzkiosk.deck.cache)."""

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Where `path` (or the nearest enclosing value that exists) is written."""
        path = tuple(path)
        if key and path in self.keys:
            return self.keys[path]
        while path and path not in self.values:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def problem(
        self, path: Path_, message: str, *, key: bool = False, severity: str = "error", code: str = ""
    ) -> Problem:
        """A problem located at `path` in this file."""
        line, column = self.position(path, key=key)
        return Problem(self.file, line, column, message, severity, code)


class _Refused(Exception):
    """A file refused while reading: where and why."""

    def __init__(self, line: int, column: int, code: str, message: str):
        super().__init__(message)
        self.line, self.column, self.code, self.message = line, column, code, message


def read_yaml(file: Path, *, expected: str = N_("a mapping of `key: value` lines")) -> Document:
    """Read one YAML file whose top level must be a mapping, or raise DeckError.

    `expected` says what the file should hold (marked with N_, translated here)."""
    try:
        return _read(file, tr(expected))
    except _Refused as refused:
        problem = Problem(file, refused.line, refused.column, refused.message, code=refused.code)
        raise DeckError([problem]) from None


def _read(file: Path, expected: str) -> Document:
    raw = _read_bytes(file)
    text = _decode(raw)
    _check_tabs(text)
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        raise _Refused(0, 0, "empty-file", tr("the file is empty: it should hold {expected}", expected=expected))
    document = Document(file, None, digest=hashlib.sha256(raw).hexdigest())
    try:
        document.data = _Builder(document).build(yaml.parse(text, Loader=_PARSER))
    except yaml.MarkedYAMLError as error:
        raise _syntax_problem(error) from None
    except yaml.YAMLError as error:
        raise _Refused(1, 1, "yaml-syntax", tr("YAML could not be read: {error}", error=error)) from None
    if not isinstance(document.data, dict):
        kind = tr("a list") if isinstance(document.data, list) else tr("a single value")
        raise _Refused(1, 1, "not-a-mapping", tr("the file is {kind}, but it should hold {expected}", kind=kind, expected=expected))
    return document


def _read_bytes(file: Path) -> bytes:
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Refused(0, 0, "file-too-large", tr(
                "the file is {size:.1f} MB; files over {limit:.0f} MB are refused", size=size / 1e6, limit=MAX_FILE_BYTES / 1e6
            ))
        with file.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _Refused(0, 0, "file-missing", tr("the file does not exist")) from None
    except IsADirectoryError:
        raise _Refused(0, 0, "is-a-folder", tr("this is a folder, not a file")) from None
    except OSError as error:
        raise _Refused(0, 0, "file-unreadable", tr("the file cannot be read: {error}", error=error.strerror or error)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise _Refused(0, 0, "file-too-large", tr("the file is over {limit:.0f} MB; it is refused", limit=MAX_FILE_BYTES / 1e6))
    return raw


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        if error.reason == "unexpected end of data":  # the bytes were UTF-8 until the file stopped
            raise _Refused(line, column, "cut-short", tr(
                "the file ends in the middle of a character: it is still being "
                "written or copied, or was cut short; save or copy it again")) from None
        raise _Refused(line, column, "not-utf8", tr(
            "byte 0x{byte:02x} is not UTF-8 text: save the file as UTF-8 (in Notepad: Save As, Encoding UTF-8)",
            byte=raw[error.start],
        )) from None


def _check_tabs(text: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise _Refused(number, indent.index("\t") + 1, "tab-indent",
                           tr("a tab in the indentation: indent with spaces, not tabs"))


def _syntax_problem(error: yaml.MarkedYAMLError) -> _Refused:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or error.context or "the YAML cannot be read"
    hint = next((hint for text, hint in _SYNTAX_HINTS if text in str(error)), "")
    if hint:
        message = tr("YAML syntax error: {problem} ({hint})", problem=problem, hint=tr(hint))
    else:
        message = tr("YAML syntax error: {problem}", problem=problem)
    return _Refused(mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, "yaml-syntax", message)


class _Frame:
    """A mapping or list being built, with the key waiting for its value."""

    __slots__ = ("container", "path", "key", "key_mark")

    def __init__(self, container: dict | list, path: Path_):
        self.container, self.path = container, path
        self.key: str | None = None
        self.key_mark: tuple[int, int] | None = None


class _Builder:
    """Turns parser events into plain values, refusing what a deck never needs."""

    def __init__(self, document: Document):
        self.document = document
        self.stack: list[_Frame] = []
        self.count = 0
        self.result: Any = None
        self.documents = 0

    def build(self, events) -> Any:
        for event in events:
            self._on(event)
        return self.result

    def _on(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _Refused(*_mark(event), "second-document",
                              tr("a second YAML document ('---'): keep one document per file"))
        elif isinstance(event, yaml.AliasEvent):
            raise _Refused(*_mark(event), "alias", tr(
                "alias *{anchor}: aliases are not allowed; write the value out in full", anchor=event.anchor))
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._open(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            self._place(frame.container, frame.path)
        elif isinstance(event, yaml.ScalarEvent):
            self._scalar(event)

    def _open(self, event: yaml.CollectionStartEvent) -> None:
        self._check_node(event, _CONTAINER_TAGS)
        if len(self.stack) >= MAX_DEPTH:
            raise _Refused(*_mark(event), "too-deep", tr(
                "nested more than {depth} levels deep: a deck never needs that", depth=MAX_DEPTH))
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.container, dict) and parent.key is None:
            raise _Refused(*_mark(event), "key-not-plain", tr("a mapping or list used as a key: keys are plain words"))
        path = self._child_path(parent)
        self.document.values[path] = _mark(event)
        container: dict | list = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Frame(container, path))

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        self._check_node(event, _PLAIN_TAGS | {None, "!"})
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.container, dict) and parent.key is None:
            self._key(parent, event)
            return
        path = self._child_path(parent)
        self.document.values[path] = _mark(event)
        self._place(_scalar_value(event), path)

    def _key(self, frame: _Frame, event: yaml.ScalarEvent) -> None:
        key = event.value
        if key in frame.container:
            first = self.document.keys[frame.path + (key,)]
            raise _Refused(*_mark(event), "duplicate-key", tr(
                "key '{key}' appears twice in this mapping (first at line {line}); keep one", key=key, line=first[0]))
        if key == "<<":
            raise _Refused(*_mark(event), "merge-key", tr("merge keys (<<) are not allowed; write the keys out in full"))
        frame.key, frame.key_mark = key, _mark(event)

    def _child_path(self, parent: _Frame | None) -> Path_:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _Refused(1, 1, "too-many-values", tr(
                "more than {count} values in one file: split its slides into more section files", count=MAX_VALUES))
        if parent is None:
            return ()
        if isinstance(parent.container, dict):
            return parent.path + (parent.key,)
        return parent.path + (len(parent.container),)

    def _place(self, value: Any, path: Path_) -> None:
        if not self.stack:
            self.result = value
            return
        parent = self.stack[-1]
        if isinstance(parent.container, dict):
            parent.container[parent.key] = value
            self.document.keys[path] = parent.key_mark
            parent.key = None
        else:
            parent.container.append(value)

    @staticmethod
    def _check_node(event: yaml.NodeEvent, allowed_tags: set) -> None:
        if event.anchor is not None:
            raise _Refused(*_mark(event), "anchor", tr(
                "anchor &{anchor}: anchors and aliases are not allowed; write values out in full", anchor=event.anchor))
        tag = getattr(event, "tag", None)
        if tag not in allowed_tags:
            raise _Refused(*_mark(event), "tag", tr("tag {tag} is not allowed: write a plain value without '!' tags", tag=tag))


def _mark(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _scalar_value(event: yaml.ScalarEvent) -> Any:
    if event.tag in (None, "!"):
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
    else:
        tag = event.tag
    if tag not in _PLAIN_TAGS:  # timestamps and the like stay as the text written
        return event.value
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
    try:
        value = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
    except (ValueError, yaml.constructor.ConstructorError):
        raise _Refused(*_mark(event), "not-a-number", tr(
            "'{value}' is not a number this kiosk can use", value=event.value[:40])) from None
    return _as_written(value, event.value, tag)


def _as_written(value: Any, text: str, tag: str) -> Any:
    """A number written with a sign (+4.1) or a decimal point (3.50) keeps its text:
    YAML would drop the + and the trailing zero that the source prints."""
    if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and (
        text.lstrip()[:1] in ("+", "-") or "." in text
    ):
        return WrittenNumber(value, text)
    return value
