"""Binds every feature file under features/ (one per guide section) as pytest tests."""
from pytest_bdd import scenarios

scenarios(".")
