"""The documents: formats, parsing, the model and what is read out of it (plain Python, below index/ and tui/)."""

from documents import compiled_code

compiled_code.install()  # first thing: the code of every dataclass made from here on comes compiled
