"""Importers: organisation entities from registers the organisation already has."""
