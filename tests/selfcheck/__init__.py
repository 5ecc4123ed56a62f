"""Tests of the selfcheck room."""
