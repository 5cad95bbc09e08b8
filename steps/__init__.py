"""Step definitions: one to five lines each, over page objects; registered from the root conftest."""
