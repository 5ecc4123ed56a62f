"""Tests of the seo room."""
