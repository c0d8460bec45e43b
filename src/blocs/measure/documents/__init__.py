"""Documents: paragraphs numbered as citations number them, figures in prose, and the check
that a scenario's citations stand in their sources."""
