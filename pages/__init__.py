"""Page objects: public locators named by the guide's own labels, methods as user intentions, no asserts."""
