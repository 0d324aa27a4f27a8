"""The Pelican glue: one small module per step of a build, connected to
Pelican's signals in news_digest.register(). Only this folder, the command
line and the benchmark read settings, touch files or log."""
