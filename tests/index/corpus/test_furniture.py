"""Site furniture: other sites' calls to action, ads, comment forms and link lists dropped; news kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.corpus.documents import load_document
from index.corpus.furniture import find_furniture

BODY = [
    "The foreign ministers of Armenia and Azerbaijan met in Moscow on Wednesday to discuss the conflict.",
    "He said the group would join talks in Geneva next week, and officials declined to comment further.",
    "Reuters reported that readers of the newspaper had complained about the coverage of the talks.",
    "Turkey pledged its support for Azerbaijan, while lawmakers voted to subscribe to the new accord.",
    "The foundation said it would support independent journalism in the region with new grants.",
    "The ministry did not respond to a request for comment on the shelling of Stepanakert overnight.",
    "Share prices fell 3.5 percent in Moscow after the talks, and a sponsored bill was tabled.",
    "“We support journalism, and you should too,” the minister told reporters after the meeting.",
    "Both sides agreed to meet again, a spokeswoman for the Armenian Foreign Ministry said on Friday.",
]


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def article(*furniture: str, title: str = "Ministers meet in Moscow") -> str:
    return "\n\n".join([title, *BODY, *furniture]) + "\n"


def texts(doc, paras) -> list[str]:
    return [doc.text[p.start : p.end] for p in paras]


FURNITURE_VARIANTS = {
    "telegram": ["Join our Telegram channel for the latest updates from the Caucasus"],
    "newsletter": ["Sign up for our daily newsletter", "Get the headlines in your inbox. Enter your email."],
    "cookies": [
        "We use cookies to improve your experience on our site. By continuing you agree to our Cookie Policy.",
        "Accept cookies",
    ],
    "related": ["Related:", "Armenia, Azerbaijan agree new truce", "Also read: Putin calls Macron"],
    "comments": [
        "Leave a comment",
        "Your email address will not be published. Required fields are marked *",
        "Comment *",
        "Post Comment",
    ],
    "donation": [
        "Support independent journalism. Donate today.",
        "If you value our reporting, please consider supporting us with a monthly contribution.",
    ],
    "social": ["Follow us on Twitter and Facebook", "Share this:", "3 Comments"],
    "ads": ["Advertisement", "© 2020 Example Media Ltd. All rights reserved."],
}


@pytest.mark.parametrize("site", sorted(FURNITURE_VARIANTS))
def test_furniture_variants_dropped(tmp_path, site):
    """Other sites' furniture is dropped and every body paragraph kept."""
    furniture = FURNITURE_VARIANTS[site]
    doc = load_document(write(tmp_path / f"{site}.txt", article(*furniture)))
    assert texts(doc, doc.paragraphs)[1:] == BODY
    assert texts(doc, doc.dropped) == furniture


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Also read: Armenia and Azerbaijan agree to a truce",
        "Click here to subscribe to our YouTube channel",
        "Subscribe to our newsletter",
    ],
)
def test_inline_furniture_mid_article(tmp_path, line):
    """Furniture inside the article is dropped without cutting the paragraphs after it."""
    doc = load_document(write(tmp_path / "mid.txt", article() + "\n" + line + "\n\n" + BODY[0] + "\n"))
    assert texts(doc, doc.dropped) == [line]
    assert texts(doc, doc.paragraphs)[-1] == BODY[0]


def test_ordinary_news_kept(tmp_path):
    """Sentences with join/subscribe/comment/support/sponsored are article text, not furniture."""
    doc = load_document(write(tmp_path / "news.txt", article()))
    assert doc.dropped == ()
    assert len(doc.paragraphs) == len(BODY) + 1


def test_heading_sandwiched_between_furniture():
    """A short heading between two furniture paragraphs is furniture (not in the tail)."""
    paragraphs = ["Title", "Advertisement", "Stay informed", "Sign up for our newsletter", *BODY]
    assert find_furniture(paragraphs) == {1, 2, 3}


def test_tail_cut(tmp_path):
    """After furniture near the end, later non-prose lines go too."""
    tail = ["Follow us on Instagram", "More from Example News", "Armenia fights on", "Share this:"]
    doc = load_document(write(tmp_path / "tail.txt", article(*tail)))
    assert texts(doc, doc.dropped) == tail


def test_title_never_dropped(tmp_path):
    """Paragraph 1 is never furniture, even when it looks like it."""
    doc = load_document(write(tmp_path / "t.txt", article(title="Advertisement")))
    assert doc.paragraph(1) is not None and doc.dropped == ()


def test_only_body_never_dropped(tmp_path):
    """A document whose body is all furniture-like keeps it rather than leaving only the title."""
    doc = load_document(write(tmp_path / "t.txt", "Title\n\nSubscribe to our newsletter\n"))
    assert [p.number for p in doc.paragraphs] == [1, 2] and doc.dropped == ()
