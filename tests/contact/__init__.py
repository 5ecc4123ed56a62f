"""Tests of the contact room."""
