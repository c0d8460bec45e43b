"""Models of alliance systems: structural balance, landscape theory, balance dynamics."""
