"""Search: the Whoosh index over the corpus's clauses, with our own segmenter."""

from index.whoosh_imports import install

install()
