"""Document templates: Django templates rendering a small block markup, parsed into blocks.

An administrator changes a document in the admin (``DocumentTemplate`` row of the same name) or by
placing a file of the same name in the override directory (``settings.EXCHANGE_DOCUMENT_TEMPLATES_DIR``,
default ``<EGOVNET_DATA_DIR>/document-templates``); the shipped files in
``egovnet/exchange/templates/exchange/documents/`` are the fallback.

Markup (block level; the PDF and the .docx renderers both understand it)::

    <h1>…</h1> <h2>…</h2> <h3>…</h3> <p class="center|small|right">…</p> <li>…</li>
    <table widths="20,80" header="1"><tr><th>…</th><td>…</td></tr></table>
    <chart type="bar" title="…" labels="a|b" values="1|2" unit="%"/>
    <map title="…" codes="410000|110000" values="80|95" unit="%"/>
    <pagebreak/>
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template import Context, Engine

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "templates" / "exchange" / "documents"


def override_dir() -> Path:
    configured = getattr(settings, "EXCHANGE_DOCUMENT_TEMPLATES_DIR", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "document-templates"


def engine() -> Engine:
    return Engine(dirs=[str(override_dir()), str(BUILTIN_DIR)], autoescape=True)


def render_markup(name: str, context: dict[str, Any]) -> str:
    """Render ``name`` (e.g. "review_sheet.html"): the administrator's DB row, else the override file, else ours."""
    from ..models import DocumentTemplate

    row = DocumentTemplate.objects.filter(name=name, active=True).values_list("content", flat=True).first()
    template = engine().from_string(row) if row is not None else engine().get_template(name)
    return template.render(Context(context))


def check_template(content: str) -> None:
    """Raise ``django.template.TemplateSyntaxError`` if ``content`` does not compile."""
    engine().from_string(content)


@dataclass
class Block:
    tag: str  # h1 h2 h3 p li table chart map pagebreak
    text: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    rows: list[list[tuple[str, bool]]] = field(default_factory=list)  # table: (text, is_header)


class _Parser(HTMLParser):
    TEXT_TAGS = {"h1", "h2", "h3", "p", "li"}
    EMPTY_TAGS = {"chart", "map", "pagebreak"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.table: Block | None = None
        self.cell: list[str] | None = None
        self.cell_header = False
        self.current_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in self.EMPTY_TAGS:
            self.blocks.append(Block(tag, attrs=values))
        elif tag == "table":
            self.table = Block("table", attrs=values)
        elif tag == "tr" and self.table is not None:
            self.table.rows.append([])
        elif tag in ("td", "th") and self.table is not None:
            self.cell, self.cell_header = [], tag == "th"
        elif tag == "br" and (self.cell is not None or self.current is not None):
            (self.cell if self.cell is not None else self.current_text).append("\n")
        elif tag in self.TEXT_TAGS and self.cell is None:
            self.current = Block(tag, attrs=values)
            self.current_text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None and self.table is not None:
            self.table.rows[-1].append((_clean("".join(self.cell)), self.cell_header))
            self.cell = None
        elif tag == "table" and self.table is not None:
            self.blocks.append(self.table)
            self.table = None
        elif tag in self.TEXT_TAGS and self.current is not None and self.current.tag == tag:
            self.current.text = _clean("".join(self.current_text))
            self.blocks.append(self.current)
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
        elif self.current is not None:
            self.current_text.append(data)


def _clean(text: str) -> str:
    """Collapse whitespace per line; a cell of only ``<br/>`` keeps its empty lines (room to sign or write)."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    if not any(lines):
        return "\n" * (len(lines) - 1)
    return "\n".join(lines).strip()


def parse_blocks(markup: str) -> list[Block]:
    parser = _Parser()
    parser.feed(markup)
    parser.close()
    return parser.blocks


def series(block: Block, key: str) -> list[str]:
    raw = block.attrs.get(key, "")
    return raw.split("|") if raw else []
