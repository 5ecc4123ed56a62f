"""Tests of the caching room."""
