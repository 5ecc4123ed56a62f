"""Tests of the editorial room."""
