"""What the site is made of besides Pelican's pages: feeds as bytes, SEO
metadata, the search plan, sanitised HTML. Pure: plain values in, strings
or bytes out."""
