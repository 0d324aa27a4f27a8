"""Tag pages written one tag at a time give Pelican's templates what Pelican would."""
from news_digest.pelican.listings import StoryList, index_listings, write_tag_pages


class Story:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


class PelicanLikeGenerator:
    """Pelican's generate_tags, as generators.py writes it."""

    def __init__(self, tags, dates):
        self.tags, self.dates = tags, dates

    def generate_tags(self, write):
        for tag, articles in self.tags.items():
            dates = [article for article in self.dates if article in articles]
            write(tag, articles, dates)


def pages(generator, run):
    written = []
    run(generator, lambda tag, articles, dates: written.append((tag, list(articles), list(dates))))
    return written


def test_each_tag_page_gets_its_own_stories_in_date_order():
    a, b, c, d = (Story(n) for n in "abcd")
    dates = [c, a, d, b]  # Pelican's order: by date
    tags = {"x": StoryList([a, b, c]), "y": StoryList([d]), "z": StoryList([]), "w": StoryList([b, b])}
    generator = PelicanLikeGenerator(tags, dates)
    expected = pages(generator, PelicanLikeGenerator.generate_tags)
    assert pages(generator, write_tag_pages) == expected
    assert expected[0][2] == [c, a, b]
    assert generator.tags is tags and generator.dates is dates  # put back


def test_index_listings_makes_the_generator_write_tag_pages_one_at_a_time():
    a, b = Story("a"), Story("b")
    generator = PelicanLikeGenerator({"x": [a, b]}, [b, a])
    generator.categories, generator.authors = [("news", [a])], []
    index_listings([generator])
    assert isinstance(generator.tags["x"], StoryList) and isinstance(generator.categories[0][1], StoryList)
    written = []
    generator.generate_tags(lambda tag, articles, dates: written.append((tag, dates)))
    assert written == [("x", [b, a])]
