"""What a customer reads in a mass communication, reduced to a fingerprint.

Customer Service approves a content, and a mailing may be sent only while its content is still
the one approved. Comparing HTML as stored would fail at once: the mailing editor rewrites the
markup on every save (wrappers, inline styles, attribute order) and link tracking rewrites every
URL at send. So the fingerprint is taken on what the reader gets:

- the subject and the text, in reading order, with whitespace collapsed; block elements separate
  words, inline ones (a ``<span>`` the editor adds for a colour) do not;
- the targets of the links, in order, with tracking undone (a short ``/r/<code>`` URL is turned
  back into its target by the caller's resolver; ``utm_*`` parameters are dropped);
- the images' sources, in order, and the attachments' checksums, in any order.

A cosmetic re-save keeps all of these; a changed word, link, image or file does not.
"""

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "center", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "ul",
    }
)  # fmt: skip
HIDDEN_TAGS = frozenset({"head", "script", "style", "template", "title"})
#: Characters editors insert that a reader never sees.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
WHITESPACE = re.compile(r"\s+")


def collapse(text: str | None) -> str:
    """Text as read: invisible characters gone, runs of whitespace one space."""
    return WHITESPACE.sub(" ", INVISIBLE.sub("", text or "")).strip()


class _Reader(HTMLParser):
    """Collects the text, link targets and image sources of an HTML body, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.links: list[str] = []
        self.images: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self._hidden_depth += 1
            return
        if tag in BLOCK_TAGS:
            self.pieces.append("\n")
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag == "img" and values.get("src"):
            self.images.append(values["src"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in HIDDEN_TAGS:
            self._hidden_depth -= 1

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self._hidden_depth = max(self._hidden_depth - 1, 0)
        elif tag in BLOCK_TAGS:
            self.pieces.append("\n")

    def handle_data(self, data):
        if not self._hidden_depth:
            self.pieces.append(data)


def read_html(html: str | None) -> _Reader:
    reader = _Reader()
    reader.feed(str(html or ""))
    reader.close()
    return reader


def html_to_text(html: str | None) -> str:
    """The body as plain text, one line per block (what an SMS made from it says)."""
    lines = "".join(read_html(html).pieces).split("\n")
    return "\n".join(line for line in (collapse(line) for line in lines) if line)


def normalise_url(url: str, resolve: Callable[[str], str | None] | None = None) -> str:
    """A link's target as the reader reaches it: tracking undone, ``utm_*`` dropped."""
    url = collapse(url)
    if resolve:
        url = resolve(url) or url
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)]
    kept = [(key, value) for key, value in query if not key.lower().startswith("utm_")]
    return urlunsplit(
        (
            parts.scheme.lower(),
            parts.netloc.lower(),
            parts.path,
            urlencode(kept),
            parts.fragment,
        )
    )


def html_content(
    subject: str | None,
    html: str | None,
    attachment_checksums: Iterable[str] = (),
    resolve: Callable[[str], str | None] | None = None,
) -> dict:
    """What the reader of an e-mail gets, as comparable values."""
    reader = read_html(html)
    return {
        "subject": collapse(subject),
        "text": collapse("".join(reader.pieces)),
        "links": [normalise_url(link, resolve) for link in reader.links],
        "images": [collapse(src) for src in reader.images],
        "attachments": sorted(checksum for checksum in attachment_checksums if checksum),
    }


def text_content(text: str | None) -> dict:
    """What the reader of a text message gets."""
    return {"text": collapse(text)}


def fingerprint(content: dict) -> str:
    """SHA-256 of a content made by :func:`html_content` or :func:`text_content`."""
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
