"""Client documents (advice report, board memo): built once as a document model, rendered per format."""
