"""news-digest: raw news articles -> a Pelican news site."""


def register():
    """Connect the plugin's signal handlers (Pelican calls this)."""
    from pelican import signals

    from . import frozen_urls, markdown_reader, plugin

    signals.initialized.connect(plugin.check_settings)
    signals.readers_init.connect(markdown_reader.reuse_markdown)
    signals.article_generator_init.connect(plugin.convert_raw_files)
    signals.article_generator_pretaxonomy.connect(plugin.merge_digest_tags)
    signals.article_generator_finalized.connect(plugin.prepare_articles)
    signals.get_generators.connect(plugin.feed_generators)
    signals.get_writer.connect(plugin.atomic_writer)
    signals.content_object_init.connect(plugin.sanitize_content)
    signals.all_generators_finalized.connect(plugin.generators_finalized)
    signals.finalized.connect(plugin.build_search_index)
    frozen_urls.install()
