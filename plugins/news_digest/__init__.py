"""news-digest: raw news articles -> a Pelican news site.

The folders are the pipeline: text/ (raw bytes -> article -> Markdown post),
tags/ (entities -> tags), related/ (related stories) and site/ (feeds, SEO,
search plan) are pure; pelican/ is the glue, one module per build step.
"""


def register():
    """Connect each build step's handler to its Pelican signal (Pelican calls this)."""
    from pelican import signals

    from .pelican import (
        articles, configure, content_bounds, finish, frozen_urls, generators, listings, markdown_reader,
        memory, parallel_pages, reader_cache, reading, related_early, safe_urls, sanitizing, stale_output,
        tag_merge, template_cache, translations, writer,
    )

    memory.exit_without_collecting()
    signals.initialized.connect(configure.check_settings)
    signals.initialized.connect(reader_cache.check_reader_cache)
    signals.initialized.connect(template_cache.keep_compiled_templates)  # after the reader cache's stamp
    signals.readers_init.connect(markdown_reader.reuse_markdown)
    signals.readers_init.connect(reader_cache.save_only_when_changed)
    signals.article_generator_init.connect(memory.set_aside_long_lived)
    signals.article_generator_init.connect(reading.convert_raw_files)
    signals.content_object_init.connect(sanitizing.sanitize_content)
    signals.content_object_init.connect(safe_urls.safe_urls)
    signals.content_object_init.connect(related_early.note_article)  # after the two above: the story as read
    signals.article_generator_pretaxonomy.connect(memory.set_aside_long_lived)
    signals.article_generator_pretaxonomy.connect(tag_merge.merge_digest_tags)
    signals.article_generator_finalized.connect(articles.prepare_articles)
    signals.get_generators.connect(memory.collect_less)  # as every build starts
    signals.get_generators.connect(generators.feed_generators)
    signals.get_writer.connect(writer.atomic_writer)
    signals.all_generators_finalized.connect(content_bounds.remove_output_links)
    signals.all_generators_finalized.connect(frozen_urls.keep_article_urls)
    signals.all_generators_finalized.connect(listings.index_listings)
    signals.all_generators_finalized.connect(stale_output.note_static_files)
    signals.all_generators_finalized.connect(memory.release_before_writing)  # before the fork: a smaller copy
    signals.all_generators_finalized.connect(parallel_pages.split_listings_by_settings)
    signals.finalized.connect(finish.finish_build)
    signals.finalized.connect(reader_cache.stamp_reader_cache)
    signals.finalized.connect(memory.stop_setting_aside)
    frozen_urls.install()
    translations.install()
    content_bounds.install()
