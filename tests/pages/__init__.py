"""Tests of the pages room."""
