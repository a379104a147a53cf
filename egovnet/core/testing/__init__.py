"""Reusable test bases (NetBox's ``utilities/testing`` for egovnet): generic, free of domain imports.

Each registry's tests subclass them and build their own world with ``egovnet.core.tests.factories``.
"""
