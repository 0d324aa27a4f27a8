"""The people, places and organisations a story is about: spans of
capitalised words found, junk filtered, spellings merged, typed and ranked
by salience; then one tag per entity across the whole digest. Pure: the
glue hands in the word lists."""
