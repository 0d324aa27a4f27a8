"""Raw bytes -> Article -> Markdown post: decode, structure, repair, dates,
slugs, Markdown. Pure: plain values in and out; no Pelican, no files, no
logging. Problems are raised as ConversionError."""
