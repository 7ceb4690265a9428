"""Per-market facts: data/markets/*.yml validated, formatted per locale, rendered into pages."""
