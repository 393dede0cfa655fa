"""The site's figures: functions that compute with the package and return a Figure.

Each module holds the figures of one article and a `FIGURES` dict mapping file stems to
the functions that draw them; `steepest.figures.registry` combines them.
"""
