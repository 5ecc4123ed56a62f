"""Tests of the operations room."""
