"""Production build: `pelican content -s publishconf.py`, with absolute URLs."""
import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# Set this to the address the digest is published at.
SITEURL = os.environ.get("DIGEST_SITEURL", "https://digest.example")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
