"""Raw bytes -> clean Unicode text.

Decoding follows what scraped and exported files really hold: a UTF-8 or UTF-16
byte-order mark, UTF-16 without one, plain UTF-8, Windows-1252. ftfy then
repairs mojibake ("Â£" -> "£", "â€™" -> "’") and HTML entities; we only add the
few clean-ups ftfy leaves alone (NUL bytes, bidi overrides, odd spaces).
"""
from __future__ import annotations

import codecs
import re

import ftfy

from .errors import ConversionError

# ftfy's defaults, except that curly quotes are kept: quote repair needs them.
FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of common binary formats that can land in a scraped folder.
BINARY_MAGIC = (
    b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF",
    b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"Rar!", b"7z\xbc\xaf", b"MZ",
    b"\x00\x00\x01\x00", b"OggS", b"RIFF", b"ID3", b"\xd0\xcf\x11\xe0",
)
# C0 controls that never occur in text (tab, newlines and form feed excepted).
BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")

# Characters removed from decoded text: C0/C1 controls except tab and newline,
# DEL, bidi embeddings and overrides (they can flip the page's layout), zero
# width space, BOM, and the non-characters U+FFFE/U+FFFF.
CONTROL_CHARS = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\ufeff\ufffe\uffff]"
)
ODD_SPACES = re.compile("[\t\f\v\u1680\u2000-\u200a\u202f\u205f\u3000]")
SPACE_RUNS = re.compile(" {2,}")


def detect_encoding(data: bytes) -> tuple[str, int]:
    """Return (codec, bytes to skip) for raw article bytes.

    >>> detect_encoding(b"\\xef\\xbb\\xbfHello")
    ('utf-8', 3)
    >>> detect_encoding("Hi".encode("utf-16-le"))
    ('utf-16-le', 0)
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    # UTF-16 without a BOM: every other byte of ASCII text is zero.
    sample = data[:4000]
    if len(sample) >= 4 and len(sample) % 2 == 0:
        even_zero = sample[0::2].count(0) / (len(sample) / 2)
        odd_zero = sample[1::2].count(0) / (len(sample) / 2)
        if odd_zero > 0.3 and even_zero < 0.05:
            return "utf-16-le", 0
        if even_zero > 0.3 and odd_zero < 0.05:
            return "utf-16-be", 0
    return "", 0


def looks_binary(data: bytes) -> bool:
    """True for bytes that are plainly not a text article."""
    if data.startswith(BINARY_MAGIC):
        return True
    sample = data[:8000]
    controls = len(BINARY_BYTES.findall(sample))
    return controls > max(8, len(sample) // 10)


def decode_bytes(data: bytes) -> str:
    """Decode raw article bytes; raise ConversionError if they are not text."""
    codec, skip = detect_encoding(data)
    if codec:
        try:
            return data[skip:].decode(codec)
        except UnicodeDecodeError as exc:
            raise ConversionError(
                f"cannot be decoded: starts like {codec} but byte {exc.start + skip} is invalid"
            ) from None
    if looks_binary(data):
        raise ConversionError("binary data, not a text article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ConversionError(
            "cannot be decoded: not UTF-8, UTF-16 or Windows-1252 "
            f"(byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


def clean_text(text: str) -> str:
    """Repair mojibake and normalise whitespace; keep line structure.

    >>> clean_text("Price: Â£5\\r\\nNext  line \\x00")
    'Price: £5\\nNext line'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() or "&" in text:
        # Before removing controls: mojibake of "”" ends in the C1 byte 0x9d.
        text = ftfy.fix_text(text, FTFY_CONFIG)
    text = CONTROL_CHARS.sub("", text)
    text = ODD_SPACES.sub(" ", text)
    lines = [SPACE_RUNS.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def decode_article(data: bytes) -> str:
    """Raw bytes -> clean text, or ConversionError."""
    return clean_text(decode_bytes(data))
