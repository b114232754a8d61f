"""Stage 0, import: organisation entities from the registers an organisation already keeps.

Owns reading each source, the merge into a machine-owned file and the import report; may import model only.
"""
