"""`termqa translate`: DeepL pre-translation of Markdown that protects terms, then checks."""
