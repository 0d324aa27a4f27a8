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


def decode_bytes(data: bytes) -> tuple[str, tuple[int, ...]]:
    """Decode raw article bytes; return the text and the offsets of the bytes
    that were not valid in the file's encoding (read as Windows-1252 instead,
    with ftfy's "sloppy" codec, which gives every byte a character: a scraped
    UTF-8 file with one stray byte loses nothing). Raise ConversionError only
    for bytes that are not text at all."""
    codec, skip = detect_encoding(data)
    if codec.startswith("utf-16") or codec.startswith("utf-32"):
        try:
            return data[skip:].decode(codec), ()
        except UnicodeDecodeError as exc:
            raise ConversionError(
                f"cannot be decoded: starts like {codec} but byte {exc.start + skip} is invalid"
            ) from None
    if looks_binary(data):
        raise ConversionError("binary data, not a text article")
    body = data[skip:]
    try:
        return body.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few stray bytes, if it has UTF-8 characters at all;
    # otherwise a file in Windows-1252, which needs no warning.
    if UTF8_SEQUENCE.search(body):
        text, bad = utf8_with_stray_bytes(body)
        if bad is not None:
            return text, tuple(skip + offset for offset in bad)
    try:
        return body.decode("cp1252"), ()
    except UnicodeDecodeError:
        pass
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)

    undefined = tuple(skip + i for i, byte in enumerate(body) if byte in CP1252_UNDEFINED)
    return body.decode("sloppy-windows-1252"), undefined


# A character of more than one byte in UTF-8.
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Bytes Windows-1252 leaves undefined (ftfy's sloppy codec maps them to C1 controls).
CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
# At most this many stray bytes (and 1 in 20) make a file "UTF-8 with a few bad bytes"
# rather than a file in another encoding.
MAX_STRAY_BYTES = 32


def utf8_with_stray_bytes(data: bytes) -> tuple[str, tuple[int, ...] | None]:
    """UTF-8 text with a few invalid bytes: (text, their offsets), each
    stray byte read as Windows-1252; ("", None) when there are too many
    for the file to be UTF-8."""
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)

    parts, bad, start = [], [], 0
    while True:
        try:
            parts.append(data[start:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            end = start + exc.end
            parts.append(data[start:start + exc.start].decode("utf-8"))
            parts.append(data[start + exc.start:end].decode("sloppy-windows-1252"))
            bad.extend(range(start + exc.start, end))
            start = end
            if len(bad) > MAX_STRAY_BYTES or len(bad) > max(2, len(data) // 20):
                return "", None
    return "".join(parts), tuple(bad)


def fix_lines(text: str) -> str:
    """ftfy.fix_text, which fixes a text line by line, given only the lines it
    could change: a plain ASCII line without "&" it leaves as it is, yet
    costs a third of its time in a typical story. Whole when a line has "<"
    (from then on ftfy leaves HTML entities alone) or a terminal escape."""
    if "<" in text or "\x1b" in text:
        return ftfy.fix_text(text, FTFY_CONFIG)
    lines = text.split("\n")
    segments = [line + "\n" for line in lines[:-1]] + lines[-1:]  # as ftfy cuts the text
    return "".join(
        ftfy.fix_text(segment, FTFY_CONFIG) if not segment.isascii() or "&" in segment else segment
        for segment in segments
    )


def clean_text(text: str) -> str:
    """Repair mojibake and normalise whitespace; keep line structure.

    >>> clean_text("Price: Â£5\\r\\nNext  line \\x00")
    'Price: £5\\nNext line'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Unicode's own separators: a paragraph break, a line break (never left
    # inside a headline or a line).
    text = text.replace("\u2029", "\n\n").replace("\u2028", "\n").replace("\x85", "\n")
    if not text.isascii() or "&" in text:
        # Before removing controls: mojibake of "”" ends in the C1 byte 0x9d.
        text = fix_lines(text)
    text = CONTROL_CHARS.sub("", text)
    text = ODD_SPACES.sub(" ", text)
    lines = [SPACE_RUNS.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def decode_article(data: bytes) -> str:
    """Raw bytes -> clean text, or ConversionError."""
    return clean_text(decode_bytes(data)[0])


def decode_article_with_stray_bytes(data: bytes) -> tuple[str, tuple[int, ...]]:
    """Raw bytes -> (clean text, offsets of the bytes that did not decode)."""
    text, stray = decode_bytes(data)
    return clean_text(text), stray
