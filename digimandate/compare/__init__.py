"""Several organisations side by side: verdicts per norm, levels, size classes and medians."""
