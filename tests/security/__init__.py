"""Tests of the security room."""
