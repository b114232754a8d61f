"""Stage 4, the command line: options, settings and config, runs over files and folders, writing outputs.

Owns exit codes and the one error handler; may import every other stage.
"""
