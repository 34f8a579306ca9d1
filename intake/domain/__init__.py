"""Business rules with no Flask request in them."""
