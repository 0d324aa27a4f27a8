"""Decoding raw bytes: every encoding a scraped folder holds."""
import pytest

import ftfy

from news_digest.text.decode import FTFY_CONFIG, clean_text, decode_article, decode_bytes, fix_lines
from news_digest.text.errors import ConversionError

TEXT = "Café owners in Zürich say “prices” rose £5"


@pytest.mark.parametrize(
    "data, expected",
    [
        pytest.param(TEXT.encode("utf-8"), TEXT, id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT, id="utf-8-bom"),
        pytest.param(TEXT.encode("utf-16"), TEXT, id="utf-16-bom"),
        pytest.param(b"\xfe\xff" + TEXT.encode("utf-16-be"), TEXT, id="utf-16-be-bom"),
        pytest.param(TEXT.encode("utf-16-le"), TEXT, id="utf-16-le-no-bom"),
        pytest.param(TEXT.encode("cp1252"), TEXT, id="windows-1252"),
        pytest.param(b"caf\xe9 \x93quoted\x94", "café “quoted”", id="windows-1252-curly-quotes"),
    ],
)
def test_decode_bytes(data, expected):
    assert decode_bytes(data) == (expected, ())


@pytest.mark.parametrize(
    "data, text, offsets",
    [
        pytest.param("Café says “hi” ".encode() + b"\x9d and more text here", "Café says “hi” \x9d and more text here",
                     (20,), id="utf-8-with-one-stray-byte"),
        pytest.param(b"caf\xe9 \x93quoted\x94 \x81", "café “quoted” \x81", (14,), id="windows-1252-undefined-byte"),
        pytest.param(b"Headline\n\nabc \x81\x8d\x90 def", "Headline\n\nabc \x81\x8d\x90 def", (14, 15, 16),
                     id="bytes-no-encoding-defines"),
    ],
)
def test_a_few_undecodable_bytes_lose_nothing(data, text, offsets):
    assert decode_bytes(data) == (text, offsets)


@pytest.mark.parametrize(
    "raw, expected",
    [
        pytest.param("Spainâ€™s heat", "Spain’s heat", id="mojibake-apostrophe"),
        pytest.param("costs Â£5", "costs £5", id="mojibake-pound"),
        pytest.param("down,â€\x9d said", "down,” said", id="mojibake-closing-quote-c1"),
        pytest.param("Line one\r\nLine two\rLine three", "Line one\nLine two\nLine three", id="crlf-and-cr"),
        pytest.param("trailing   \nspaces  here ", "trailing\nspaces here", id="trailing-and-double-spaces"),
        pytest.param("NUL\x00 and\x07 bell", "NUL and bell", id="control-characters"),
        pytest.param("AT&amp;T results", "AT&T results", id="html-entity"),
        pytest.param("\u202eevil\u202c text", "evil text", id="bidi-override"),
        pytest.param("emoji 👩\u200d👩\u200d👧 stays", "emoji 👩\u200d👩\u200d👧 stays", id="emoji-zwj-kept"),
        pytest.param("שלום עולם", "שלום עולם", id="right-to-left-kept"),
        pytest.param("\n\n  Headline\n\n", "Headline", id="outer-blank-lines"),
        pytest.param("Headline\u2029First.\u2028Second.", "Headline\n\nFirst.\nSecond.", id="unicode-separators"),
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Plain line\nSpainâ€™s heat\nAT&amp;T\n", id="mojibake-and-entity-on-their-own-lines"),
        pytest.param("a &lt;b&gt; line\n<p>markup</p>\nthen &amp;\nÂ£5", id="html-seen-entities-kept-after"),
        pytest.param("then &amp;\n<p>markup</p>\nÂ£5", id="entity-before-the-html-unescaped"),
        pytest.param("\x1b[31mred\x1b[0m\ncafÃ©", id="terminal-escape"),
        pytest.param("no newline cafÃ©", id="one-line"),
        pytest.param("ends\n\nwith blank lines cafÃ©\n\n", id="blank-lines"),
    ],
)
def test_fix_lines_is_ftfy_line_by_line(text):
    # ftfy fixes line by line: giving it only the lines it could change
    # must give what it gives for the whole text.
    assert fix_lines(text) == ftfy.fix_text(text, FTFY_CONFIG)


@pytest.mark.parametrize(
    "data, message",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", id="png"),
        pytest.param(bytes(range(0, 32)) * 50, "binary", id="control-bytes"),
        pytest.param(b"\xff\xfeA\x00\x00\xd8", "cannot be decoded", id="broken-utf-16"),
    ],
)
def test_decode_errors(data, message):
    with pytest.raises(ConversionError, match=message):
        decode_article(data)
