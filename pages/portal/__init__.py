"""The consular portal's desktop screens."""
