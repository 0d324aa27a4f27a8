"""The one error the pure layer raises."""


class ConversionError(ValueError):
    """A raw article cannot become a post; the message says why.

    The Pelican glue and the command line catch it per file, name the file and
    go on with the rest.
    """
