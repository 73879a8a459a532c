"""Where a match starts and stops in a snippet from either backend: characters no text holds
(config/text.py removes them from everything stored), turned into <mark> after escaping."""

START, STOP = "\x02", "\x03"
