"""egovnet — the national e-government network platform for 发改高技[2012]1986号."""

__version__ = "0.1.0"
