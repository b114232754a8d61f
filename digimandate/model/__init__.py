"""Stage 1, read and validate: YAML text to located data, included files, the typed organisation model.

Owns the loader, includes, validation and the pydantic model; may import only errors, i18n and clock.
"""
